import { IntFifo } from '../core/grow';
import { ACK_COMMIT_MS, E, F, K, O, type Outcome, R } from '../engine/constants';
import { deliver, orderKeyOf } from '../engine/deliver';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';
import { QueueHolds } from './queueHolds';

/**
 * A durable queue: stores what it receives (answering at once), delivers each message to every
 * consumer edge, and redelivers a delivery that was not acked within `visibilityTimeoutMs`. With
 * `orderedByKey`, a key whose head delivery failed is held: later messages of that key wait behind
 * it until it is acked or dead-lettered (a poison message without a DLQ blocks its key for good).
 */
export interface QueueState {
  vis: number;
  /** Failed deliveries before the wired DLQ takes a message (`maxReceives`, SQS's maxReceiveCount). */
  maxReceives: number;
  ordered: boolean;
  /** Deliveries waiting for their ack or visibility deadline, in deadline order. */
  fifo: IntFifo;
  checkAt: number;
  /** Held keys (`holdKey`) → the failing delivery and the messages parked behind it. */
  holds: QueueHolds;
  /** Competing consumers (one group): each message goes to one consumer edge, not to all. */
  competing: boolean;
  /** Round-robin position among the consumer edges (competing consumers). */
  next: number;
}

export function initQueue(s: Sim, node: number): void {
  const st: QueueState = {
    vis: Math.max(1, cfg(s.t, node, 'queue', 'visibilityTimeoutMs')),
    maxReceives: Math.max(1, cfg(s.t, node, 'queue', 'maxReceives')),
    ordered: cfg(s.t, node, 'queue', 'orderedByKey'),
    fifo: new IntFifo(),
    checkAt: Infinity,
    holds: new QueueHolds(),
    competing: cfg(s.t, node, 'queue', 'delivery') === 'competing-consumers',
    next: 0,
  };
  s.states.queue[node] = st;
}

/** A message arrives: store a copy (durable) and hand it to the consumers. */
export function queueReceive(s: Sim, node: number, msg: number, depth: number): Outcome {
  // A message that starts its journey here (depth 0: straight from a producer or a delayed
  // delivery) is stored as is; one that travelled synchronously is copied to record its hops.
  // Either way the store counts as a hop: a queue that feeds a queue (itself, or a ring of them)
  // hands messages on at depth 0, and only the hop count lets MAX_HOPS name that loop.
  let c = msg;
  if (depth !== 0) {
    c = s.m.copy(msg);
    s.m.hops[c] = s.m.hops[msg]! + depth;
  } else s.m.hops[c]!++;
  queueStore(s, node, c);
  return O.ok;
}

/**
 * Delivers a stored message to each consumer edge (one copy per extra consumer) — or, with competing
 * consumers, to one of them: by key when ordered (a key stays with one consumer, like a Kafka
 * partition), else round-robin over the consumers that are up.
 */
export function queueStore(s: Sim, node: number, msg: number): void {
  const edges = s.t.fwd[node]!;
  const st = s.states.queue[node]!;
  if (st.competing && edges.length > 1) {
    deliverFromQueue(s, node, msg, pickConsumer(s, st, edges, msg));
    return;
  }
  for (let j = 0; j < edges.length; j++) deliverFromQueue(s, node, j === 0 ? msg : s.m.copy(msg), edges[j]!);
}

function pickConsumer(s: Sim, st: QueueState, edges: Int32Array, msg: number): number {
  if (st.ordered) {
    const k = orderKeyOf(s, msg);
    if (k >= 0) return edges[k % edges.length]!;
  }
  for (let i = 0; i < edges.length; i++) {
    const e = edges[(st.next + i) % edges.length]!;
    if (!s.isDown(s.t.edgeTarget[e]!)) {
      st.next = (st.next + i + 1) % edges.length;
      return e;
    }
  }
  const e = edges[st.next % edges.length]!;
  st.next = (st.next + 1) % edges.length;
  return e;
}

