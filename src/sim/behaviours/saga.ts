import { ACTIVITY_MS, E, F, K, M, O, type Outcome, R } from '../engine/constants';
import { deliver } from '../engine/deliver';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import { resendLater } from '../engine/resend';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';
import { failsPermanently, hashId } from '../engine/judge';
import {
  isRunBlocked,
  onRunStart,
  onStepAnswered,
  onStepsDone,
  onStepsFailed,
  stepKey,
} from './temporal/workflow';
import { captureOwner } from '../engine/guardFrames';
import { countAction } from './temporal/actions';

/** Per-request step bookkeeping: `request * activities + activityIndex`. */
export function initSagaTables(s: Sim, activityNodes: number[]): void {
  const o = s.out;
  o.activities = activityNodes.length;
  const size = activityNodes.length > 0 ? s.items.capacity * activityNodes.length : 0;
  o.stepApplied = new Int32Array(size);
  o.stepCompensated = new Int32Array(size);
  s.judge.permanentStep = new Uint8Array(size);
}

export function noteOrchestrator(s: Sim, request: number, node: number): void {
  if (request < s.items.count && s.out.orchestrator[request] === -1) s.out.orchestrator[request] = node;
}

export interface ActivityState {
  index: number;
  failureRate: number;
  /** Non-retryable business failures (card declined, quota denied), fixed per request. */
  permanentFailureRate: number;
  nodeKey: number;
  hasCompensation: boolean;
  /** The called service records the idempotency key in the same transaction as the effect. */
  atomicWithWrite: boolean;
  keys: Set<number>;
  compKeys: Set<number>;
}

export function initActivity(s: Sim, node: number, index: number): void {
  s.states.activity[node] = {
    index,
    failureRate: cfg(s.t, node, 'activity', 'failureRate'),
    permanentFailureRate: cfg(s.t, node, 'activity', 'permanentFailureRate'),
    nodeKey: hashId(s.t.nodeIds[node]!),
    hasCompensation: cfg(s.t, node, 'activity', 'hasCompensation'),
    atomicWithWrite: cfg(s.t, node, 'activity', 'atomicWithWrite'),
    keys: new Set(),
    compKeys: new Set(),
  } satisfies ActivityState;
}

/**
 * One side-effecting step. A request meets a permanent business failure with probability
 * `permanentFailureRate` (decided per request, so every attempt meets it: no effect, and the answer
 * says it is not worth retrying). An attempt fails with probability `failureRate` (no effect); otherwise
 * it applies once per idempotency key (a repeat with the same key is answered "done"; no key =
 * every call applies); a crash right after the effect loses the key unless `atomicWithWrite`. A
 * compensation undoes it when `hasCompensation`, else it is refused. The
 * answer reaches the caller ACTIVITY_MS later.
 */
export function activityReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  if (s.m.type[msg] !== M.request) return fanOut(s, node, msg, owner, depth);
  const st = s.states.activity[node]!;
  const req = s.m.item[msg]!;
  const key = s.m.key[msg]!;
  const slot = req * s.out.activities + st.index;
  let outcome: Outcome = O.ok;
  if ((s.m.flags[msg]! & F.compensate) !== 0) {
    if (!st.hasCompensation) outcome = O.err;
    else if (key === 0 || !st.compKeys.has(key)) {
      if (key !== 0) st.compKeys.add(key);
      s.out.stepCompensated[slot]!++;
      if (s.tracing) traceStep(s, msg, node, -1, 'compensated (undone)', [], 'compensated');
    }
  } else if (
    st.permanentFailureRate > 0 &&
    failsPermanently(s.options.seed, req, st.nodeKey, st.permanentFailureRate)
  ) {
    outcome = O.err;
    s.judge.permanent[req] = 1;
    s.judge.permanentStep[slot] = 1;
    if (s.tracing)
      traceStep(s, msg, node, -1, 'step failed permanently (a business failure: not retryable)', []);
  } else if (st.failureRate > 0 && s.rngA.chance(st.failureRate)) {
    outcome = O.err;
    if (s.tracing) traceStep(s, msg, node, -1, 'step failed', []);
  } else if (key !== 0 && st.keys.has(key)) {
    if (s.tracing) traceStep(s, msg, node, -1, 'already applied (same key): answered done', []);
  } else {
    // Crashing after its side effect, the activity applied the step but never recorded its key: a
    // retry applies it again (activities are at least once) — unless the service it calls records
    // the key in the same transaction as the effect (`atomicWithWrite`, like Stripe's idempotency
    // keys or a unique constraint on workflow id + activity id).
    if (key !== 0 && (st.atomicWithWrite || !s.crashingAfterEffect)) st.keys.add(key);
    s.out.stepApplied[slot]!++;
    if (s.tracing)
      traceStep(
        s,
        msg,
        node,
        -1,
        s.out.stepApplied[slot]! > 1 ? `applied again (${s.out.stepApplied[slot]} times)` : 'step applied',
        [],
        'step-applied',
      );
    // What an activity sends on carries it as its template (a welcome email vs a receipt).
    const out = s.m.copy(msg);
    s.m.aux[out] = node + 1;
    fanOut(s, node, out, -1, depth);
  }
  if (owner >= 0) s.schedule(s.now + ACTIVITY_MS, E.stepDone, outcome, 0, captureOwner(s, owner));
  return owner >= 0 ? O.pending : outcome;
}

