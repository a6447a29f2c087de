import { useMemo } from 'react';
import { MarkerType, type Edge } from '@xyflow/react';
import { useCompareStore } from '../../store/compareStore';
import type { CanvasNode, GhostFlowNode } from './flowAdapter';

export { default as ComparePanel } from './ComparePanel';

/** The document's nodes and edges plus, while comparing, the reference's ghosts (dashed, inert). */
export function useGhostElements(nodes: CanvasNode[], edges: Edge[]): { nodes: CanvasNode[]; edges: Edge[] } {
  const active = useCompareStore((s) => s.active);
  const ghosts = useCompareStore((s) => s.ghosts);
  const ghostEdges = useCompareStore((s) => s.ghostEdges);
  return useMemo(() => {
    if (!active) return { nodes, edges };
    const ids = new Set([...nodes.map((n) => n.id), ...ghosts.map((g) => g.id)]);
    const ghostNodes = ghosts.map((g): GhostFlowNode => ({
      id: g.id,
      type: 'ghost',
      position: g.position,
      data: {
        label: g.label,
        kind: g.kind,
        gap: g.gap?.message ?? 'in the reference design, not on your board',
        invariant: g.gap?.invariant,
        broken: g.gap?.broken,
      },
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: true,
      ariaLabel: `Missing from your board: ${g.label}`,
      domAttributes: { 'data-kind': 'ghost' } as NonNullable<GhostFlowNode['domAttributes']>,
    }));
    const dashed = ghostEdges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e): Edge => ({
        id: e.id,
        source: e.source,
        target: e.target,
        className: 'fl-ghost-edge',
        selectable: false,
        focusable: false,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      }));
    return { nodes: [...nodes, ...ghostNodes], edges: [...edges, ...dashed] };
  }, [active, ghosts, ghostEdges, nodes, edges]);
}
