import { growF64, growI32 } from '../core/grow';
import { FRAME_BASE, type MessageType, type RecordType, REF_SPAN } from './constants';

/**
 * Messages in flight, as struct-of-arrays: a message index is a copy of one item travelling the
 * board. Forwarding passes the same index on; a copy is made only when a field changes (a worker's
 * idempotency key), on fan-out, and for duplicates. Nothing here allocates objects per message.
 */
export class Messages {
  n = 0;
  type: Int32Array<ArrayBuffer>;
  /** Workload item (0 … events-1) or a synthetic id (window totals, webhook events, poison). */
  item: Int32Array<ArrayBuffer>;
  /** Idempotency key sent with the message; 0 = none. */
  key: Int32Array<ArrayBuffer>;
  /** Type-specific reference: window record, webhook event index. */
  aux: Int32Array<ArrayBuffer>;
  /** Quantity, amount, delta or ordering key, by type. */
  val: Int32Array<ArrayBuffer>;
  hops: Int32Array<ArrayBuffer>;
  flags: Int32Array<ArrayBuffer>;

  /** Sized for the expected message count up front, so that the hot loop rarely grows arrays. */
  constructor(capacity: number) {
    this.type = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
    this.key = new Int32Array(capacity);
    this.aux = new Int32Array(capacity);
    this.val = new Int32Array(capacity);
    this.hops = new Int32Array(capacity);
    this.flags = new Int32Array(capacity);
  }

  alloc(type: MessageType, item: number, key: number, aux: number, val: number): number {
    const i = this.n++;
    if (i >= this.type.length) this.grow(i + 1);
    this.type[i] = type;
    this.item[i] = item;
    this.key[i] = key;
    this.aux[i] = aux;
    this.val[i] = val;
    this.hops[i] = 0;
    this.flags[i] = 0;
    return i;
  }

  copy(m: number): number {
    const i = this.alloc(
      this.type[m]! as MessageType,
      this.item[m]!,
      this.key[m]!,
      this.aux[m]!,
      this.val[m]!,
    );
    this.hops[i] = this.hops[m]!;
    this.flags[i] = this.flags[m]!;
    return i;
  }

  private grow(min: number): void {
    this.type = growI32(this.type, min);
    this.item = growI32(this.item, min);
    this.key = growI32(this.key, min);
    this.aux = growI32(this.aux, min);
    this.val = growI32(this.val, min);
    this.hops = growI32(this.hops, min);
    this.flags = growI32(this.flags, min);
  }
}

/**
 * Call records: whoever waits for an answer (a producer's send, a queue delivery, a worker's
 * processing, a join over fan-out, a workflow, a provider's webhook delivery, an outbox, an API
 * call). Records are recycled; a reference is `rec + gen * REF_SPAN`, so an answer that arrives for a
 * record freed in the meantime (its owner crashed) is recognised as stale and ignored.
 */
export class Records {
  private cap = 1024;
  type = new Int32Array(this.cap);
  node = new Int32Array(this.cap);
  msg = new Int32Array(this.cap);
  edge = new Int32Array(this.cap);
  attempt = new Int32Array(this.cap);
  /** Type-specific: queue delivery acked flag, join remaining count, workflow step … */
  state = new Int32Array(this.cap);
  /** Type-specific second word: join combined outcome, workflow phase, queue delivery count. */
  state2 = new Int32Array(this.cap);
  epoch = new Int32Array(this.cap);
  gen = new Int32Array(this.cap);
  parent = new Float64Array(this.cap);
  /** Queue delivery: visibility deadline. */
  time = new Float64Array(this.cap);
  /** Queue delivery: when it was acked (its commit follows ACK_COMMIT_MS later). */
  time2 = new Float64Array(this.cap);
  private free = new Int32Array(1024);
  private freeN = 0;
  private used = 0;
  live = 0;

  alloc(type: RecordType, node: number, msg: number, edge: number, parent: number, epoch: number): number {
    let r: number;
    if (this.freeN > 0) r = this.free[--this.freeN]!;
    else {
      r = this.used++;
      // The top slots are guard frames' references (engine/guardFrames.ts), never records.
      if (r >= FRAME_BASE) throw new Error('simulation: too many calls in flight');
      if (r >= this.cap) this.grow(r + 1);
    }
    this.live++;
    this.type[r] = type;
    this.node[r] = node;
    this.msg[r] = msg;
    this.edge[r] = edge;
    this.parent[r] = parent;
    this.epoch[r] = epoch;
    this.attempt[r] = 0;
    this.state[r] = 0;
    this.state2[r] = 0;
    this.time[r] = 0;
    this.time2[r] = 0;
    return r;
  }

