/** Typed-array growth helpers: struct-of-arrays stores double their capacity when full. */

export function growI32(a: Int32Array<ArrayBuffer>, min: number, fill = 0): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export function growF64(a: Float64Array<ArrayBuffer>, min: number, fill = 0): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** A growable FIFO of int32 (a ring buffer); used for a queue's un-acked deliveries. */
export class IntFifo {
  private buf = new Int32Array(64);
  private head = 0;
  size = 0;

  push(v: number): void {
    if (this.size === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.size; i++) b[i] = this.buf[(this.head + i) % this.buf.length]!;
      this.buf = b;
      this.head = 0;
    }
    this.buf[(this.head + this.size) % this.buf.length] = v;
    this.size++;
  }

  peek(): number {
    return this.buf[this.head]!;
  }

  shift(): number {
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) % this.buf.length;
    this.size--;
    return v;
  }

  /** The i-th element from the front. */
  at(i: number): number {
    return this.buf[(this.head + i) % this.buf.length]!;
  }
}
