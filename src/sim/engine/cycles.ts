import type { Sim } from './sim';

/**
 * The loop messages went round, as node indices in order — preferring the node where a message
 * exceeded its hop budget, and edges that carried traffic. Null when the graph has no cycle.
 */
export function findLoop(s: Sim): number[] | null {
  const t = s.t;
  const out: number[][] = Array.from({ length: s.nodes }, () => []);
  const busy: number[][] = Array.from({ length: s.nodes }, () => []);
  for (let e = 0; e < t.edgeIds.length; e++) {
    out[t.edgeSource[e]!]!.push(t.edgeTarget[e]!);
    if (s.edgeTraffic[e]! > 0) busy[t.edgeSource[e]!]!.push(t.edgeTarget[e]!);
  }
  const starts = s.loopAt >= 0 ? [s.loopAt] : [];
  for (let n = 0; n < s.nodes; n++) if (n !== s.loopAt) starts.push(n);
  for (const adj of [busy, out]) {
    for (const start of starts) {
      const cycle = cycleThrough(adj, start);
      if (cycle) return cycle;
    }
  }
  return null;
}

/** A shortest cycle through `start` (breadth-first back to it), or null. */
function cycleThrough(adj: number[][], start: number): number[] | null {
  const prev = new Map<number, number>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    for (const v of adj[u]!) {
      if (v === start) {
        const path = [u];
        for (let x = u; x !== start;) {
          x = prev.get(x)!;
          path.push(x);
        }
        return path.reverse();
      }
      if (!prev.has(v)) {
        prev.set(v, u);
        queue.push(v);
      }
    }
  }
  return null;
}
