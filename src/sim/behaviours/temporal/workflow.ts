import { E, K, M, O, type Outcome } from '../../engine/constants';
import type { Sim } from '../../engine/sim';
import { EK } from '../../engine/topology';
import { rejectPoison } from '../../engine/dispatch';
import { reportTo } from '../../engine/report';
import { traceStep } from '../../engine/trace';
import { allocWorkflowSteps, beginWorkflowSteps, noteOrchestrator } from '../saga';
import {
  addHistory,
  addTask,
  closeRun,
  continueAsNew,
  DIRECT_CALLS,
  EV,
  isOpen,
  MAX_UPDATES_IN_FLIGHT,
  shouldContinueAsNew,
  startRun,
  temporalNode,
  world,
  type Run,
} from './runs';
import { captureOwner } from '../../engine/guardFrames';
import { countAction } from './actions';

/*
 * The Temporal workflow on top of the saga's step runner (saga.ts): every run keeps an event
 * history; signals, updates and queries reach a tenant's long-running run; a `cycleMs` durable
 * timer runs the steps once per cycle. Per-message work here is plain code; only lifecycle changes
 * move the run's XState snapshot (runs.ts).
 */

// ——— hooks called by the saga's step runner ———

export function onRunStart(s: Sim, node: number, req: number, rec: number, msg: number): void {
  const run = startRun(s, node, req, false, msg);
  run.rec = rec;
  world(s).recRun.set(rec, run);
}

/** The key of a step call: the activity id (request + step), or none for a call made from workflow code. */
export function stepKey(s: Sim, node: number, item: number, step: number): number {
  if (temporalNode(s, node).code === DIRECT_CALLS) return 0;
  return -(item * 64 + step + 1);
}

/** True when the run behind this record can make no progress (non-determinism error, terminated). */
export function isRunBlocked(s: Sim, rec: number): boolean {
  const run = world(s).recRun.get(rec);
  return run !== undefined && !isOpen(run);
}

/**
 * A step's final outcome is recorded in the history (an attempt the retry policy retries is not: the
 * server retries activities without writing events); a direct call is remembered for a later replay.
 * Each recorded outcome is a workflow task, where a long-running run follows the server's
 * continue-as-new suggestion.
 */
export function onStepAnswered(s: Sim, rec: number, o: Outcome, retried: boolean): void {
  const run = world(s).recRun.get(rec);
  if (!run) return;
  if (!retried) {
    addHistory(s, run, EV.step);
    if (run.long && shouldContinueAsNew(s, run)) continueAsNew(s, run);
  }
  if (o === O.ok && s.r.state2[rec] === 0 && temporalNode(s, run.node).code === DIRECT_CALLS) {
    const edge = s.t.steps[run.node]![s.r.state[rec]!]!;
    run.directCalls.push(edge, s.r.msg[rec]!);
  }
}

export function onStepsDone(s: Sim, rec: number): void {
  const w = world(s);
  const run = w.recRun.get(rec);
  if (!run) return;
  w.recRun.delete(rec);
  // Forwarding to another workflow starts a child: its events land in this run's history too.
  const fwd = s.t.fwd[run.node]!;
  for (let i = 0; i < fwd.length; i++)
    if (s.t.kind[s.t.edgeTarget[fwd[i]!]!] === K.workflow && s.t.edgeKind[fwd[i]!] === EK.call)
      addHistory(s, run, EV.child);
  if (!run.long) {
    run.rec = -1;
    closeRun(s, run, 'complete');
    return;
  }
  unitDone(s, run, rec, O.ok);
}

export function onStepsFailed(s: Sim, rec: number, compensated: boolean): void {
  const w = world(s);
  const run = w.recRun.get(rec);
  if (!run) return;
  w.recRun.delete(rec);
  const step = s.r.state[rec]!;
  const edge = s.t.steps[run.node]![step];
  const why = edge === undefined ? '' : stepFailureReason(s, edge);
  if (!run.long) {
    run.rec = -1;
    if (compensated) closeRun(s, run, 'compensated');
    else
      closeRun(
        s,
        run,
        'fail',
        `abandoned mid-way: step ${step + 1} failed for good and nothing compensated${why}`,
      );
    return;
  }
  if (!compensated) {
    run.failedUnits++;
    run.reason ||= `abandoned mid-way: step ${step + 1} failed for good and nothing compensated${why}`;
  }
  unitDone(s, run, rec, O.err);
}

/** Why a step could not succeed, when its target explains it (a Nexus endpoint's sync deadline). */
let stepFailureReason: (s: Sim, edge: number) => string = () => '';
export function setStepFailureReason(fn: (s: Sim, edge: number) => string): void {
  stepFailureReason = fn;
}

