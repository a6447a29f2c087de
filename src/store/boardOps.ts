import {
  COORD_LIMIT,
  createDefaultConfig,
  createUniqueId,
  getKindDefinition,
  MAX_LABEL_CHARS,
  MAX_NOTES_CHARS,
  type Board,
  type BoardEdge,
  type BoardNode,
  type ComponentKind,
  type ConfigValue,
  type XY,
} from '../domain';
import { allIds, moveAnnotations, removeAnnotations } from './annotationOps';

// Pure operations on a board. The store wraps each in one undo step; tests call them directly.

const clampCoord = (v: number) => (Number.isFinite(v) ? Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, v)) : 0);

/** Every id on the canvas: components, connections, sticky notes and frames share one id space. */
function takenIds(board: Board): Set<string> {
  return allIds(board);
}

/** Adds a component of `kind` at `position` with its default config; returns the board and the new id. */
export function addNode(board: Board, kind: ComponentKind, position: XY): { board: Board; id: string } {
  const id = createUniqueId(`${kind}-`, takenIds(board));
  const def = getKindDefinition(kind)!;
  const node: BoardNode = {
    id,
    kind,
    label: def.displayName,
    position: { x: clampCoord(Math.round(position.x)), y: clampCoord(Math.round(position.y)) },
    config: createDefaultConfig(kind),
  };
  return { board: { ...board, nodes: [...board.nodes, node] }, id };
}

/** Connects two components; refuses self-loops, missing ends and a second identical connection. */
export function connect(board: Board, source: string, target: string): { board: Board; id: string | null } {
  if (source === target) return { board, id: null };
  const ids = new Set(board.nodes.map((n) => n.id));
  if (!ids.has(source) || !ids.has(target)) return { board, id: null };
  if (board.edges.some((e) => e.source === source && e.target === target)) return { board, id: null };
  const id = createUniqueId('e', takenIds(board));
  return { board: { ...board, edges: [...board.edges, { id, source, target }] }, id };
}

/** Removes nodes (with their edges) and edges. */
export function removeElements(
  board: Board,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): Board {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return board;
  return removeAnnotations(
    {
      ...board,
      nodes: board.nodes.filter((n) => !nodes.has(n.id)),
      edges: board.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
    },
    nodes,
  );
}

/**
 * Sets the positions of the given nodes, sticky notes and frames (a frame carries its members);
 * returns the same board when nothing moved.
 */
export function moveNodes(board: Board, positions: ReadonlyMap<string, XY>): Board {
  const moved = moveAnnotations(board, positions);
  const base = moved.board;
  const nodes = base.nodes.map((n) => {
    const p = positions.get(n.id) ?? moved.memberMoves.get(n.id);
    if (!p) return n;
    const x = clampCoord(p.x),
      y = clampCoord(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    return { ...n, position: { x, y } };
  });
  if (!nodes.some((n, i) => n !== base.nodes[i])) return base;
  return { ...base, nodes };
}

export interface NodePatch {
  label?: string;
  notes?: string;
  config?: Record<string, ConfigValue>;
}

/** Updates one node's label, notes or config keys (config values must already be valid). */
export function updateNode(board: Board, id: string, patch: NodePatch): Board {
  const nodes = board.nodes.map((n) => {
    if (n.id !== id) return n;
    const next: BoardNode = { ...n };
    if (patch.label !== undefined) next.label = patch.label.slice(0, MAX_LABEL_CHARS);
    if (patch.notes !== undefined) {
      if (patch.notes === '') delete next.notes;
      else next.notes = patch.notes.slice(0, MAX_NOTES_CHARS);
    }
    if (patch.config) next.config = { ...n.config, ...patch.config };
    return next;
  });
  return { ...board, nodes };
}

export function updateEdgeLabel(board: Board, id: string, label: string): Board {
  return {
    ...board,
    edges: board.edges.map((e) => {
      if (e.id !== id) return e;
      const next: BoardEdge = { ...e };
      if (label === '') delete next.label;
      else next.label = label.slice(0, MAX_LABEL_CHARS);
      return next;
    }),
  };
}

/** A copied fragment: nodes and the edges between them. */
export interface Fragment {
  nodes: BoardNode[];
  edges: BoardEdge[];
}

export function copyFragment(board: Board, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: board.nodes.filter((n) => ids.has(n.id)),
    edges: board.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/** Pastes a fragment with fresh ids, shifted by `offset`; returns the new node ids for selection. */
export function pasteFragment(
  board: Board,
  fragment: Fragment,
  offset: XY,
): { board: Board; nodeIds: string[] } {
  const taken = takenIds(board);
  const idMap = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = createUniqueId(`${n.kind}-`, taken);
    idMap.set(n.id, id);
    return {
      ...n,
      id,
      config: { ...n.config },
      position: { x: clampCoord(n.position.x + offset.x), y: clampCoord(n.position.y + offset.y) },
    };
  });
  const edges = fragment.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => ({
      ...e,
      id: createUniqueId('e', taken),
      source: idMap.get(e.source)!,
      target: idMap.get(e.target)!,
    }));
  return {
    board: { ...board, nodes: [...board.nodes, ...nodes], edges: [...board.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
