import { FRAME_BASE, GUARD_APPLIED, K, O, type Outcome, R } from '../engine/constants';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import { reportTo } from '../engine/report';
import type { KindConfigValue } from '../../domain/catalog';
import type { Sim } from '../engine/sim';
import { forwardAnswersAtOnce } from '../engine/syncForward';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';

/** What `SeenKeys.get` answers for a key whose guarded forward is still in flight ("in progress"). */
export const IN_PROGRESS = -2;

/**
 * Key memory shared by the three deduplicating kinds: a typed array for workload ids (the hot path)
 * and a map for everything else (idempotency keys, synthetic ids). Values are "seen at" times, -1
 * for a key never recorded, or IN_PROGRESS while a forward guarded by the key is in flight — one
 * read answers both "seen?" and "in progress?". An in-progress marker replaces no live record: a
 * key is only begun when it was not seen within the TTL, and an expired time reads as unseen.
 */
export class SeenKeys {
  private items: Float64Array;
  /** Natural ids past the workload (window totals, webhook events). */
  private synthetic = new Map<number, number>();
  /** Idempotency keys: a separate space, so a key never collides with an id. */
  private keys = new Map<number, number>();
  constructor(capacity: number) {
    this.items = new Float64Array(capacity).fill(-1);
  }
  get(key: number, natural: boolean): number {
    if (!natural) return this.keys.get(key) ?? -1;
    if (key >= 0 && key < this.items.length) return this.items[key]!;
    return this.synthetic.get(key) ?? -1;
  }
  set(key: number, natural: boolean, t: number): void {
    if (!natural) this.keys.set(key, t);
    else if (key >= 0 && key < this.items.length) this.items[key] = t;
    else this.synthetic.set(key, t);
  }
  clear(): void {
    this.items.fill(-1);
    this.synthetic.clear();
    this.keys.clear();
  }
  /** Marks the key in progress. */
  begin(key: number, natural: boolean): void {
    this.set(key, natural, IN_PROGRESS);
  }
  /** Releases an in-progress marker (a time recorded meanwhile stays). */
  end(key: number, natural: boolean): void {
    if (this.get(key, natural) !== IN_PROGRESS) return;
    if (!natural) this.keys.delete(key);
    else if (key >= 0 && key < this.items.length) this.items[key] = -1;
    else this.synthetic.delete(key);
  }
  /** In-progress markers live in the process's memory: a crash releases them. */
  clearBusy(): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i] === IN_PROGRESS) items[i] = -1;
    for (const map of [this.synthetic, this.keys])
      for (const [k, v] of map) if (v === IN_PROGRESS) map.delete(k);
  }
}

export interface DedupState {
  byKey: boolean;
  ttl: number;
  durable: boolean;
  seen: SeenKeys;
  /** Its forward always answers within the call under this plan (engine/syncForward.ts). */
  atOnce: boolean;
}

export function initDedup(s: Sim, node: number): void {
  s.states.dedup[node] = {
    byKey: cfg(s.t, node, 'dedup', 'key') === 'idempotencyKey',
    ttl: cfg(s.t, node, 'dedup', 'ttlMs'),
    durable: cfg(s.t, node, 'dedup', 'durable'),
    seen: new SeenKeys(s.items.capacity),
    atOnce: forwardAnswersAtOnce(s, node),
  } satisfies DedupState;
}

/**
 * Drops a message whose key it saw within `ttlMs`; a message without the configured key passes.
 * A key is remembered only once the forward it guards succeeded: while that forward is in flight
 * the key is "in progress" (a concurrent duplicate is refused with an error, so its sender retries
 * later), and a failure releases it, so the redelivery gets through.
 */
export function dedupReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const st = s.states.dedup[node]!;
  const natural = !st.byKey;
  const key = natural ? s.m.item[msg]! : s.m.key[msg]!;
  if (!natural && key === 0) return fanOut(s, node, msg, owner, depth);
  const seen = st.seen.get(key, natural);
  if (seen >= 0 && s.now - seen < st.ttl) {
    s.st.duplicates[node]!++;
    s.st.dropped[node]!++;
    if (s.tracing) traceStep(s, msg, node, -1, 'dropped as a duplicate (key seen)', []);
    return O.ok;
  }
  if (seen === IN_PROGRESS) return refuseInProgress(s, node, msg);
  if (st.atOnce) {
    // Nothing can run while this call is on the stack: no in-progress marker, the answer settles the key.
    const o = fanOut(s, node, msg, owner, depth);
    if (o === O.ok) st.seen.set(key, natural, s.now);
    else if (o === O.pending) throw new Error('simulation: a forward judged synchronous went pending');
    else if (s.tracing) traceStep(s, msg, node, -1, 'forward failed: key released (not recorded)', []);
    return o;
  }
  return guardedForward(s, node, st.seen, msg, owner, depth, key, natural, false);
}

/** A duplicate that arrives while the first copy's forward is still in flight is refused (retry later). */
function refuseInProgress(s: Sim, node: number, msg: number): Outcome {
  s.st.duplicates[node]!++;
  s.st.errors[node]!++;
  if (s.tracing) traceStep(s, msg, node, -1, 'refused: the same key is in progress (retry later)', []);
  return O.err;
}

