import type { RepairPreview } from '../../store/interviewerStore';
import type { CanvasNode, FlowEdge as FlowEdgeType, FlowNode } from './flowAdapter';

// The canvas's ghosts of a previewed repair: loaded with the interviewer store (./repairPreview.ts),
// which is the only source of a preview.

/** Ghost nodes of a previewed repair: not selectable or draggable; changed nodes are marked in place. */
export function withGhostNodes(nodes: CanvasNode[], preview: RepairPreview): CanvasNode[] {
  const marked = nodes.map((n) =>
    n.type === 'component' && preview.changed.has(n.id)
      ? { ...n, data: { ...n.data, repair: 'changed' as const } }
      : n,
  );
  // Ghosts are never measured through the document's change loop: give them a drawn node's size so
  // that React Flow shows them and routes their edges at once.
  const size = nodes.find((n) => n.type === 'component' && n.measured?.width)?.measured;
  return [
    ...marked,
    ...preview.nodes.map((n): FlowNode => ({
      measured: { width: size?.width ?? 160, height: size?.height ?? 56 },
      id: n.id,
      type: 'component',
      position: n.position,
      data: { node: n, unsupported: false, repair: 'ghost' },
      selectable: false,
      draggable: false,
      connectable: false,
      domAttributes: { 'data-kind': n.kind } as NonNullable<FlowNode['domAttributes']>,
    })),
  ];
}

/** Ghost edges of a previewed repair: an edge whose ends move replaces the document's one. */
export function withGhostEdges(edges: FlowEdgeType[], preview: RepairPreview): FlowEdgeType[] {
  const moved = new Set(preview.edges.map((e) => e.id));
  return [
    ...edges.filter((e) => !moved.has(e.id)),
    ...preview.edges.map((e): FlowEdgeType => ({
      id: `ghost:${e.id}`,
      source: e.source,
      target: e.target,
      className: 'is-ghost',
      selectable: false,
      animated: true,
    })),
  ];
}
