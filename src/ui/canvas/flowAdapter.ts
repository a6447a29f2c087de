import type { Edge, Node } from '@xyflow/react';
import { getKindDefinition, type Board, type BoardNode } from '../../domain';
import { edgeMarker } from './edgeKindStyle';

export interface ComponentNodeData extends Record<string, unknown> {
  node: BoardNode;
  unsupported: boolean;
}
export type FlowNode = Node<ComponentNodeData, 'component'>;
export type FlowEdge = Edge;

interface CachedNode {
  src: BoardNode;
  selected: boolean;
  width?: number | undefined;
  height?: number | undefined;
  rf: FlowNode;
}

/**
 * Turns the document into React Flow nodes, reusing the previous object for every node whose
 * document node, selection and measured size did not change — so a drag re-renders one node, not 500.
 */
export function createFlowAdapter() {
  const nodeCache = new Map<string, CachedNode>();
  const measured = new Map<string, { width: number; height: number }>();
  let lastEdges: { edges: Board['edges']; sel: string; out: FlowEdge[] } | null = null;

  function toNodes(board: Board, selected: ReadonlySet<string>): FlowNode[] {
    const seen = new Set<string>();
    const out = board.nodes.map((n): FlowNode => {
      seen.add(n.id);
      const isSel = selected.has(n.id);
      const m = measured.get(n.id);
      const c = nodeCache.get(n.id);
      if (c && c.src === n && c.selected === isSel && c.width === m?.width && c.height === m?.height) {
        return c.rf;
      }
      const rf: FlowNode = {
        id: n.id,
        type: 'component',
        position: n.position,
        data: { node: n, unsupported: !getKindDefinition(n.kind) },
        selected: isSel,
        domAttributes: { 'data-kind': n.kind } as NonNullable<FlowNode['domAttributes']>,
      };
      if (m) rf.measured = m;
      nodeCache.set(n.id, { src: n, selected: isSel, width: m?.width, height: m?.height, rf });
      return rf;
    });
    if (nodeCache.size > seen.size)
      for (const id of nodeCache.keys())
        if (!seen.has(id)) {
          nodeCache.delete(id);
          measured.delete(id);
        }
    return out;
  }

  function toEdges(board: Board, selected: ReadonlySet<string>): FlowEdge[] {
    const sel = [...selected].join('\u0000');
    if (lastEdges && lastEdges.edges === board.edges && lastEdges.sel === sel) return lastEdges.out;
    const out = board.edges.map((e): FlowEdge => ({
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'flow',
      ...(e.label ? { label: e.label } : {}),
      selected: selected.has(e.id),
      markerEnd: edgeMarker(e.kind),
      ...(e.kind
        ? {
            data: { kind: e.kind },
            domAttributes: { 'data-edge-kind': e.kind } as NonNullable<FlowEdge['domAttributes']>,
          }
        : {}),
    }));
    lastEdges = { edges: board.edges, sel, out };
    return out;
  }

  function setMeasured(id: string, size: { width: number; height: number }) {
    measured.set(id, size);
  }

  return { toNodes, toEdges, setMeasured };
}