const GUARD_NATURAL = 1;
/** The node dies between the effect and recording its key: the key is never recorded. */
const GUARD_NO_RECORD = 2;

/**
 * Forwards `msg` under a guard that holds its key "in progress" and records the key only when the
 * forward answers ok (released on any failure). The caller's answer passes through. The guard is a
 * frame (engine/guardFrames.ts) that becomes a record only if the forward answers later.
 */
function guardedForward(
  s: Sim,
  node: number,
  keys: SeenKeys,
  msg: number,
  owner: number,
  depth: number,
  key: number,
  natural: boolean,
  noRecord: boolean,
): Outcome {
  const g = s.guards;
  const epoch = s.epoch[node]!;
  const flagsIn = (natural ? GUARD_NATURAL : 0) | (noRecord ? GUARD_NO_RECORD : 0);
  const level = g.push(node, msg, key, flagsIn, epoch, owner);
  keys.begin(key, natural);
  const o = fanOut(s, node, msg, FRAME_BASE + level, depth);
  const rec = g.pop();
  if (rec >= 0) {
    // Captured: whoever kept the reference answers the record (now, or later when pending).
    s.r.attempt[rec] = 0;
    if (o !== O.pending) settleGuard(s, rec, o);
    return o;
  }
  if (o === O.pending) throw new Error('simulation: a forward went pending without capturing its owner');
  const flags = g.flags(level);
  // The common case, answered ok in the same memory: the key goes from in progress to seen.
  if (o === O.ok && (flags & GUARD_NO_RECORD) === 0 && epoch === s.epoch[node]) keys.set(key, natural, s.now);
  else settleKey(s, node, keys, msg, key, flags, epoch, o);
  return o;
}

/**
 * An idempotency store `atomicWithWrite` writes its key in the same transaction as the effect it
 * guards: when its forward was applied but the answer was lost (a timeout after the work, or the
 * callee crashing right after its side effect — `GUARD_APPLIED`), the key committed with the
 * effect. Its caller still sees no answer; the retry finds the key. A dedup or a non-atomic store
 * records nothing then.
 */
function committedWithEffect(s: Sim, node: number, flags: number): boolean {
  return (flags & GUARD_APPLIED) !== 0 && s.t.kind[node] === K.idem && s.states.idem[node]!.atomic;
}

/**
 * A delayed forward of an idempotency store `atomicWithWrite` arrives after its key was committed
 * by another attempt (a redelivery that got through while this one was held back, e.g. after the
 * store crashed and lost its in-progress marker): its transaction would insert the key again, so
 * the unique key refuses it and the effect is not applied a second time.
 */
export function keyCommittedMeanwhile(s: Sim, ref: number): boolean {
  const rec = s.r.deref(ref);
  if (rec < 0 || s.r.type[rec] !== R.guard) return false;
  const node = s.r.node[rec]!;
  if (s.t.kind[node] !== K.idem) return false;
  const st = s.states.idem[node]!;
  if (!st.atomic || st.keys.get(s.r.state[rec]!, (s.r.state2[rec]! & GUARD_NATURAL) !== 0) < 0) return false;
  if (s.tracing)
    traceStep(s, s.r.msg[rec]!, node, -1, 'held-back forward refused: its key was committed meanwhile', []);
  return true;
}

/** A guard record's forward answered: settle its key and free the record. */
function settleGuard(s: Sim, rec: number, o: Outcome): void {
  const node = s.r.node[rec]!;
  const keys = s.t.kind[node] === K.dedup ? s.states.dedup[node]!.seen : s.states.idem[node]!.keys;
  settleKey(s, node, keys, s.r.msg[rec]!, s.r.state[rec]!, s.r.state2[rec]!, s.r.epoch[rec]!, o);
  s.r.release(rec);
}

/**
 * Releases the in-progress marker and records the key when the guarded forward succeeded (or, for
 * an idempotency store `atomicWithWrite`, when it was applied but its answer lost). A guard that
 * began before its node crashed (an older `epoch`) records only into durable memory.
 */
function settleKey(
  s: Sim,
  node: number,
  keys: SeenKeys,
  msg: number,
  key: number,
  flags: number,
  epoch: number,
  o: Outcome,
): void {
  const natural = (flags & GUARD_NATURAL) !== 0;
  const sameMemory = epoch === s.epoch[node];
  if (sameMemory) keys.end(key, natural);
  if (o === O.ok) {
    if ((flags & GUARD_NO_RECORD) === 0 && (sameMemory || durableKeys(s, node)))
      keys.set(key, natural, s.now);
    return;
  }
  if (o === O.noAnswer && (flags & GUARD_NO_RECORD) === 0 && committedWithEffect(s, node, flags)) {
    keys.set(key, natural, s.now);
    if (s.tracing) traceStep(s, msg, node, -1, 'answer lost, but the key committed with the effect', []);
  } else if (s.tracing) traceStep(s, msg, node, -1, 'forward failed: key released (not recorded)', []);
}

