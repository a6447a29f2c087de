import { O } from '../engine/constants';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import type { Sim } from '../engine/sim';
import { cfgBool, cfgNum, cfgStr } from '../engine/topology';
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
}

export interface DedupState {
  byKey: boolean;
  ttl: number;
  durable: boolean;
  seen: SeenKeys;
}

export function initDedup(s: Sim, node: number): void {
  s.state[node] = {
    byKey: cfgStr(s.t, node, 'key', 'eventId') === 'idempotencyKey',
    ttl: cfgNum(s.t, node, 'ttlMs', 86_400_000),
    durable: cfgBool(s.t, node, 'durable'),
    seen: new SeenKeys(s.items.capacity),
  } satisfies DedupState;
}

/** Drops a message whose key it saw within `ttlMs`; a message without the configured key passes. */
export function dedupReceive(s: Sim, node: number, msg: number, owner: number, depth: number): number {
  const st = s.state[node] as DedupState;
  const natural = !st.byKey;
  const key = natural ? s.m.item[msg]! : s.m.key[msg]!;
  if (natural || key !== 0) {
    const seen = st.seen.get(key, natural);
    if (seen >= 0 && s.now - seen < st.ttl) {
      s.st.duplicates[node]!++;
      s.st.dropped[node]!++;
      if (s.tracing) traceStep(s, msg, node, -1, 'dropped as a duplicate (key seen)', []);
      return O.ok;
    }
  }
  const o = fanOut(s, node, msg, owner, depth);
  // The key is remembered once the message went on: a forward that failed will be redelivered,
  // and that redelivery must get through rather than be dropped as a "duplicate".
  if ((natural || key !== 0) && (o === O.ok || o === O.pending)) st.seen.set(key, natural, s.now);
  return o;
}

/** In-memory dedup forgets every key on a crash. */
export function onDedupCrash(s: Sim, node: number): void {
  const st = s.state[node] as DedupState;
  if (!st.durable) st.seen.clear();
}

export interface DatabaseState {
  unique: number;
  transactional: boolean;
  keys: SeenKeys;
  rows: number;
}

const UNIQUE: Record<string, number> = { none: 0, eventId: 1, idempotencyKey: 2 };

export function initDatabase(s: Sim, node: number): void {
  s.state[node] = {
    unique: UNIQUE[cfgStr(s.t, node, 'uniqueKey', 'none')] ?? 0,
    transactional: cfgBool(s.t, node, 'transactional'),
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
export function databaseReceive(s: Sim, node: number, msg: number, depth: number): number {
  const st = s.state[node] as DatabaseState;
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
  s.state[node] = {
    atomic: cfgBool(s.t, node, 'atomicWithWrite'),
    ttl: cfgNum(s.t, node, 'ttlMs', 86_400_000),
    keys: new SeenKeys(s.items.capacity),
  } satisfies IdempotencyState;
}

/**
 * Check-then-act in front of a side effect, keyed by the message's idempotency key (or its natural
 * id when none was sent). A key seen within `ttlMs` is answered without repeating the effect. The
 * key is recorded once the effect succeeded; not `atomicWithWrite`, a crash right after the effect
 * (`after-side-effect`) loses the record, so the retry repeats the effect.
 */
export function idempotencyReceive(s: Sim, node: number, msg: number, owner: number, depth: number): number {
  const st = s.state[node] as IdempotencyState;
  const natural = s.m.key[msg] === 0;
  const key = natural ? s.m.item[msg]! : s.m.key[msg]!;
  const seen = st.keys.get(key, natural);
  if (seen >= 0 && s.now - seen < st.ttl) {
    s.st.duplicates[node]!++;
    s.st.dropped[node]!++;
    if (s.tracing) traceStep(s, msg, node, -1, 'answered from the idempotency store (key seen)', []);
    return O.ok;
  }
  const o = fanOut(s, node, msg, owner, depth);
  const effectDone = o === O.ok || o === O.pending;
  if (!effectDone) return o;
  if (s.crashingAfterEffect && !st.atomic) {
    if (s.tracing)
      traceStep(s, msg, node, -1, 'crashed between the side effect and recording its key (not atomic)', []);
    return o;
  }
  st.keys.set(key, natural, s.now);
  return o;
}