/** The held-key id of `msg` on `edge`: key × edges + edge, a small integer (a fast map key). */
function holdKey(s: Sim, msg: number, edge: number): number {
  const k = orderKeyOf(s, msg);
  return k < 0 ? -1 : k * s.t.edgeIds.length + edge;
}

function deliverFromQueue(s: Sim, node: number, msg: number, edge: number): void {
  const st = s.states.queue[node]!;
  if (st.ordered && st.holds.size !== 0) {
    const hk = holdKey(s, msg, edge);
    const hold = hk >= 0 ? st.holds.get(hk) : undefined;
    if (hold) {
      hold.parked.push(msg);
      if (s.tracing)
        traceStep(s, msg, node, edge, 'waiting: an earlier message of the same key is blocked', []);
      return;
    }
  }
  const rec = s.r.alloc(R.queueDelivery, node, msg, edge, -1, 0);
  s.r.state2[rec] = 1;
  attempt(s, node, st, rec);
}

function attempt(s: Sim, node: number, st: QueueState, rec: number): void {
  s.r.state[rec] = 0;
  s.r.time[rec] = s.now + st.vis;
  st.fifo.push(rec);
  if (s.r.time[rec] < st.checkAt) armCheck(s, node, st, s.r.time[rec]);
  const o = deliver(s, s.r.msg[rec]!, s.r.edge[rec]!, s.r.ref(rec), 0);
  if (o !== O.pending) onQueueAnswer(s, rec, o);
}

function armCheck(s: Sim, node: number, st: QueueState, at: number): void {
  if (at >= st.checkAt) return;
  st.checkAt = at;
  s.schedule(at, E.queueCheck, node, 0, 0);
}

/** The consumer's answer: an ack, or a failure that holds the key (ordered) until redelivery. */
export function onQueueAnswer(s: Sim, rec: number, o: Outcome): void {
  const node = s.r.node[rec]!;
  const st = s.states.queue[node]!;
  const msg = s.r.msg[rec]!;
  if (o === O.ok) {
    s.r.state[rec] = 1;
    s.r.time2[rec] = s.now;
    if (st.ordered && st.holds.size !== 0) release(s, node, st, rec);
    return;
  }
  s.r.state[rec] = 0;
  s.st.errors[node]!++;
  if (st.ordered) {
    const hk = holdKey(s, msg, s.r.edge[rec]!);
    if (hk >= 0) st.holds.hold(hk, rec);
  }
}

/** The holder of a key was acked or dead-lettered: deliver what waited behind it, in order. */
function release(s: Sim, node: number, st: QueueState, rec: number): void {
  const hk = holdKey(s, s.r.msg[rec]!, s.r.edge[rec]!);
  const hold = hk >= 0 ? st.holds.get(hk) : undefined;
  if (!hold || hold.holder !== rec) return;
  st.holds.delete(hk);
  const parked = hold.parked;
  for (let i = hold.start; i < parked.length; i++) {
    deliverFromQueue(s, node, parked[i]!, s.r.edge[rec]!);
    const again = st.holds.get(hk);
    if (again) {
      // A released message failed in turn: the rest keep waiting behind it.
      if (again.start === again.parked.length) {
        again.parked = parked;
        again.start = i + 1;
      } else for (let j = i + 1; j < parked.length; j++) again.parked.push(parked[j]!);
      return;
    }
  }
}

/** Visibility check: redeliver what is due and un-acked; forget what is acked and committed. */
export function onQueueCheck(s: Sim, node: number): void {
  const st = s.states.queue[node]!;
  if (s.now < st.checkAt) return;
  st.checkAt = Infinity;
  if (s.isDown(node)) {
    armCheck(s, node, st, s.upAt(node));
    return;
  }
  const r = s.r;
  const fifo = st.fifo;
  while (fifo.size > 0) {
    const rec = fifo.peek();
    const acked = r.state[rec] === 1;
    if (acked && r.time2[rec]! + ACK_COMMIT_MS <= s.now) {
      fifo.shift();
      r.release(rec);
      continue;
    }
    if (r.time[rec]! > s.now) {
      armCheck(s, node, st, acked ? Math.min(r.time[rec]!, r.time2[rec]! + ACK_COMMIT_MS) : r.time[rec]!);
      return;
    }
    fifo.shift();
    if (acked) r.release(rec);
    else redeliver(s, node, st, rec);
  }
}

