import type { ELK } from 'elkjs/lib/elk-api';
import type { Board, XY } from '../../domain';

const NODE_W = 200;
const NODE_H = 70;

let elk: Promise<ELK> | null = null;

/** elkjs's API client (a few kB) on the page, ELK itself in src/workers/layoutWorker.ts; both on demand. */
function getElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk-api.js').then(
    ({ default: ElkApi }) =>
      new ElkApi({
        workerFactory: () =>
          new Worker(new URL('../../workers/layoutWorker.ts', import.meta.url), {
            type: 'module',
            name: 'faultline-layout',
          }),
      }),
  );
  return elk;
}

/**
 * Left-to-right layered layout with ELK, computed in a Web Worker (ELK is ~1.4 MB and would block the
 * page while it loads and lays out). Returns new positions keyed by node id; the caller applies them
 * as one undo step.
 */
export async function computeLayeredLayout(
  board: Board,
  sizes?: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Map<string, XY>> {
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
  const out = await (await getElk()).layout(graph);
  const positions = new Map<string, XY>();
  for (const c of out.children ?? [])
    positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return positions;
}
