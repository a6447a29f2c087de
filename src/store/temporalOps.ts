import { REGION_PATTERN, type Board, type BoardEdge, type BoardNode, type EdgeKind } from '../domain';

/** Sets how an edge talks to its target; `call` (the default) is stored as no kind at all. */
export function setEdgeKind(board: Board, id: string, kind: EdgeKind): Board {
  return {
    ...board,
    edges: board.edges.map((e) => {
      if (e.id !== id) return e;
      const next: BoardEdge = { ...e };
      if (kind === 'call') delete next.kind;
      else next.kind = kind;
      return next;
    }),
  };
}

/** Sets (or, with '', clears) a node's region; an invalid name leaves the board unchanged. */
export function setNodeRegion(board: Board, id: string, region: string): Board {
  if (region !== '' && !REGION_PATTERN.test(region)) return board;
  return {
    ...board,
    nodes: board.nodes.map((n) => {
      if (n.id !== id) return n;
      const next: BoardNode = { ...n };
      if (region === '') delete next.region;
      else next.region = region;
      return next;
    }),
  };
}