function redeliver(s: Sim, node: number, st: QueueState, rec: number): void {
  const msg = s.r.msg[rec]!;
  const failures = s.r.state2[rec]!;
  const dlq = s.t.dlq[node]!;
  // A crashed consumer is not polling: like SQS's receive count (or Kafka, which counts nothing),
  // the time it is down uses up none of the message's receives. Look again a visibility timeout
  // later (the FIFO stays in deadline order).
  const consumer = s.t.edgeTarget[s.r.edge[rec]!]!;
  const competing = st.competing && !st.ordered && s.t.fwd[node]!.length > 1;
  if (!competing && s.isDown(consumer)) {
    s.r.time[rec] = s.now + st.vis;
    st.fifo.push(rec);
    armCheck(s, node, st, s.r.time[rec]);
    return;
  }
  if (failures >= st.maxReceives && dlq.length > 0) {
    if (s.tracing) traceStep(s, msg, node, -1, `dead-lettered after ${failures} failed deliveries`, []);
    s.st.deadLettered[node]!++;
    for (let j = 0; j < dlq.length; j++) deliver(s, j === 0 ? msg : s.m.copy(msg), dlq[j]!, -1, 0);
    s.r.state[rec] = 1;
    if (st.ordered && st.holds.size !== 0) release(s, node, st, rec);
    s.r.release(rec);
    return;
  }
  s.r.state2[rec] = failures + 1;
  s.m.flags[msg]! |= F.redelivered;
  // Competing consumers: the group hands an unacked message to another member that is up.
  const edges = s.t.fwd[node]!;
  if (st.competing && !st.ordered && edges.length > 1 && s.isDown(s.t.edgeTarget[s.r.edge[rec]!]!))
    s.r.edge[rec] = pickConsumer(s, st, edges, msg);
  if (s.tracing) traceStep(s, msg, node, s.r.edge[rec]!, `redelivered (not acked within ${st.vis} ms)`, []);
  attempt(s, node, st, rec);
}

/**
 * A consumer crashed: its acks of the last ACK_COMMIT_MS were not committed, so those deliveries
 * come back after their visibility timeout (a restarted consumer re-reads from its last commit).
 * A worker that acks before processing commits on receipt, so nothing comes back for it.
 */
export function revertUncommittedAcks(s: Sim, queue: number, consumer: number): void {
  const st = s.states.queue[queue];
  if (!st) return;
  if (s.t.kind[consumer] === K.worker && cfg(s.t, consumer, 'worker', 'ack') === 'before-processing') return;
  const r = s.r;
  for (let i = st.fifo.size - 1; i >= 0; i--) {
    const rec = st.fifo.at(i);
    if (r.time[rec]! - st.vis < s.now - ACK_COMMIT_MS) break;
    if (r.state[rec] !== 1 || s.t.edgeTarget[r.edge[rec]!] !== consumer) continue;
    r.state[rec] = 0;
    if (s.tracing)
      traceStep(s, r.msg[rec]!, consumer, r.edge[rec]!, 'ack lost: not committed before the crash', []);
  }
  armCheck(s, queue, st, s.now + 1);
}

/** End of run: deliveries still failing and messages parked behind a blocked key. */
export function getStuck(s: Sim, node: number): { stuck: number[]; parked: number[] } {
  const st = s.states.queue[node]!;
  const stuck: number[] = [];
  for (let i = 0; i < st.fifo.size; i++) {
    const rec = st.fifo.at(i);
    if (s.r.state[rec] !== 1 && s.r.state2[rec]! >= 2) stuck.push(s.r.msg[rec]!);
  }
  const parked: number[] = [];
  for (const h of st.holds.inOrder())
    for (let i = h.start; i < h.parked.length; i++) parked.push(h.parked[i]!);
  return { stuck, parked };
}
