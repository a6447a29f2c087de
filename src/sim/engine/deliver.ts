import { A, DUPLICATE_DELAY_MAX_MS, E, F, GUARD_APPLIED, K, M, MAX_HOPS, O, type Outcome } from './constants';
import { DUP_SENDERS, FK, POISON_SENDERS } from './faults';
import { dispatch } from './dispatch';
import { crashNode } from './health';
import { messageIdOf, traceStep } from './trace';
import type { Sim } from './sim';
import { deliverWorkflowMessage } from '../behaviours/temporal/workflow';
import { replicatedWrite } from '../behaviours/temporal/replication';
import { captureOwner, flagGuard } from './guardFrames';

const TIMED_OUT = -2;
const GO_ON = -1;

/**
 * Delivers message `msg` over edge `e` and processes it at the target, synchronously: the callee's
 * own forwarding happens inside this call. Returns the outcome the caller sees (O.*). When the
 * outcome is O.pending, the callee (or something downstream) reports to `owner` later, exactly once.
 * `depth` is the number of synchronous hops so far; hops past MAX_HOPS mean a loop.
 */
export function deliver(s: Sim, msg: number, e: number, owner: number, depth: number): Outcome {
  // Once a loop is found or the budget is spent, every pending branch of a fan-out returns at
  // once: a wide synchronous fan-out would otherwise grow exponentially inside one event.
  if (s.loopAt >= 0 || s.processed >= s.maxEvents) return O.err;
  const to = s.t.edgeTarget[e]!;
  s.processed++;
  s.hash.add(s.now, to, msg, A.deliver);
  s.edgeTraffic[e]!++;
  s.st.out[s.t.edgeSource[e]!]!++;
  let timedOut = false;
  const faults = s.f.onEdge[e]!;
  if (faults.length !== 0) {
    const r = applyEdgeFaults(s, msg, e, owner, depth, faults);
    if (r === TIMED_OUT) timedOut = true;
    else if (r !== GO_ON) return r;
  }
  const hook = s.t.hook[e]!;
  if (hook !== 0) {
    // Temporal: messages into a workflow, writes into a replicated database (behaviours/temporal).
    if (hook === 1) return deliverWorkflowMessage(s, msg, e, owner, depth, timedOut);
    const r = replicatedWrite(s, msg, e);
    if (r !== -1) return r;
  }
  if (s.healthFsm.isDown(to)) {
    // Temporal: a start is accepted and persisted by the server, not by the crashed worker; the run
    // begins once a worker is back (the workflow's steps wait for its restart).
    if (s.t.kind[to] !== K.workflow || s.m.type[msg] !== M.request) {
      if (s.tracing) traceStep(s, msg, to, e, 'refused: node is down (crashed)', []);
      return O.noAnswer;
    }
    if (s.tracing)
      traceStep(s, msg, to, e, 'start persisted by the server: runs when the worker is back', []);
  }
  if (s.m.hops[msg]! + depth > MAX_HOPS) {
    if (s.loopAt < 0) s.loopAt = to;
    return O.err;
  }
  s.st.in[to]!++;
  if (s.samples.length < s.sampleLimit && s.m.item[msg]! % s.sampleStride === 0) {
    s.samples.push({ tMs: s.now, edgeId: s.t.edgeIds[e]!, messageId: messageIdOf(s, msg) });
  }
  if (s.tracing) traceStep(s, msg, to, e, 'received', []);
  if (s.armed[to] !== 0 && s.t.kind[to] !== K.worker)
    return crashAfterSideEffect(s, to, msg, e, owner, depth);
  if (timedOut) {
    if (dispatch(s, to, msg, -1, depth) === O.ok) noteAppliedUnanswered(s, owner);
    return O.noAnswer;
  }
  return dispatch(s, to, msg, owner, depth);
}

/**
 * The callee applied the message but its answer is lost (a timeout after the work, or a crash right
 * after the side effect): a guard waiting for it (an idempotency store) learns that the effect
 * happened — what a key written in the same transaction as the effect would show.
 */
function noteAppliedUnanswered(s: Sim, owner: number): void {
  flagGuard(s, owner, GUARD_APPLIED);
}

/** The node does its work (side effect), then dies before it answers or records what it did. */
function crashAfterSideEffect(
  s: Sim,
  node: number,
  msg: number,
  e: number,
  owner: number,
  depth: number,
): Outcome {
  const fi = s.armed[node]! - 1;
  s.armed[node] = 0;
  s.crashingAfterEffect = true;
  const applied = dispatch(s, node, msg, -1, depth) === O.ok;
  s.crashingAfterEffect = false;
  if (applied) noteAppliedUnanswered(s, owner);
  if (s.tracing)
    traceStep(s, msg, node, e, 'crashed after its side effect, before answering', [s.f.names[fi]!]);
  crashNode(s, node, s.f.amount[fi]!);
  return O.noAnswer;
}

