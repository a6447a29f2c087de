import { E, O, OUTBOX_RETRY_CAP_MS, type Outcome, R } from './constants';
import { deliver } from './deliver';
import { reportTo } from './report';
import { resendLater, sendOrWait } from './resend';
import type { Sim } from './sim';
import { traceStep } from './trace';
import { captureOwner } from './guardFrames';

/** Pass as `key` to forward a message with the key it already carries. */
export const KEEP_KEY = 2147483647;

/** Combines two outcomes: any failure wins over ok; "no answer" wins over an error. */
function combine(a: Outcome, b: Outcome): Outcome {
  if (a === O.ok) return b;
  if (b === O.ok) return a;
  return a === O.noAnswer || b === O.noAnswer ? O.noAnswer : O.err;
}

/**
 * Forwards `msg` along `edges` synchronously and returns the combined outcome: a single edge passes
 * the caller's owner straight through; several edges join under a record that reports once every
 * branch has answered. No edges = the message is absorbed here (ok).
 */
export function fanOutEdges(
  s: Sim,
  node: number,
  edges: Int32Array,
  msg: number,
  owner: number,
  depth: number,
  key: number,
): Outcome {
  const k = edges.length;
  if (k === 0) return O.ok;
  if (k === 1) {
    let m = msg;
    if (key !== KEEP_KEY && s.m.key[msg] !== key) {
      m = s.m.copy(msg);
      s.m.key[m] = key;
    }
    return deliver(s, m, edges[0]!, owner, depth);
  }
  const j = s.r.alloc(R.join, node, -1, -1, -1, 0);
  s.r.state[j] = k;
  s.r.state2[j] = O.ok;
  s.r.attempt[j] = 1; // "inside the loop": a branch finishing synchronously must not report upward
  const ref = s.r.ref(j);
  for (let i = 0; i < k; i++) {
    const m = s.m.copy(msg);
    if (key !== KEEP_KEY) s.m.key[m] = key;
    const o = deliver(s, m, edges[i]!, ref, depth);
    if (o !== O.pending) {
      s.r.state[j]--;
      s.r.state2[j] = combine(s.r.state2[j] as Outcome, o);
    }
  }
  s.r.attempt[j] = 0;
  if (s.r.state[j] === 0) {
    const o = s.r.state2[j] as Outcome;
    s.r.release(j);
    return o;
  }
  // Some branch answers later: the join keeps its owner until then.
  s.r.parent[j] = captureOwner(s, owner);
  return O.pending;
}

/** A branch of a join answered later. */
export function onJoinAnswer(s: Sim, j: number, o: Outcome): void {
  s.r.state[j]!--;
  s.r.state2[j] = combine(s.r.state2[j]! as Outcome, o);
  if (s.r.state[j]! > 0 || s.r.attempt[j] === 1) return;
  const parent = s.r.parent[j]!;
  const out = s.r.state2[j] as Outcome;
  s.r.release(j);
  reportTo(s, parent, out);
}

/** Forwards along the node's forwarding edges, keeping keys. */
export function fanOut(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  return fanOutEdges(s, node, s.t.fwd[node]!, msg, owner, depth + 1, KEEP_KEY);
}

/**
 * A durable outbox: what a durable node (aggregator, database, webhook endpoint) has committed is
 * sent to each edge and resent with backoff until acknowledged (it survives crashes; sends wait
 * while the node is down). At-least-once: a lost answer becomes a duplicate downstream.
 */
export function sendViaOutbox(s: Sim, node: number, edges: Int32Array, msg: number, depth: number): void {
  for (let i = 0; i < edges.length; i++) {
    const m = i === 0 ? msg : s.m.copy(msg);
    s.m.hops[m] = s.m.hops[msg]! + depth;
    const rec = s.r.alloc(R.outbox, node, m, edges[i]!, -1, 0);
    outboxSend(s, rec);
  }
}

export function outboxSend(s: Sim, rec: number): void {
  const o = sendOrWait(s, rec, E.retry);
  if (o !== O.pending) onOutboxAnswer(s, rec, o);
}

export function onOutboxAnswer(s: Sim, rec: number, o: Outcome): void {
  if (o === O.ok) {
    s.r.release(rec);
    return;
  }
  const wait = resendLater(s, rec, E.retry, Infinity, OUTBOX_RETRY_CAP_MS);
  if (s.tracing)
    traceStep(s, s.r.msg[rec]!, s.r.node[rec]!, s.r.edge[rec]!, `not acknowledged: resent in ${wait} ms`, []);
}
