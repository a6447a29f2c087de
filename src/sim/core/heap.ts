import { growF64, growI32 } from './grow';

/**
 * The event queue: a binary min-heap ordered by (virtual ms, sequence number), struct-of-arrays so
 * that pushing and popping allocate nothing. The heap holds slot numbers plus copies of the two sort
 * keys (for cache-friendly comparisons); an event's payload (type, a, b, c) lives in slot arrays and
 * slots are recycled through a free list.
 */
export class EventQueue {
  private hTime = new Float64Array(1024);
  private hSeq = new Float64Array(1024);
  private hSlot = new Int32Array(1024);
  size = 0;
  private seq = 0;

  /** Payload by slot. `c` is a float so that it can carry a record reference (see engine/store.ts). */
  type = new Int32Array(1024);
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  c = new Float64Array(1024);
  time = new Float64Array(1024);
  private free = new Int32Array(1024);
  private freeN = 0;
  private slots = 0;

  /** Schedules an event. Ties at the same time run in scheduling order. */
  push(time: number, type: number, a: number, b: number, c: number): void {
    let slot: number;
    if (this.freeN > 0) slot = this.free[--this.freeN]!;
    else {
      slot = this.slots++;
      if (slot >= this.type.length) this.growSlots(slot + 1);
    }
    this.type[slot] = type;
    this.a[slot] = a;
    this.b[slot] = b;
    this.c[slot] = c;
    this.time[slot] = time;
    let i = this.size++;
    if (i >= this.hTime.length) {
      this.hTime = growF64(this.hTime, i + 1);
      this.hSeq = growF64(this.hSeq, i + 1);
      this.hSlot = growI32(this.hSlot, i + 1);
    }
    const s = this.seq++;
    const hT = this.hTime;
    const hS = this.hSeq;
    const hL = this.hSlot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hT[p]!;
      if (pt < time || (pt === time && hS[p]! < s)) break;
      hT[i] = pt;
      hS[i] = hS[p]!;
      hL[i] = hL[p]!;
      i = p;
    }
    hT[i] = time;
    hS[i] = s;
    hL[i] = slot;
  }

  /** Time of the earliest event (undefined behaviour when empty). */
  peekTime(): number {
    return this.hTime[0]!;
  }

  /** Removes the earliest event and returns its slot (call `release` once its payload is read). */
  pop(): number {
    const hT = this.hTime;
    const hS = this.hSeq;
    const hL = this.hSlot;
    const top = hL[0]!;
    const n = --this.size;
    if (n > 0) {
      const t = hT[n]!;
      const s = hS[n]!;
      const l = hL[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (hT[r]! < hT[c]! || (hT[r] === hT[c] && hS[r]! < hS[c]!))) c = r;
        const ct = hT[c]!;
        if (t < ct || (t === ct && s < hS[c]!)) break;
        hT[i] = ct;
        hS[i] = hS[c]!;
        hL[i] = hL[c]!;
        i = c;
      }
      hT[i] = t;
      hS[i] = s;
      hL[i] = l;
    }
    return top;
  }

  /** Releases a popped slot; read its payload into locals first, since the next push may reuse it. */
  release(slot: number): void {
    if (this.freeN >= this.free.length) this.free = growI32(this.free, this.freeN + 1);
    this.free[this.freeN++] = slot;
  }

  private growSlots(min: number): void {
    this.type = growI32(this.type, min);
    this.a = growI32(this.a, min);
    this.b = growI32(this.b, min);
    this.c = growF64(this.c, min);
    this.time = growF64(this.time, min);
  }
}