/** A dedup's keys survive a crash only when `durable`; an idempotency store's always do. */
function durableKeys(s: Sim, node: number): boolean {
  return s.t.kind[node] !== K.dedup || s.states.dedup[node]!.durable;
}

/** The guarded forward answered later. */
export function onGuardAnswer(s: Sim, rec: number, o: Outcome): void {
  if (s.r.attempt[rec] === 1) return; // answered synchronously: handled where the call returned
  const parent = s.r.parent[rec]!;
  settleGuard(s, rec, o);
  reportTo(s, parent, o);
}

/** In-memory dedup forgets every key on a crash. */
export function onDedupCrash(s: Sim, node: number): void {
  const st = s.states.dedup[node]!;
  if (!st.durable) st.seen.clear();
  else st.seen.clearBusy();
}

/** An idempotency store's in-progress markers are lost on a crash (its recorded keys are durable). */
export function onIdempotencyCrash(s: Sim, node: number): void {
  s.states.idem[node]!.keys.clearBusy();
}

export interface DatabaseState {
  unique: number;
  transactional: boolean;
  keys: SeenKeys;
  rows: number;
}

const UNIQUE: Record<KindConfigValue<'database', 'uniqueKey'>, number> = {
  none: 0,
  eventId: 1,
  idempotencyKey: 2,
};

export function initDatabase(s: Sim, node: number): void {
  s.states.database[node] = {
    unique: UNIQUE[cfg(s.t, node, 'database', 'uniqueKey')],
    transactional: cfg(s.t, node, 'database', 'transactional'),
    keys: new SeenKeys(s.items.capacity),
    rows: 0,
  } satisfies DatabaseState;
}

/**
 * Writes a row (durable) and answers ok; what it stored flows on through an outbox. With a
 * `uniqueKey`, a second insert of the same key is refused (answered ok, not forwarded). Not
 * `transactional`: the processed key is written after the row, so a crash in between
 * (`after-side-effect`) leaves the row without its key and a redelivery gets through.
 */
export function databaseReceive(s: Sim, node: number, msg: number, depth: number): Outcome {
  const st = s.states.database[node]!;
  const natural = st.unique === 1;
  const key = st.unique === 0 ? 0 : natural ? s.m.item[msg]! : s.m.key[msg]!;
  const keyed = st.unique !== 0 && (natural || key !== 0);
  if (keyed && st.keys.get(key, natural) >= 0) {
    s.st.duplicates[node]!++;
    s.st.dropped[node]!++;
    if (s.tracing) traceStep(s, msg, node, -1, 'refused: the unique key already exists', []);
    return O.ok;
  }
  if (keyed && st.transactional) st.keys.set(key, natural, s.now);
  st.rows++;
  if (s.tracing) traceStep(s, msg, node, -1, 'row written', []);
  sendViaOutbox(s, node, s.t.fwd[node]!, msg, depth + 1);
  if (keyed && !st.transactional) {
    if (s.crashingAfterEffect) {
      if (s.tracing)
        traceStep(s, msg, node, -1, 'crashed before the processed key was written (not transactional)', []);
    } else st.keys.set(key, natural, s.now);
  }
  return O.ok;
}

export interface IdempotencyState {
  atomic: boolean;
  ttl: number;
  keys: SeenKeys;
}

export function initIdempotency(s: Sim, node: number): void {
  s.states.idem[node] = {
    atomic: cfg(s.t, node, 'idempotency-store', 'atomicWithWrite'),
    ttl: cfg(s.t, node, 'idempotency-store', 'ttlMs'),
    keys: new SeenKeys(s.items.capacity),
  } satisfies IdempotencyState;
}

/**
 * Check-then-act in front of a side effect, keyed by the message's idempotency key (or its natural
 * id when none was sent). A key seen within `ttlMs` is answered without repeating the effect. The
 * key is recorded once the effect succeeded (in progress meanwhile: a concurrent request with the
 * same key is refused, as Stripe answers 409; a failure releases it); not `atomicWithWrite`, a
 * crash right after the effect (`after-side-effect`) loses the record, so the retry repeats the effect.
 */
export function idempotencyReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const st = s.states.idem[node]!;
  const natural = s.m.key[msg] === 0;
  const key = natural ? s.m.item[msg]! : s.m.key[msg]!;
  const seen = st.keys.get(key, natural);
  if (seen >= 0 && s.now - seen < st.ttl) {
    s.st.duplicates[node]!++;
    s.st.dropped[node]!++;
    if (s.tracing) traceStep(s, msg, node, -1, 'answered from the idempotency store (key seen)', []);
    return O.ok;
  }
  if (seen === IN_PROGRESS) return refuseInProgress(s, node, msg);
  const lostRecord = s.crashingAfterEffect && !st.atomic;
  if (lostRecord && s.tracing)
    traceStep(s, msg, node, -1, 'crashed between the side effect and recording its key (not atomic)', []);
  return guardedForward(s, node, st.keys, msg, owner, depth, key, natural, lostRecord);
}
