import { E, K, M, O, type Outcome } from '../engine/constants';
import { deliver } from '../engine/deliver';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import { reportTo } from '../engine/report';
import type { Sim } from '../engine/sim';
import { cfg, describeNode } from '../engine/topology';
import { traceStep } from '../engine/trace';
import { setStepFailureReason } from './temporal/workflow';
import { captureOwner } from '../engine/guardFrames';
import { countAction } from './temporal/actions';

/** A Nexus handler must answer a start request within this long; the caller's machinery retries after. */
export const NEXUS_START_DEADLINE_MS = 10_000;

/**
 * A Nexus endpoint: a caller workflow's operation, served by a handler in another namespace. Its
 * activity edges are the handler's work. `sync`: the work runs inside the start request — longer
 * than the 10 s deadline, the caller sees a timeout and retries, and the work runs again.
 * `workflow-run`: the start answers at once by starting a handler workflow whose id comes from the
 * operation's request id (a repeated start is deduplicated); its result reaches the caller by a
 * callback after the work, which the caller's durable history keeps across the caller's crash.
 */
export interface NexusState {
  async: boolean;
  workMs: number;
  /** workflow-run: request id → the caller's record to call back (-1 = completed). */
  ops: Map<number, number>;
  /** Start requests per request id (for the explanation). */
  starts: Map<number, number>;
}

export function initNexus(s: Sim, node: number): void {
  s.states.nexus[node] = {
    async: cfg(s.t, node, 'nexus-endpoint', 'handler') === 'workflow-run',
    workMs: cfg(s.t, node, 'nexus-endpoint', 'workMs'),
    ops: new Map(),
    starts: new Map(),
  } satisfies NexusState;
}

export function nexusReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  if (s.m.type[msg] !== M.request) return fanOut(s, node, msg, owner, depth);
  const st = s.states.nexus[node]!;
  const op = s.m.key[msg]! !== 0 ? s.m.key[msg]! : -(s.m.item[msg]! + 1);
  const starts = (st.starts.get(op) ?? 0) + 1;
  st.starts.set(op, starts);
  if (starts > 1) s.st.duplicates[node]!++;
  // The caller's namespace pays one Action per operation; retries with its request id are free.
  else countAction(s, node, 'nexusOperations');
  if (st.async) {
    const callback = st.ops.get(op);
    if (callback !== undefined) {
      if (s.tracing)
        traceStep(s, msg, node, -1, 'repeated start: same request id, same handler workflow', []);
      if (callback === -1) return O.ok;
      if (owner >= 0) st.ops.set(op, captureOwner(s, owner));
      return owner >= 0 ? O.pending : O.ok;
    }
    st.ops.set(op, captureOwner(s, owner));
    if (s.tracing) traceStep(s, msg, node, -1, 'started a handler workflow (id from the request id)', []);
    countAction(s, node, 'workflowStarts');
    doWork(s, node, msg, op, depth);
    s.schedule(s.now + st.workMs, E.nexusDone, node, op, 0);
    return owner >= 0 ? O.pending : O.ok;
  }
  if (s.tracing)
    traceStep(
      s,
      msg,
      node,
      -1,
      starts > 1 ? `sync handler runs the work again (start ${starts})` : 'sync handler runs the work',
      [],
    );
  doWork(s, node, msg, 0, depth);
  if (st.workMs <= NEXUS_START_DEADLINE_MS) {
    s.schedule(s.now + st.workMs, E.report, O.ok, 0, captureOwner(s, owner));
    return owner >= 0 ? O.pending : O.ok;
  }
  if (s.tracing)
    traceStep(
      s,
      msg,
      node,
      -1,
      `no answer within the ${NEXUS_START_DEADLINE_MS / 1000} s start deadline`,
      [],
    );
  s.st.errors[node]!++;
  s.countErr();
  s.schedule(s.now + NEXUS_START_DEADLINE_MS, E.report, O.noAnswer, 0, captureOwner(s, owner));
  return owner >= 0 ? O.pending : O.noAnswer;
}

/**
 * The handler's work: its activity edges. A handler workflow (key from the request id) retries each
 * step until it succeeds, like any workflow's activities; a sync handler calls each once, with no key.
 */
function doWork(s: Sim, node: number, msg: number, key: number, depth: number): void {
  const steps = s.t.steps[node]!;
  for (let i = 0; i < steps.length; i++) {
    const c = s.m.copy(msg);
    s.m.key[c] = key === 0 ? 0 : key * 16 - i;
    if (key === 0) deliver(s, c, steps[i]!, -1, depth + 1);
    else {
      // The handler workflow's activity (its first attempt; the outbox's resends are not attempts here).
      countAction(s, node, 'activityAttempts');
      sendViaOutbox(s, node, steps.subarray(i, i + 1), c, depth + 1);
    }
  }
  const fwd = s.t.fwd[node]!;
  for (let i = 0; i < fwd.length; i++) deliver(s, s.m.copy(msg), fwd[i]!, -1, depth + 1);
}

/** The handler workflow finished: its completion calls the caller back (the latest start's record). */
export function onNexusDone(s: Sim, node: number, op: number): void {
  const st = s.states.nexus[node]!;
  const callback = st.ops.get(op) ?? -1;
  st.ops.set(op, -1);
  reportTo(s, callback, O.ok);
}

setStepFailureReason((s, edge) => {
  const node = s.t.edgeTarget[edge]!;
  if (s.t.kind[node] !== K.nexus) return '';
  const st = s.states.nexus[node]!;
  if (st.async || st.workMs <= NEXUS_START_DEADLINE_MS) return '';
  return ` — ${describeNode(s.t, node)} is a sync handler whose ${st.workMs.toLocaleString('en-US')} ms of work never answers within the ${NEXUS_START_DEADLINE_MS / 1000} s start deadline, so every retry ran the work again`;
});
