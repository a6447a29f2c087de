import { E, M, O, type Outcome, R, WORKER_PROCESS_MS } from '../engine/constants';
import { deliver } from '../engine/deliver';
import { fanOutEdges, KEEP_KEY } from '../engine/fanout';
import { crashNode } from '../engine/health';
import { reportTo } from '../engine/report';
import type { KindConfigValue } from '../../domain/catalog';
import { resendLater } from '../engine/resend';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';
import { noteOrchestrator } from './saga';
import { captureOwner } from '../engine/guardFrames';

/**
 * A worker processes each message for WORKER_PROCESS_MS (in memory), then calls its next nodes with
 * the idempotency key its config says, retrying failed calls `retries` times. It acks its caller
 * after processing (or on receipt with `ack: before-processing`). Wired to activities, it
 * orchestrates them one after the other in edge order — with its progress in memory only.
 */
export interface WorkerState {
  beforeProcessing: boolean;
  /** 0 none, 1 random-per-attempt, 2 deterministic. */
  keyMode: number;
  retries: number;
  open: Set<number>;
}

const KEY_MODE: Record<KindConfigValue<'worker', 'idempotencyKey'>, number> = {
  none: 0,
  'random-per-attempt': 1,
  deterministic: 2,
};

export function initWorker(s: Sim, node: number): void {
  s.states.worker[node] = {
    beforeProcessing: cfg(s.t, node, 'worker', 'ack') === 'before-processing',
    keyMode: KEY_MODE[cfg(s.t, node, 'worker', 'idempotencyKey')],
    retries: cfg(s.t, node, 'worker', 'retries'),
    open: new Set(),
  } satisfies WorkerState;
}

/** The key a caller sends: none, a fresh one per attempt, or one derived from the item (and step). */
export function keyFor(s: Sim, mode: number, item: number, step: number): number {
  if (mode === 0) return 0;
  if (mode === 1) return s.freshKey();
  return step < 0 ? item + 1 : -(item * 64 + step + 1);
}

export function workerReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const st = s.states.worker[node]!;
  const c = s.m.copy(msg);
  s.m.hops[c] = s.m.hops[msg]! + depth;
  const parent = st.beforeProcessing ? -1 : captureOwner(s, owner);
  const rec = s.r.alloc(R.worker, node, c, -1, parent, s.epoch[node]!);
  st.open.add(rec);
  s.schedule(s.now + WORKER_PROCESS_MS, E.workerDone, rec, 0, s.r.ref(rec));
  return st.beforeProcessing ? O.ok : O.pending;
}

/** Processing finished: call the steps (orchestration) or the next nodes. */
export function onWorkerDone(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  if (s.t.steps[node]!.length > 0 && s.m.type[s.r.msg[rec]!] === M.request) {
    noteOrchestrator(s, s.m.item[s.r.msg[rec]!]!, node);
    callStep(s, rec);
  } else callNext(s, rec);
  if (s.armed[node] !== 0) {
    const fi = s.armed[node]! - 1;
    s.armed[node] = 0;
    if (s.tracing)
      traceStep(s, s.r.msg[rec]!, node, -1, 'crashed after its side effect, before acking', [s.f.names[fi]!]);
    crashNode(s, node, s.f.amount[fi]!);
  }
}

function callNext(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  const st = s.states.worker[node]!;
  const base = s.r.msg[rec]!;
  const key = keyFor(s, st.keyMode, s.m.item[base]!, -1);
  const o = fanOutEdges(s, node, s.t.fwd[node]!, base, s.r.ref(rec), 1, key);
  if (o !== O.pending) onWorkerAnswer(s, rec, o);
}

function callStep(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  const st = s.states.worker[node]!;
  const step = s.r.state[rec]!;
  const base = s.r.msg[rec]!;
  const c = s.m.copy(base);
  s.m.key[c] = keyFor(s, st.keyMode, s.m.item[base]!, step);
  const o = deliver(s, c, s.t.steps[node]![step]!, s.r.ref(rec), 1);
  if (o !== O.pending) onWorkerAnswer(s, rec, o);
}

/** An answer to the worker's call: go on, retry after backoff, or give up (nack its caller). */
export function onWorkerAnswer(s: Sim, rec: number, o: Outcome): void {
  const node = s.r.node[rec]!;
  const st = s.states.worker[node]!;
  const steps = s.t.steps[node]!;
  const orchestrating = steps.length > 0 && s.m.type[s.r.msg[rec]!] === M.request;
  if (o === O.ok) {
    if (orchestrating) {
      const next = ++s.r.state[rec]!;
      s.r.attempt[rec] = 0;
      if (next < steps.length) {
        callStep(s, rec);
        return;
      }
      fanOutEdges(s, node, s.t.fwd[node]!, s.r.msg[rec]!, -1, 1, KEEP_KEY);
    }
    finish(s, rec, O.ok);
    return;
  }
  if (resendLater(s, rec, E.retry, st.retries) >= 0) {
    if (s.tracing)
      traceStep(s, s.r.msg[rec]!, node, -1, `call failed: retry ${s.r.attempt[rec]} of ${st.retries}`, []);
    return;
  }
  if (s.tracing) traceStep(s, s.r.msg[rec]!, node, -1, `gave up after ${st.retries} retries`, [], 'gave-up');
  s.st.errors[node]!++;
  s.countErr();
  finish(s, rec, O.err);
}

export function onWorkerRetry(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  const steps = s.t.steps[node]!;
  if (steps.length > 0 && s.m.type[s.r.msg[rec]!] === M.request) callStep(s, rec);
  else callNext(s, rec);
}

function finish(s: Sim, rec: number, o: Outcome): void {
  const parent = s.r.parent[rec]!;
  s.states.worker[s.r.node[rec]!]!.open.delete(rec);
  s.r.release(rec);
  reportTo(s, parent, o);
}

/** A crash loses everything the worker holds in memory: its callers see no answer. */
export function onWorkerCrash(s: Sim, node: number): void {
  const st = s.states.worker[node]!;
  const open = [...st.open];
  st.open.clear();
  for (const rec of open) {
    const parent = s.r.parent[rec]!;
    if (s.tracing)
      traceStep(s, s.r.msg[rec]!, node, -1, 'lost from memory: the worker crashed', [], 'lost-in-crash');
    s.r.release(rec);
    reportTo(s, parent, O.noAnswer);
  }
}
