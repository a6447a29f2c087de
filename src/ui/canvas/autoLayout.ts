import type { Board, XY } from '../../domain';

const NODE_W = 200;
const NODE_H = 70;

/**
 * Left-to-right layered layout with elkjs (loaded on demand: ~1.4 MB, its own chunk).
 * Returns new positions keyed by node id; the caller applies them as one undo step.
 */
export async function computeLayeredLayout(
  board: Board,
  sizes?: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Map<string, XY>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
    },
    children: board.nodes.map((n) => ({
      id: n.id,
      width: sizes?.get(n.id)?.width ?? NODE_W,
      height: sizes?.get(n.id)?.height ?? NODE_H,
    })),
    edges: board.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await elk.layout(graph);
  const positions = new Map<string, XY>();
  for (const c of out.children ?? [])
    positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return positions;
}