/** Per-delivery faults, in plan order: partition, outage, late, reorder, duplicate, poison, timeout. */
function applyEdgeFaults(
  s: Sim,
  msg: number,
  e: number,
  owner: number,
  depth: number,
  list: Int32Array,
): Outcome | typeof TIMED_OUT | typeof GO_ON {
  const f = s.f;
  const now = s.now;
  const open = s.faultClock.open;
  const from = s.t.edgeSource[e]!;
  const fromKind = s.t.kind[from]!;
  const flags = s.m.flags[msg]!;
  let timedOut = false;
  for (let j = 0; j < list.length; j++) {
    const fi = list[j]!;
    if (open[fi] === 0) continue;
    switch (f.kind[fi]) {
      case FK.partition:
        // A replicated database answers a region partition itself (temporal/replication.ts).
        if (f.flag[fi] === 1 && s.t.hook[e] === 2) break;
        if (s.tracing)
          traceStep(s, msg, s.t.edgeTarget[e]!, e, 'lost: the connection is partitioned', [f.names[fi]!]);
        s.countErr();
        return O.noAnswer;
      case FK.outage:
        if (s.rngF.chance(f.rate[fi]!)) {
          if (s.tracing)
            traceStep(s, msg, s.t.edgeTarget[e]!, e, 'refused: outage (answered an error)', [f.names[fi]!]);
          s.st.errors[s.t.edgeTarget[e]!]!++;
          s.countErr();
          return O.err;
        }
        break;
      case FK.reorder:
        if ((flags & F.delayed) === 0 && s.rngF.chance(f.rate[fi]!)) {
          const c = s.m.copy(msg);
          s.m.flags[c] = flags | F.delayed;
          s.m.hops[c] = s.m.hops[msg]! + depth;
          const delay = 1 + s.rngF.int(Math.max(1, f.amount[fi]!));
          if (s.tracing)
            traceStep(s, msg, s.t.edgeTarget[e]!, e, `held back ${delay} ms (reordered)`, [f.names[fi]!]);
          s.schedule(now + delay, E.deliver, c, e, captureOwner(s, owner));
          return O.pending;
        }
        break;
      case FK.late:
        // A usage event reaches this hop `delayMs` late (once per event): past the grace, it is late.
        if ((flags & (F.late | F.delayed)) === 0 && s.m.type[msg] === M.usage && s.rngF.chance(f.rate[fi]!)) {
          const c = s.m.copy(msg);
          s.m.flags[c] = flags | F.late | F.delayed;
          s.m.hops[c] = s.m.hops[msg]! + depth;
          if (s.tracing)
            traceStep(s, msg, s.t.edgeTarget[e]!, e, `arrives ${f.amount[fi]} ms late`, [f.names[fi]!]);
          s.countLate();
          s.schedule(now + f.amount[fi]!, E.lateDeliver, c, e, captureOwner(s, owner));
          return O.pending;
        }
        break;
      case FK.duplicate:
        if ((flags & F.dup) === 0 && DUP_SENDERS[fromKind] === 1 && s.rngF.chance(f.rate[fi]!)) {
          const c = s.m.copy(msg);
          s.m.flags[c] = flags | F.dup | F.delayed;
          s.m.hops[c] = s.m.hops[msg]! + depth;
          const delay = 1 + s.rngF.int(DUPLICATE_DELAY_MAX_MS);
          if (s.tracing)
            traceStep(s, msg, s.t.edgeTarget[e]!, e, `delivered twice (the copy ${delay} ms later)`, [
              f.names[fi]!,
            ]);
          s.countDup();
          s.schedule(now + delay, E.deliver, c, e, -1);
        }
        break;
      case FK.poison:
        if (s.m.type[msg] !== M.poison && POISON_SENDERS[fromKind] === 1 && s.rngF.chance(f.rate[fi]!))
          injectPoison(s, msg, e, from, fromKind);
        break;
      case FK.timeout:
        if (s.rngF.chance(f.rate[fi]!)) {
          if (s.tracing)
            traceStep(s, msg, s.t.edgeTarget[e]!, e, 'processed, but the caller saw a timeout', [
              f.names[fi]!,
            ]);
          s.countErr();
          timedOut = true;
        }
        break;
    }
  }
  return timedOut ? TIMED_OUT : GO_ON;
}

/** A malformed message enters beside `msg`: a queue stores it (and will redeliver it); others send it on. */
function injectPoison(s: Sim, msg: number, e: number, from: number, fromKind: number): void {
  const p = s.m.alloc(M.poison, s.synthetic(), 0, s.m.aux[msg]!, orderKeyOf(s, msg));
  s.m.hops[p] = s.m.hops[msg]!;
  if (fromKind === K.queue) s.schedule(s.now, E.inject, p, from, -1);
  else s.schedule(s.now, E.deliver, p, e, -1);
}

/** The key an ordered queue keeps in order: tenant (usage), invoice or request id; -1 = unordered. */
export function orderKeyOf(s: Sim, msg: number): number {
  const type = s.m.type[msg]!;
  const item = s.m.item[msg]!;
  if (type === M.usage) return s.items.tenant[item]!;
  if (type === M.invoice || type === M.request) return item;
  if (type === M.poison) return s.m.val[msg]!;
  if (type === M.webhook || type === M.hookEffect) return s.hooks.invoice[s.m.aux[msg]!]!;
  return -1;
}
