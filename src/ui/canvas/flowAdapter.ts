import type { Edge, Node } from '@xyflow/react';
import {
  getKindDefinition,
  type Board,
  type BoardFrame,
  type BoardNode,
  type StickyNote,
} from '../../domain';
import { edgeMarker } from './edgeKindStyle';

export interface ComponentNodeData extends Record<string, unknown> {
  node: BoardNode;
  unsupported: boolean;
  /** A previewed repair: a node it adds (ghost) or changes. */
  repair?: 'ghost' | 'changed';
}
export type FlowNode = Node<ComponentNodeData, 'component'>;
type ComponentFlowNode = FlowNode;
export type NoteFlowNode = Node<{ note: StickyNote }, 'note'>;
export type FrameFlowNode = Node<{ frame: BoardFrame }, 'frame'>;
/** Everything the canvas draws as nodes: components, sticky notes and frames. */
export type CanvasNode = FlowNode | NoteFlowNode | FrameFlowNode;
export type FlowEdge = Edge;

interface CachedNode {
  src: BoardNode;
  selected: boolean;
  width?: number | undefined;
  height?: number | undefined;
  rf: ComponentFlowNode;
}

/**
 * Turns the document into React Flow nodes, reusing the previous object for every node whose
 * document node, selection and measured size did not change — so a drag re-renders one node, not 500.
 */
export function createFlowAdapter() {
  const nodeCache = new Map<string, CachedNode>();
  const measured = new Map<string, { width: number; height: number }>();
  let lastEdges: { edges: Board['edges']; sel: string; out: FlowEdge[] } | null = null;

  const annotationCache = new Map<
    string,
    { src: StickyNote | BoardFrame; selected: boolean; rf: CanvasNode }
  >();

  /** Frames first (drawn behind everything, far below components), then sticky notes. */
  function toAnnotationNodes(board: Board, selected: ReadonlySet<string>): CanvasNode[] {
    const out: CanvasNode[] = [];
    const seen = new Set<string>();
    const cached = (src: StickyNote | BoardFrame, make: () => CanvasNode) => {
      seen.add(src.id);
      const isSel = selected.has(src.id);
      const c = annotationCache.get(src.id);
      if (c && c.src === src && c.selected === isSel) return c.rf;
      const rf = { ...make(), selected: isSel };
      annotationCache.set(src.id, { src, selected: isSel, rf });
      return rf;
    };
    for (const f of board.frames ?? [])
      out.push(
        cached(f, () => ({
          id: f.id,
          type: 'frame',
          position: f.position,
          width: f.size.width,
          height: f.size.height,
          zIndex: -1000,
          data: { frame: f },
          domAttributes: { 'data-kind': 'frame' } as NonNullable<CanvasNode['domAttributes']>,
        })),
      );
    for (const n of board.stickyNotes ?? [])
      out.push(
        cached(n, () => ({
          id: n.id,
          type: 'note',
          position: n.position,
          width: n.size.width,
          height: n.size.height,
          data: { note: n },
          domAttributes: { 'data-kind': 'note' } as NonNullable<CanvasNode['domAttributes']>,
        })),
      );
    for (const id of annotationCache.keys()) if (!seen.has(id)) annotationCache.delete(id);
    return out;
  }

  function toNodes(board: Board, selected: ReadonlySet<string>): CanvasNode[] {
    const annotations = board.frames || board.stickyNotes ? toAnnotationNodes(board, selected) : [];
    if (annotations.length === 0 && annotationCache.size > 0) annotationCache.clear();
    const seen = new Set<string>();
    const out = board.nodes.map((n): FlowNode => {
      seen.add(n.id);
      const isSel = selected.has(n.id);
      const m = measured.get(n.id);
      const c = nodeCache.get(n.id);
      if (c && c.src === n && c.selected === isSel && c.width === m?.width && c.height === m?.height) {
        return c.rf;
      }
      const rf: ComponentFlowNode = {
        id: n.id,
        type: 'component',
        position: n.position,
        data: { node: n, unsupported: !getKindDefinition(n.kind) },
        selected: isSel,
        domAttributes: { 'data-kind': n.kind } as NonNullable<ComponentFlowNode['domAttributes']>,
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
    return annotations.length > 0 ? [...annotations, ...out] : out;
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
