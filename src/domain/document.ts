import type { BoardFrame, StickyNote } from './annotations';
import type { Config } from './catalog';
import type { EdgeKind } from './edgeKinds';

/** The saved document's format tag and current version (docs/formats.md, "The board document"). */
export const BOARD_FORMAT = 'faultline/design';
export const BOARD_VERSION = 1;

export interface XY {
  x: number;
  y: number;
}

export interface BoardNode {
  id: string;
  /** A kind id of the catalog; an unknown kind is kept as an "unsupported" placeholder when loading. */
  kind: string;
  label: string;
  position: XY;
  config: Config;
  notes?: string;
  /** Optional region (e.g. "eu-west"); a `region:<a>|<b>` partition cuts edges between two regions. */
  region?: string;
}

export interface BoardEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  /** How the edge talks to its target; absent = `call`. */
  kind?: EdgeKind;
}

/** One board: the document saved in the browser, exported, shared, and used for reference designs. */
export interface Board {
  format: typeof BOARD_FORMAT;
  version: typeof BOARD_VERSION;
  title: string;
  scenario?: string;
  nodes: BoardNode[];
  edges: BoardEdge[];
  notes?: string;
  /** Sticky notes on the canvas (src/domain/annotations.ts); never simulated or graded. */
  stickyNotes?: StickyNote[];
  /** Frames grouping components and notes; never simulated or graded. */
  frames?: BoardFrame[];
}

export function createEmptyBoard(title = 'Untitled board'): Board {
  return { format: BOARD_FORMAT, version: BOARD_VERSION, title, nodes: [], edges: [] };
}