  ref(r: number): number {
    return r + this.gen[r]! * REF_SPAN;
  }

  /** The record a reference points to, or -1 when it was freed since. */
  deref(ref: number): number {
    if (ref < 0) return -1;
    // Past generation 63 a reference is a double: divide by the power of two (exact) rather than
    // take a floating-point remainder, which V8 leaves to a C call.
    const gen = Math.floor(ref / REF_SPAN);
    const r = ref - gen * REF_SPAN;
    if (r >= this.cap) return -1; // a guard frame's reference, or none ever allocated
    return this.gen[r] === gen && this.type[r] !== 0 ? r : -1;
  }

  release(r: number): void {
    this.type[r] = 0;
    this.gen[r] = (this.gen[r]! + 1) % 1_000_000;
    this.live--;
    if (this.freeN >= this.free.length) this.free = growI32(this.free, this.freeN + 1);
    this.free[this.freeN++] = r;
  }

  private grow(min: number): void {
    this.cap = Math.max(min, this.cap * 2);
    this.type = growI32(this.type, this.cap);
    this.node = growI32(this.node, this.cap);
    this.msg = growI32(this.msg, this.cap);
    this.edge = growI32(this.edge, this.cap);
    this.attempt = growI32(this.attempt, this.cap);
    this.state = growI32(this.state, this.cap);
    this.state2 = growI32(this.state2, this.cap);
    this.epoch = growI32(this.epoch, this.cap);
    this.gen = growI32(this.gen, this.cap);
    this.parent = growF64(this.parent, this.cap);
    this.time = growF64(this.time, this.cap);
    this.time2 = growF64(this.time2, this.cap);
  }
}

/** Ground truth of the workload: what each produced item is. Sized once (events). */
export class Items {
  count = 0;
  readonly workload: Int32Array;
  readonly tenant: Int32Array;
  /** Usage quantity or invoice amount in cents. */
  readonly value: Int32Array;
  readonly eventTime: Float64Array;
  readonly producer: Int32Array;
  constructor(readonly capacity: number) {
    this.workload = new Int32Array(capacity);
    this.tenant = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
    this.eventTime = new Float64Array(capacity);
    this.producer = new Int32Array(capacity);
  }
}

/** Webhook events the provider emitted (and forged ones): what each event id says. */
export class HookEvents {
  n = 0;
  invoice = new Int32Array(256);
  /** 1 = invoice.created, 2 = invoice.paid, 3 = forged. */
  kind = new Int32Array(256);
  version = new Int32Array(256);
  amount = new Int32Array(256);
  synth = new Int32Array(256);

  add(invoice: number, kind: number, version: number, amount: number, synth: number): number {
    const i = this.n++;
    if (i >= this.invoice.length) {
      this.invoice = growI32(this.invoice, i + 1);
      this.kind = growI32(this.kind, i + 1);
      this.version = growI32(this.version, i + 1);
      this.amount = growI32(this.amount, i + 1);
      this.synth = growI32(this.synth, i + 1);
    }
    this.invoice[i] = invoice;
    this.kind[i] = kind;
    this.version[i] = version;
    this.amount[i] = amount;
    this.synth[i] = synth;
    return i;
  }
}

/**
 * Aggregator windows (one record per tenant and window) and the events counted into each, as a
 * linked list in typed arrays, so that a window total reaching the ledger can bill every event in it.
 */
export class WindowStore {
  n = 0;
  node = new Int32Array(256);
  tenant = new Int32Array(256);
  index = new Float64Array(256);
  sum = new Float64Array(256);
  head = new Int32Array(256);
  private cN = 0;
  cItem = new Int32Array(4096);
  cNext = new Int32Array(4096);

  open(node: number, tenant: number, index: number): number {
    const w = this.n++;
    if (w >= this.node.length) {
      this.node = growI32(this.node, w + 1);
      this.tenant = growI32(this.tenant, w + 1);
      this.index = growF64(this.index, w + 1);
      this.sum = growF64(this.sum, w + 1);
      this.head = growI32(this.head, w + 1);
    }
    this.node[w] = node;
    this.tenant[w] = tenant;
    this.index[w] = index;
    this.sum[w] = 0;
    this.head[w] = -1;
    return w;
  }

  add(w: number, item: number, qty: number): void {
    const c = this.cN++;
    if (c >= this.cItem.length) {
      this.cItem = growI32(this.cItem, c + 1);
      this.cNext = growI32(this.cNext, c + 1);
    }
    this.cItem[c] = item;
    this.cNext[c] = this.head[w]!;
    this.head[w] = c;
    this.sum[w]! += qty;
  }
}