export interface WorkflowState {
  compensate: boolean;
  retries: number;
  started: Set<number>;
}

export function initWorkflow(s: Sim, node: number): void {
  s.states.workflow[node] = {
    compensate: cfg(s.t, node, 'workflow', 'compensate'),
    retries: cfg(s.t, node, 'workflow', 'retries'),
    started: new Set(),
  } satisfies WorkflowState;
}

/**
 * A durable orchestrator: starting a request is answered at once (a repeat start of the same
 * request id is ignored), then its activity edges run one after the other with deterministic
 * per-step keys, each retried `retries` times. A step that fails for good with `compensate` on runs
 * the compensations of the completed steps in reverse (steps without `hasCompensation` are skipped:
 * they cannot be undone). Its state survives crashes; it resumes once the node is back up.
 */
export function workflowReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  if (s.m.type[msg] !== M.request) return fanOut(s, node, msg, owner, depth);
  const st = s.states.workflow[node]!;
  const req = s.m.item[msg]!;
  if (st.started.has(req)) {
    if (s.tracing) traceStep(s, msg, node, -1, 'already started (same workflow id): ignored', []);
    return O.ok;
  }
  st.started.add(req);
  noteOrchestrator(s, req, node);
  const c = s.m.copy(msg);
  s.m.hops[c] = s.m.hops[msg]! + depth;
  const rec = s.r.alloc(R.workflow, node, c, -1, -1, 0);
  onRunStart(s, node, req, rec, c);
  beginWorkflowSteps(s, rec);
  return O.ok;
}

/** Allocates the record that runs the workflow's steps for `msg` (a long-running run's unit of work). */
export function allocWorkflowSteps(s: Sim, node: number, msg: number): number {
  return s.r.alloc(R.workflow, node, msg, -1, -1, 0);
}

/** Runs the steps of a record from its first step (or completes at once when there are none). */
export function beginWorkflowSteps(s: Sim, rec: number): void {
  if (s.t.steps[s.r.node[rec]!]!.length === 0) complete(s, rec);
  else callStep(s, rec);
}

/** state = current step; state2 = 0 running forward, 1 compensating. */
function callStep(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  if (s.isDown(node)) {
    s.schedule(s.upAt(node), E.retry, rec, 0, s.r.ref(rec));
    return;
  }
  if (isRunBlocked(s, rec)) return;
  const step = s.r.state[rec]!;
  const base = s.r.msg[rec]!;
  const c = s.m.copy(base);
  s.m.key[c] = stepKey(s, node, s.m.item[base]!, step);
  if (s.r.state2[rec] === 1) s.m.flags[c]! |= F.compensate;
  const edge = s.t.steps[node]![step]!;
  // A step to a Nexus endpoint is a Nexus operation: billed once by the endpoint, its retries free.
  if (s.t.kind[s.t.edgeTarget[edge]!] !== K.nexus) countAction(s, node, 'activityAttempts');
  const o = deliver(s, c, edge, s.r.ref(rec), 1);
  if (o !== O.pending) onWorkflowAnswer(s, rec, o);
}

export function onWorkflowRetry(s: Sim, rec: number): void {
  callStep(s, rec);
}

