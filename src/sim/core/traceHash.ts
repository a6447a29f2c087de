/**
 * An incremental 64-bit trace hash: FNV-1a folded over 32-bit words in two independent lanes
 * (different offsets and primes), so the trace itself is never stored. Every processed event feeds
 * (time, node, message, action); the same board, plan and seed give the same hash.
 */
export class TraceHash {
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x050c5d1f | 0;

  /** Folds one event into the hash. `time` is an integer number of virtual ms (may exceed 2^32). */
  add(time: number, node: number, msg: number, action: number): void {
    const lo = time >>> 0;
    const hi = (time / 4294967296) >>> 0;
    let a = this.h1;
    let b = this.h2;
    a = Math.imul(a ^ lo, 0x01000193);
    b = Math.imul(b ^ lo, 0x01000191);
    a = Math.imul(a ^ hi, 0x01000193);
    b = Math.imul(b ^ hi, 0x01000191);
    a = Math.imul(a ^ node, 0x01000193);
    b = Math.imul(b ^ node, 0x01000191);
    a = Math.imul(a ^ msg, 0x01000193);
    b = Math.imul(b ^ msg, 0x01000191);
    a = Math.imul(a ^ action, 0x01000193);
    b = Math.imul(b ^ (action + 0x9e37), 0x01000191);
    this.h1 = a;
    this.h2 = b;
  }

  /** 16 hex digits. */
  hex(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}
