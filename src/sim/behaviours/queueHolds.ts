/**
 * A key held by a failing delivery of an ordered queue. `parked[start…]` wait behind it, in order;
 * when a released message fails in turn, its new hold takes over the same array from the next
 * position (no copy).
 */
export interface Hold {
  holder: number;
  parked: number[];
  start: number;
  /** Creation order: what `inOrder` lists by (as a map would iterate). */
  seq: number;
}

/** Held-key ids below this live in a dense array (tenant keys); larger ones (invoice ids) in a map. */
const DENSE = 65_536;

/**
 * The held keys of one queue. Under a plan that keeps keys blocked, every delivery of an ordered
 * queue looks its key up here, so small ids skip the map's hashing.
 */
export class QueueHolds {
  size = 0;
  private dense: (Hold | undefined)[] = [];
  private sparse = new Map<number, Hold>();
  private seq = 0;

  get(hk: number): Hold | undefined {
    return hk < DENSE ? this.dense[hk] : this.sparse.get(hk);
  }

  /** Holds `hk` for `holder` unless it is already held. */
  hold(hk: number, holder: number): void {
    if (this.get(hk) !== undefined) return;
    const h: Hold = { holder, parked: [], start: 0, seq: this.seq++ };
    this.size++;
    if (hk >= DENSE) {
      this.sparse.set(hk, h);
      return;
    }
    while (this.dense.length <= hk) this.dense.push(undefined);
    this.dense[hk] = h;
  }

  delete(hk: number): void {
    if (this.get(hk) === undefined) return;
    this.size--;
    if (hk < DENSE) this.dense[hk] = undefined;
    else this.sparse.delete(hk);
  }

  /** Every hold, oldest first. */
  inOrder(): Hold[] {
    const all = [...this.sparse.values()];
    for (const h of this.dense) if (h !== undefined) all.push(h);
    return all.sort((a, b) => a.seq - b.seq);
  }
}