/** An activity's answer is recorded durably; the next move waits until the node is up. */
export function onWorkflowAnswer(s: Sim, rec: number, o: Outcome): void {
  const node = s.r.node[rec]!;
  if (s.isDown(node)) {
    s.schedule(s.upAt(node), E.report, o, 0, s.r.ref(rec));
    return;
  }
  if (isRunBlocked(s, rec)) return;
  const st = s.states.workflow[node]!;
  // A failed attempt that the retry policy retries leaves no trace in the history (compensations
  // are retried until they succeed); the step's outcome is recorded once, when it is final.
  const retried =
    o !== O.ok &&
    (s.r.state2[rec] === 1 || (s.r.attempt[rec]! + 1 <= st.retries && !isPermanentAnswer(s, node, rec)));
  onStepAnswered(s, rec, o, retried);
  if (isRunBlocked(s, rec)) return;
  const steps = s.t.steps[node]!;
  const msg = s.r.msg[rec]!;
  if (s.r.state2[rec] === 0) {
    if (o === O.ok) {
      s.r.attempt[rec] = 0;
      if (++s.r.state[rec]! >= steps.length) {
        complete(s, rec);
        return;
      }
      callStep(s, rec);
      return;
    }
    const permanent = isPermanentAnswer(s, node, rec);
    // A permanent failure is not retried at all.
    if (resendLater(s, rec, E.retry, permanent ? 0 : st.retries) >= 0) {
      if (s.tracing)
        traceStep(
          s,
          msg,
          node,
          -1,
          `step ${s.r.state[rec]! + 1} failed: retry ${s.r.attempt[rec]} of ${st.retries}`,
          [],
        );
      return;
    }
    s.st.errors[node]!++;
    if (!st.compensate) {
      if (s.tracing)
        traceStep(
          s,
          msg,
          node,
          -1,
          `step ${s.r.state[rec]! + 1} failed for good; no compensation configured`,
          [],
        );
      onStepsFailed(s, rec, false);
      s.r.release(rec);
      return;
    }
    if (s.tracing)
      traceStep(
        s,
        msg,
        node,
        -1,
        `step ${s.r.state[rec]! + 1} failed for good${permanent ? ' (a permanent failure)' : ` after ${st.retries} retries`}: compensating`,
        [],
      );
    s.r.state2[rec] = 1;
    s.r.attempt[rec] = 0;
    compensateNext(s, rec, s.r.state[rec]! - 1);
    return;
  }
  if (o === O.ok) {
    compensateNext(s, rec, s.r.state[rec]! - 1);
    return;
  }
  // Only undoable steps are called, so a failure here is transient (outage, crash, partition):
  // a compensation must happen, so it is retried until it does.
  resendLater(s, rec, E.retry);
}

/** The step this record is on last answered with a permanent (non-retryable) failure. */
function isPermanentAnswer(s: Sim, node: number, rec: number): boolean {
  const step = s.r.state[rec]!;
  const act = s.t.edgeTarget[s.t.steps[node]![step]!]!;
  const a = s.states.activity[act];
  if (a === undefined || a.permanentFailureRate <= 0) return false;
  return s.judge.permanentStep[s.m.item[s.r.msg[rec]!]! * s.out.activities + a.index] === 1;
}

function compensateNext(s: Sim, rec: number, from: number): void {
  const node = s.r.node[rec]!;
  const steps = s.t.steps[node]!;
  let step = from;
  // A step that is not an activity (a Nexus operation) cannot be undone.
  while (step >= 0 && s.states.activity[s.t.edgeTarget[steps[step]!]!]?.hasCompensation !== true) {
    if (s.tracing)
      traceStep(s, s.r.msg[rec]!, node, -1, `step ${step + 1} cannot be undone (no compensation)`, []);
    step--;
  }
  if (step < 0) {
    onStepsFailed(s, rec, true);
    s.r.release(rec);
    return;
  }
  s.r.state[rec] = step;
  s.r.attempt[rec] = 0;
  callStep(s, rec);
}

function complete(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  if (s.tracing) traceStep(s, s.r.msg[rec]!, node, -1, 'all steps committed', []);
  sendViaOutbox(s, node, s.t.fwd[node]!, s.r.msg[rec]!, 1);
  onStepsDone(s, rec);
  s.r.release(rec);
}
