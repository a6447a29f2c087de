/**
 * Ground truth for the judgement invariants that measure completion, timeliness and detection
 * (`every-request-completed`, `totals-on-time`, `discrepancy-detected`). Kept apart from `Outcomes`
 * so that each invariant owns its bookkeeping; behaviours write here, the checkers in
 * `src/sim/invariants/{completion,timeliness,detection}.ts` read it after the run.
 */
export class JudgeTables {
  /** requests: 1 when an activity answered with a permanent (non-retryable) business failure. */
  readonly permanent: Uint8Array;
  /** per request × activity: the step's last failure was permanent (the workflow must not retry it). */
  permanentStep: Uint8Array = new Uint8Array(0);
  /** usage events and invoices: 1 when a reconciler's pass found a difference for the item. */
  readonly flagged: Uint8Array;
  /** usage events: billed-count adjustments a reconciler's corrections made at a ledger. */
  readonly reconAdjust: Int32Array;
  /** window records: virtual ms at which the window's totals were first posted to a ledger (-1 never). */
  windowPostedAt = new Float64Array(256).fill(-1);
  /** Charges a provider made for a key it had seen but whose `keyTtlMs` had run out. */
  expiredKeyCharges = 0;
  /** Invoices charged at more than one provider, and the first provider that charged each (+1). */
  crossProviderCharges = 0;
  private readonly chargedAt: Int32Array;
  /** Virtual ms of the aggregators' end-of-input flush (Infinity until it happens). */
  flushAt = Infinity;

  constructor(items: number) {
    this.permanent = new Uint8Array(items);
    this.flagged = new Uint8Array(items);
    this.reconAdjust = new Int32Array(items);
    this.chargedAt = new Int32Array(items);
  }

  noteCharge(invoice: number, provider: number): void {
    const first = this.chargedAt[invoice]!;
    if (first === 0) this.chargedAt[invoice] = provider + 1;
    else if (first !== provider + 1) this.crossProviderCharges++;
  }

  notePosted(window: number, now: number): void {
    if (window >= this.windowPostedAt.length) {
      const grown = new Float64Array(Math.max(window + 1, this.windowPostedAt.length * 2)).fill(-1);
      grown.set(this.windowPostedAt);
      this.windowPostedAt = grown;
    }
    if (this.windowPostedAt[window]! < 0) this.windowPostedAt[window] = now;
  }

  postedAt(window: number): number {
    return window < this.windowPostedAt.length ? this.windowPostedAt[window]! : -1;
  }
}

/**
 * Whether `request` meets a permanent failure at the activity `nodeKey` (a hash of the node id):
 * a business outcome (card declined, quota denied) fixed per request and step, so a retry meets it
 * again and every design sees the same customers declined on a seed. No PRNG stream is drawn.
 */
export function failsPermanently(seed: number, request: number, nodeKey: number, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  let h = Math.imul(seed ^ 0x2c1b3c6d, 0x297a2d39) ^ Math.imul(request + 1, 0x85ebca6b) ^ nodeKey;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < rate;
}

/** A stable 32-bit hash of a node id (FNV-1a). */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
