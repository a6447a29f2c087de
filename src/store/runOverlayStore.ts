import { create } from 'zustand';

/** Per-node counters shown on the canvas during and after a run. */
export interface NodeCounters {
  in: number;
  out: number;
  dropped: number;
  duplicates: number;
  deadLettered: number;
  errors: number;
  crashes: number;
}

/**
 * What the canvas draws on top of the document while a run is shown: counters, health, the
 * explained path. Kept apart from the document so that a run never touches the board or its undo.
 */
export interface RunOverlayState {
  counters: Record<string, NodeCounters>;
  crashed: ReadonlySet<string>;
  cutEdges: ReadonlySet<string>;
  /** Edges currently carrying animated sample messages. */
  activeEdges: ReadonlySet<string>;
  /** Node and edge ids on the path of the message being explained. */
  highlightNodes: ReadonlySet<string>;
  highlightEdges: ReadonlySet<string>;
  set: (patch: Partial<Omit<RunOverlayState, 'set' | 'clear'>>) => void;
  clear: () => void;
}

const EMPTY: ReadonlySet<string> = new Set();

export const useRunOverlay = create<RunOverlayState>()((set) => ({
  counters: {},
  crashed: EMPTY,
  cutEdges: EMPTY,
  activeEdges: EMPTY,
  highlightNodes: EMPTY,
  highlightEdges: EMPTY,
  set: (patch) => set(patch),
  clear: () =>
    set({
      counters: {},
      crashed: EMPTY,
      cutEdges: EMPTY,
      activeEdges: EMPTY,
      highlightNodes: EMPTY,
      highlightEdges: EMPTY,
    }),
}));
