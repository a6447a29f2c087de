import { create } from 'zustand';
import type { Ghost } from '../grading/canvasCompare';

/** A reference connection drawn dashed in the comparison: at least one end is a ghost. */
export interface GhostEdge {
  id: string;
  source: string;
  target: string;
}

export interface CompareView {
  scenarioTitle: string;
  ghosts: Ghost[];
  ghostEdges: GhostEdge[];
  /** The editor's openCount when the view was entered (the view closes if another board opens). */
  boardOpenCount: number;
}

/**
 * "Compare on canvas": the reference aligned on the user's board, its missing components drawn as
 * ghosts (computed by grading/canvasCompare.ts). Nothing here touches the document — leaving the
 * view leaves the board exactly as it was.
 */
interface CompareState extends CompareView {
  active: boolean;
  show(view: CompareView): void;
  leave(): void;
}

export const useCompareStore = create<CompareState>()((set) => ({
  active: false,
  scenarioTitle: '',
  ghosts: [],
  ghostEdges: [],
  boardOpenCount: 0,
  show: (view) => set({ active: true, ...view }),
  leave: () => set({ active: false, ghosts: [], ghostEdges: [] }),
}));