// ——— signals, updates and queries ———

/**
 * A message over a `signal`, `update` or `query` edge into a workflow. Returns what the sender sees.
 * Signals are accepted by the server even while the workflow's worker is down; updates and queries
 * need the worker.
 */
export function deliverWorkflowMessage(
  s: Sim,
  msg: number,
  e: number,
  owner: number,
  depth: number,
  timedOut: boolean,
): Outcome {
  const node = s.t.edgeTarget[e]!;
  const kind = s.t.edgeKind[e]!;
  const down = s.isDown(node);
  s.st.in[node]!++;
  if (s.m.type[msg] === M.poison) {
    // Like any consumer: parked in a DLQ wired from the workflow (answered ok), else refused.
    if (s.t.dlq[node]!.length > 0) return rejectPoison(s, node, msg, depth);
    if (s.tracing) traceStep(s, msg, node, e, 'malformed payload: rejected, nothing recorded', []);
    s.st.errors[node]!++;
    return O.err;
  }
  if (kind === EK.query) {
    if (down) {
      if (s.tracing) traceStep(s, msg, node, e, 'query unanswered: the workflow’s worker is down', []);
      return O.noAnswer;
    }
    if (s.tracing)
      traceStep(s, msg, node, e, 'answered a query (read-only: nothing recorded, nothing changed)', []);
    countAction(s, node, 'queries');
    return timedOut ? O.noAnswer : O.ok;
  }
  const tn = temporalNode(s, node);
  const tenant = tenantOf(s, msg);
  let run = tn.byTenant.get(tenant);
  // A signal that starts its run is one Action (Signal-With-Start); an update that does is two.
  const startedHere = run === undefined;
  if (run === undefined) {
    if (kind === EK.update && down) return O.noAnswer;
    run = startRun(s, node, tenant, true, msg);
    if (tn.cycleMs > 0) setTimer(s, run, s.now + tn.cycleMs);
  }
  if (run.snap.value === 'terminated' || run.snap.value === 'completed') {
    if (s.tracing) traceStep(s, msg, node, e, `refused: the workflow run was ${run.snap.value}`, []);
    s.st.errors[node]!++;
    return O.err;
  }
  if (kind === EK.update) {
    if (down || run.snap.value === 'stuck') {
      if (s.tracing) traceStep(s, msg, node, e, 'update unanswered: no worker can accept it', []);
      return O.noAnswer;
    }
    if (run.seen.has(s.m.item[msg]!)) {
      if (s.tracing) traceStep(s, msg, node, e, 'update already applied (same update id): same result', []);
      return timedOut ? O.noAnswer : O.ok;
    }
    countAction(s, node, 'updates'); // accepted or rejected, both are billed
    if (run.updatesInFlight >= MAX_UPDATES_IN_FLIGHT) {
      if (s.tracing) traceStep(s, msg, node, e, 'update refused: 10 updates already in flight', []);
      s.st.errors[node]!++;
      return O.err;
    }
    run.updatesInFlight++;
    addHistory(s, run, EV.update);
  } else {
    addHistory(s, run, EV.signal);
    if (!startedHere) countAction(s, node, 'signals');
  }
  addTask(s, run);
  const c = s.m.copy(msg);
  s.m.hops[c] = s.m.hops[msg]! + depth;
  run.inbox.push(c);
  run.inboxOwner.push(kind === EK.update ? (timedOut ? -2 : captureOwner(s, owner)) : -1);
  if (s.tracing)
    traceStep(
      s,
      msg,
      node,
      e,
      kind === EK.signal
        ? down
          ? 'signal recorded in the history (the worker is down: handled when it is back)'
          : 'signal recorded in the history'
        : 'update accepted',
      [],
    );
  kick(s, run);
  if (kind === EK.signal) return timedOut ? O.noAnswer : O.ok;
  return timedOut ? O.noAnswer : O.pending;
}

/** The tenant whose long-running run a message belongs to. */
function tenantOf(s: Sim, msg: number): number {
  const item = s.m.item[msg]!;
  return item < s.items.count ? s.items.tenant[item]! : 0;
}

/** Schedules the run's next workflow task when it has work and can take it. */
function kick(s: Sim, run: Run): void {
  if (run.busy || run.inbox.length === 0 || !isOpen(run)) return;
  run.busy = true;
  s.schedule(Math.max(s.now, s.healthFsm.downUntil(run.node)), E.wfTask, run.node, 0, run.index);
}

