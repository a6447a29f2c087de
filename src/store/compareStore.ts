import { create } from 'zustand';
import type { Board } from '../domain';
import type { Scenario } from '../domain/scenario';
import { compareOnCanvas, type CompareGap, type Ghost } from '../grading/canvasCompare';

/** A reference connection drawn dashed in the comparison: at least one end is a ghost. */
export interface GhostEdge {
  id: string;
  source: string;
  target: string;
}

/**
 * "Compare on canvas": the reference aligned on the user's board, its missing components drawn as
 * ghosts. Nothing here touches the document — leaving the view leaves the board exactly as it was.
 */
interface CompareState {
  active: boolean;
  scenarioTitle: string;
  ghosts: Ghost[];
  ghostEdges: GhostEdge[];
  /** The open board's revision when the view was entered (the view closes if another board opens). */
  boardOpenCount: number;
  enter(scenario: Scenario, board: Board, gaps: readonly CompareGap[], openCount: number): void;
  leave(): void;
}

export const useCompareStore = create<CompareState>()((set) => ({
  active: false,
  scenarioTitle: '',
  ghosts: [],
  ghostEdges: [],
  boardOpenCount: 0,
  enter(scenario, board, gaps, openCount) {
    const c = compareOnCanvas(scenario, board, gaps);
    const end = (refId: string) => c.matched.get(refId) ?? `ghost-${refId}`;
    const ghostEdges = scenario.reference.edges
      .filter((e) => !c.matched.has(e.source) || !c.matched.has(e.target))
      .map((e) => ({ id: `ghost-${e.id}`, source: end(e.source), target: end(e.target) }));
    set({
      active: true,
      scenarioTitle: scenario.title,
      ghosts: c.ghosts,
      ghostEdges,
      boardOpenCount: openCount,
    });
  },
  leave() {
    set({ active: false, ghosts: [], ghostEdges: [] });
  },
}));
