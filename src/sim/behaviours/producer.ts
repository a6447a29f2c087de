import { A, E, F, M, type MessageType, O, type Outcome, R } from '../engine/constants';
import { FK } from '../engine/faults';
import type { KindConfigValue } from '../../domain/catalog';
import { resendLater, sendOrWait } from '../engine/resend';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';

/** A producer emits its share of the workload at `ratePerSec` and resends unanswered sends. */
export interface ProducerState {
  workload: MessageType;
  tenants: number;
  ratePerSec: number;
  retries: number;
  skewMs: number;
  share: number;
  /** The run's duration when set (items spread evenly over it), else 0 (emit at ratePerSec). */
  spreadMs: number;
  emitted: number;
  /** Late and clock-skew faults that can apply to this producer. */
  lateFaults: number[];
  skewFaults: number[];
}

const WORKLOAD: Record<KindConfigValue<'producer', 'workload'>, MessageType> = {
  usage: M.usage,
  invoices: M.invoice,
  requests: M.request,
};

/** Splits `events` evenly over producers (in board order) and schedules each one's first item. */
export function initProducers(s: Sim, producers: number[]): void {
  const total = s.items.capacity;
  producers.forEach((node, p) => {
    const share = Math.floor(total / producers.length) + (p < total % producers.length ? 1 : 0);
    const f = s.f;
    const lateFaults: number[] = [];
    const skewFaults: number[] = [];
    for (let i = 0; i < f.count; i++) {
      // A late fault aimed at the producer delays its sends (the device was offline); one aimed at
      // an edge or a downstream kind delays that delivery instead (engine/deliver.ts).
      if (f.kind[i] === FK.late && f.nodeMatch[i]![node]) lateFaults.push(i);
      if (f.kind[i] === FK.skew && f.nodeMatch[i]![node]) skewFaults.push(i);
    }
    const st: ProducerState = {
      workload: WORKLOAD[cfg(s.t, node, 'producer', 'workload')],
      tenants: Math.max(1, cfg(s.t, node, 'producer', 'tenants')),
      ratePerSec: Math.max(1, cfg(s.t, node, 'producer', 'ratePerSec')),
      retries: cfg(s.t, node, 'producer', 'retries'),
      skewMs: cfg(s.t, node, 'producer', 'clockSkewMs'),
      share,
      spreadMs: Math.max(0, s.options.durationMs ?? 0),
      emitted: 0,
      lateFaults,
      skewFaults,
    };
    s.states.producer[node] = st;
    if (share > 0) s.schedule(0, E.produce, node, 0, 0);
  });
}

/** Items a producer may emit in one go without passing through the event queue (see onProduce). */
const INLINE_BURST = 1024;

/**
 * Emits the producer's next item; a crashed producer resumes after its restart (its outbox is
 * durable). Fast path: when the next item is due strictly before every queued event, it is emitted
 * right away instead of being pushed and popped — the same order, hash and count as the slow path.
 */
export function onProduce(s: Sim, node: number): void {
  for (let burst = 0; ; burst++) {
    if (s.isDown(node)) {
      s.schedule(s.upAt(node), E.produce, node, 0, 0);
      return;
    }
    const next = emitOne(s, node);
    if (next < 0) return;
    const q = s.q;
    if (
      burst < INLINE_BURST &&
      (q.size === 0 || next < q.peekTime()) &&
      next <= s.maxVirtualMs &&
      s.processed < s.maxEvents
    ) {
      s.now = next;
      s.processed++;
      s.hash.add(next, node, 0, E.produce);
      continue;
    }
    s.schedule(next, E.produce, node, 0, 0);
    return;
  }
}

/** Emits one item; returns when the next one is due, or -1 when the producer is done. */
function emitOne(s: Sim, node: number): number {
  const st = s.states.producer[node]!;
  const k = st.emitted++;
  const it = s.items;
  const item = it.count++;
  const type = st.workload;
  it.workload[item] = type;
  it.producer[item] = node;
  const tenant = s.rngW.int(st.tenants);
  it.tenant[item] = tenant;
  let value = 0;
  if (type === M.usage) value = 1 + s.rngW.int(100);
  else if (type === M.invoice) value = 100 + s.rngW.int(99_901);
  it.value[item] = value;
  let skew = st.skewMs;
  for (const fi of st.skewFaults) if (s.faultClock.open[fi] === 1) skew += s.f.amount[fi]!;
  const eventTime = s.now + skew;
  it.eventTime[item] = eventTime;
  if (type === M.usage) s.out.producedByTenant[tenant]! += value;
  // The workload itself is part of the trace: two seeds that bill different amounts differ.
  s.hash.add(s.now, node, item, A.produce);
  s.hash.add(eventTime, tenant, value, A.workload);
  s.countThroughput();
  const edges = s.t.fwd[node]!;
  const base = s.m.alloc(type, item, 0, 0, value);
  if (s.tracing) traceStep(s, base, node, -1, 'produced', [], 'produced');
  for (let j = 0; j < edges.length; j++) {
    const e = edges[j]!;
    const msg = j === 0 ? base : s.m.copy(base);
    const rec = s.r.alloc(R.send, node, msg, e, -1, 0);
    const delay = type === M.usage ? lateDelay(s, st) : 0;
    if (delay > 0) {
      s.m.flags[msg]! |= F.late;
      if (s.tracing)
        traceStep(s, msg, node, e, `sent ${delay} ms late (the device was offline)`, lateNames(s, st));
      s.countLate();
      s.schedule(s.now + delay, E.lateSend, rec, 0, s.r.ref(rec));
    } else send(s, rec);
  }
  if (st.emitted === st.share) {
    if (--s.producersLeft === 0) s.startSettling();
    return -1;
  }
  // Items due while the producer was down are emitted at its restart (never in the past).
  const due = st.spreadMs > 0 ? ((k + 1) * st.spreadMs) / st.share : ((k + 1) * 1000) / st.ratePerSec;
  return Math.max(s.now, Math.floor(due));
}

function lateDelay(s: Sim, st: ProducerState): number {
  for (const fi of st.lateFaults) {
    if (s.faultClock.open[fi] !== 1) continue;
    if (s.rngF.chance(s.f.rate[fi]!)) return s.f.amount[fi]!;
  }
  return 0;
}

function lateNames(s: Sim, st: ProducerState): string[] {
  return st.lateFaults.map((fi) => s.f.names[fi]!);
}

/** Sends (or resends) a producer's message; the record stays until answered or given up. */
export function send(s: Sim, rec: number): void {
  const o = sendOrWait(s, rec, E.send);
  if (o !== O.pending) onSendAnswer(s, rec, o);
}

/** The answer to a send: done, or resend after backoff, or give up after `retries`. */
export function onSendAnswer(s: Sim, rec: number, o: Outcome): void {
  if (o === O.ok) {
    s.r.release(rec);
    return;
  }
  const node = s.r.node[rec]!;
  const st = s.states.producer[node]!;
  const msg = s.r.msg[rec]!;
  const wait = resendLater(s, rec, E.send, st.retries);
  if (wait >= 0) {
    if (s.tracing)
      traceStep(
        s,
        msg,
        node,
        s.r.edge[rec]!,
        `no answer: resend ${s.r.attempt[rec]} of ${st.retries} in ${wait} ms`,
        [],
      );
    return;
  }
  if (s.tracing)
    traceStep(s, msg, node, s.r.edge[rec]!, `gave up after ${st.retries} resends`, [], 'gave-up');
  s.st.errors[node]!++;
  s.st.dropped[node]!++;
  s.countErr();
  s.r.release(rec);
}
