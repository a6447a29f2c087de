import type { Board } from '../domain';
import type { SimResult } from '../sim';
import { useRunOverlay, type NodeCounters } from './runOverlayStore';

const EMPTY: ReadonlySet<string> = new Set();

/** Node and edge health at virtual time `t`, replayed from the run's health events. */
export function healthAt(result: SimResult, t: number): { crashed: Set<string>; cut: Set<string> } {
  const crashed = new Set<string>();
  const cut = new Set<string>();
  for (const h of result.health) {
    if (h.tMs > t) break;
    if (h.nodeId) {
      if (h.state === 'crashed' || h.state === 'outage') crashed.add(h.nodeId);
      else if (h.state === 'up') crashed.delete(h.nodeId);
    }
    if (h.edgeId) {
      if (h.state === 'partitioned') cut.add(h.edgeId);
      else if (h.state === 'healed') cut.delete(h.edgeId);
    }
  }
  return { crashed, cut };
}

/** Edges that carried a sampled message within `windowMs` before `t`. */
export function activeEdgesAt(result: SimResult, t: number, windowMs: number): Set<string> {
  const out = new Set<string>();
  for (const s of result.samples) if (s.tMs <= t && s.tMs > t - windowMs) out.add(s.edgeId);
  return out;
}

/** Draws the run on the canvas as it stood at virtual time `t`. Counters are the run's totals. */
export function applyOverlayAt(result: SimResult, t: number, board: Board) {
  const { crashed, cut } = healthAt(result, t);
  const bucket = result.virtualMs / Math.max(1, result.timeline.length);
  const ended = t >= result.virtualMs;
  const counters: Record<string, NodeCounters> = {};
  for (const n of board.nodes) {
    const s = result.stats[n.id];
    if (s) counters[n.id] = s;
  }
  const overlay = useRunOverlay.getState();
  overlay.set({
    counters,
    crashed: crashed.size ? crashed : EMPTY,
    cutEdges: cut.size ? cut : EMPTY,
    activeEdges: ended ? EMPTY : activeEdgesAt(result, t, Math.max(bucket * 2, 1)),
  });
}

export function clearOverlay() {
  useRunOverlay.getState().clear();
}

/** Highlights the path of one violating message (Explain). */
export function highlightPath(path: { nodeId: string; edgeId?: string }[]) {
  useRunOverlay.getState().set({
    highlightNodes: new Set(path.map((p) => p.nodeId)),
    highlightEdges: new Set(path.flatMap((p) => (p.edgeId ? [p.edgeId] : []))),
  });
}

export function clearHighlight() {
  useRunOverlay.getState().set({ highlightNodes: EMPTY, highlightEdges: EMPTY });
}
