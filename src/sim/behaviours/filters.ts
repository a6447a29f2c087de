import { K, O, type Outcome, R } from '../engine/constants';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import { reportTo } from '../engine/report';
import type { KindConfigValue } from '../../domain/catalog';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';

/**
 * Key memory shared by the three deduplicating kinds: a typed array for workload ids (the hot path)
 * and a map for everything else (idempotency keys, synthetic ids). Values are "seen at" times.
 */
export class SeenKeys {
  private items: Float64Array;
  /** Natural ids past the workload (window totals, webhook events). */
  private synthetic = new Map<number, number>();
  /** Idempotency keys: a separate space, so a key never collides with an id. */
  private keys = new Map<number, number>();
  /** Keys whose guarded forward is still in flight ("in progress"): workload ids (typed), the rest. */
  private busyItems: Uint8Array;
  private busyIds = new Set<number>();
  private busyKeys = new Set<number>();
  constructor(capacity: number) {
    this.items = new Float64Array(capacity).fill(-1);
    this.busyItems = new Uint8Array(capacity);
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
    this.clearBusy();
  }
  /** True while a forward guarded by this key is in flight. */
  busy(key: number, natural: boolean): boolean {
    if (natural && key >= 0 && key < this.busyItems.length) return this.busyItems[key] === 1;
    return (natural ? this.busyIds : this.busyKeys).has(key);
  }
  begin(key: number, natural: boolean): void {
    if (natural && key >= 0 && key < this.busyItems.length) this.busyItems[key] = 1;
    else (natural ? this.busyIds : this.busyKeys).add(key);
  }
  end(key: number, natural: boolean): void {
    if (natural && key >= 0 && key < this.busyItems.length) this.busyItems[key] = 0;
    else (natural ? this.busyIds : this.busyKeys).delete(key);
  }
  /** In-progress markers live in the process's memory: a crash releases them. */
  clearBusy(): void {
    this.busyItems.fill(0);
    this.busyIds.clear();
    this.busyKeys.clear();
  }
}

export interface DedupState {
  byKey: boolean;
  ttl: number;
  durable: boolean;
  seen: SeenKeys;
}

export function initDedup(s: Sim, node: number): void {
  s.states.dedup[node] = {
    byKey: cfg(s.t, node, 'dedup', 'key') === 'idempotencyKey',
    ttl: cfg(s.t, node, 'dedup', 'ttlMs'),
    durable: cfg(s.t, node, 'dedup', 'durable'),
    seen: new SeenKeys(s.items.capacity),
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
  if (st.seen.busy(key, natural)) return refuseInProgress(s, node, msg);
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
 * Forwards `msg` under a guard record that holds its key "in progress" and records the key only
 * when the forward answers ok (released on any failure). The caller's answer passes through.
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
  const rec = s.r.alloc(R.guard, node, msg, -1, owner, s.epoch[node]!);
  s.r.state[rec] = key;
  s.r.state2[rec] = (natural ? GUARD_NATURAL : 0) | (noRecord ? GUARD_NO_RECORD : 0);
  s.r.attempt[rec] = 1; // inside the call: an answer arrives as the return value
  keys.begin(key, natural);
  const o = fanOut(s, node, msg, s.r.ref(rec), depth);
  s.r.attempt[rec] = 0;
  if (o !== O.pending) settleGuard(s, rec, o);
  return o;
}

/** Releases the in-progress marker and records the key when the guarded forward succeeded. */
function settleGuard(s: Sim, rec: number, o: Outcome): void {
  const node = s.r.node[rec]!;
  const dedup = s.t.kind[node] === K.dedup ? s.states.dedup[node]! : undefined;
  const keys = dedup ? dedup.seen : s.states.idem[node]!.keys;
  const durable = dedup ? dedup.durable : true;
  const key = s.r.state[rec]!;
  const flags = s.r.state2[rec]!;
  const natural = (flags & GUARD_NATURAL) !== 0;
  const sameMemory = s.r.epoch[rec] === s.epoch[node];
  if (sameMemory) keys.end(key, natural);
  if (o === O.ok && (flags & GUARD_NO_RECORD) === 0 && (durable || sameMemory)) keys.set(key, natural, s.now);
  else if (s.tracing && o !== O.ok)
    traceStep(s, s.r.msg[rec]!, node, -1, 'forward failed: key released (not recorded)', []);
  s.r.release(rec);
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
  if (st.keys.busy(key, natural)) return refuseInProgress(s, node, msg);
  const lostRecord = s.crashingAfterEffect && !st.atomic;
  if (lostRecord && s.tracing)
    traceStep(s, msg, node, -1, 'crashed between the side effect and recording its key (not atomic)', []);
  return guardedForward(s, node, st.keys, msg, owner, depth, key, natural, lostRecord);
}
