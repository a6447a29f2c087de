import { E, O, type Outcome, R } from '../engine/constants';
import { fanOut } from '../engine/fanout';
import { reportTo } from '../engine/report';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';
import { captureOwner } from '../engine/guardFrames';

/**
 * A synchronous API in front of services: it forwards each call and answers with the downstream's
 * answer — unless that takes longer than `timeoutMs`, in which case its caller sees a timeout while
 * the work goes on (so a retrying caller turns a slow call into a duplicate).
 */
export interface ApiState {
  timeoutMs: number;
  open: Set<number>;
}

export function initApi(s: Sim, node: number): void {
  s.states.api[node] = {
    timeoutMs: Math.max(1, cfg(s.t, node, 'api', 'timeoutMs')),
    open: new Set(),
  } satisfies ApiState;
}

export function apiReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const st = s.states.api[node]!;
  const rec = s.r.alloc(R.api, node, msg, -1, -1, s.epoch[node]!);
  s.r.state[rec] = 1;
  const o = fanOut(s, node, msg, s.r.ref(rec), depth);
  s.r.state[rec] = 0;
  if (o !== O.pending) {
    s.r.release(rec);
    return o;
  }
  // The call answers later (or times out): the record keeps its caller until then.
  s.r.parent[rec] = captureOwner(s, owner);
  st.open.add(rec);
  s.schedule(s.now + st.timeoutMs, E.apiTimeout, rec, 0, s.r.ref(rec));
  return O.pending;
}

/** The downstream answered (in time). */
export function onApiAnswer(s: Sim, rec: number, o: Outcome): void {
  if (s.r.state[rec] === 1) return; // answered synchronously inside apiReceive: returned there
  const parent = s.r.parent[rec]!;
  s.states.api[s.r.node[rec]!]!.open.delete(rec);
  s.r.release(rec);
  reportTo(s, parent, o);
}

export function onApiTimeout(s: Sim, rec: number): void {
  const node = s.r.node[rec]!;
  if (s.tracing) traceStep(s, s.r.msg[rec]!, node, -1, 'the API timed out waiting for its downstream', []);
  s.st.errors[node]!++;
  s.countErr();
  const parent = s.r.parent[rec]!;
  s.states.api[node]!.open.delete(rec);
  s.r.release(rec);
  reportTo(s, parent, O.noAnswer);
}

/** A crashed API drops its open calls: callers see no answer. */
export function onApiCrash(s: Sim, node: number): void {
  const st = s.states.api[node]!;
  for (const rec of [...st.open]) {
    const parent = s.r.parent[rec]!;
    s.r.release(rec);
    reportTo(s, parent, O.noAnswer);
  }
  st.open.clear();
}