/** A workflow task: process the inbox in order until a unit of work has to wait for its steps. */
export function onWorkflowTask(s: Sim, runIndex: number): void {
  const run = world(s).runs[runIndex]!;
  run.busy = false;
  if (!isOpen(run)) return;
  if (s.isDown(run.node)) {
    kick(s, run);
    return;
  }
  const tn = temporalNode(s, run.node);
  while (run.inbox.length > 0 && isOpen(run)) {
    const msg = run.inbox.shift()!;
    const owner = run.inboxOwner.shift()!;
    const item = s.m.item[msg]!;
    const type = s.m.type[msg]!;
    if (type !== M.window) {
      if (run.seen.has(item)) {
        if (s.tracing) traceStep(s, msg, run.node, -1, 'already handled (same id): ignored', []);
        s.st.duplicates[run.node]!++;
        answer(s, run, owner, O.ok);
        continue;
      }
      run.seen.add(item);
    }
    if (type === M.usage && tn.cycleMs > 0) {
      if (run.window < 0) {
        run.window = s.windows.open(run.node, run.key, run.cycle);
        // A signal is durable: one that arrives after the final flush is billed in the next cycle,
        // when the timer fires — and the run is not over until then.
        if (world(s).flushed) s.schedule(Math.max(s.now, run.timerAt), E.wfCycleDue, run.node, 0, run.index);
      }
      s.windows.add(run.window, item, s.m.val[msg]!);
      if (s.tracing)
        traceStep(s, msg, run.node, -1, `counted in billing cycle ${run.cycle} (tenant ${run.key})`, []);
      answer(s, run, owner, O.ok);
      continue;
    }
    // Each message's handler runs concurrently with the others (started in arrival order).
    if (type === M.request) noteOrchestrator(s, item, run.node);
    const rec = allocWorkflowSteps(s, run.node, msg);
    world(s).recRun.set(rec, run);
    run.units.set(rec, owner);
    beginWorkflowSteps(s, rec);
  }
  if (shouldContinueAsNew(s, run)) continueAsNew(s, run);
}

function answer(s: Sim, run: Run, owner: number, o: Outcome): void {
  if (owner === -1) return;
  run.updatesInFlight--;
  if (owner >= 0) reportTo(s, owner, o);
}

function unitDone(s: Sim, run: Run, rec: number, o: Outcome): void {
  const owner = run.units.get(rec) ?? -1;
  run.units.delete(rec);
  answer(s, run, owner, o);
  if (!isOpen(run)) return;
  if (shouldContinueAsNew(s, run)) continueAsNew(s, run);
  kick(s, run);
}

// ——— durable timers (cycleMs) ———

/** A run's cycle timer fires: what it collected becomes a unit of work; the next timer is set. */
export function onWorkflowTimer(s: Sim, node: number, runIndex: number): void {
  const run = world(s).runs[runIndex]!;
  if (!isOpen(run)) return;
  // Durable: a timer due while the worker is down fires when it is back.
  if (s.isDown(node)) {
    setTimer(s, run, s.healthFsm.downUntil(node));
    return;
  }
  addHistory(s, run, EV.timer);
  closeCycle(s, run);
  if (isOpen(run)) setTimer(s, run, s.now + temporalNode(s, node).cycleMs);
}

function setTimer(s: Sim, run: Run, at: number): void {
  countAction(s, run.node, 'timers');
  run.timerAt = at;
  s.schedule(at, E.wfTimer, run.node, 0, run.index);
}

/**
 * The timer of a cycle that took usage after the final flush is due. The run's own timer fires at
 * the same moment (it was set first, so it usually closes the cycle already); this event is work,
 * so the run waits for the bill.
 */
export function onWorkflowCycleDue(s: Sim, runIndex: number): void {
  const run = world(s).runs[runIndex]!;
  if (!isOpen(run) || run.window < 0) return;
  if (s.isDown(run.node)) {
    s.schedule(s.healthFsm.downUntil(run.node), E.wfCycleDue, run.node, 0, runIndex);
    return;
  }
  addHistory(s, run, EV.timer);
  closeCycle(s, run);
}

function closeCycle(s: Sim, run: Run): void {
  run.cycle++;
  if (run.window < 0) return;
  const total = s.m.alloc(M.window, s.synthetic(), 0, run.window, 0);
  run.window = -1;
  run.inbox.push(total);
  run.inboxOwner.push(-1);
  kick(s, run);
}

/** End of the run: every long-running run closes its open cycle (like an aggregator's final flush). */
export function flushWorkflows(s: Sim): void {
  const w = world(s);
  w.flushed = true;
  for (const run of w.runs) if (run.long && isOpen(run)) closeCycle(s, run);
}

/** Re-schedules the runs of a node that waited for its worker (after a restart). */
export function kickAll(s: Sim, node: number): void {
  for (const run of temporalNode(s, node).runs) if (run.long) kick(s, run);
}
