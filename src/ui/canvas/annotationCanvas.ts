import type { Edge, ReactFlowInstance, XYPosition } from '@xyflow/react';
import type { Size } from '../../domain';
import {
  addFrame,
  addStickyNote,
  assignToFrames,
  nextNoteColor,
} from '../../store/annotationOps';
import { useEditorStore } from '../../store/editorStore';
import { registeredFlow } from '../automation';
import type { CanvasNode } from './flowAdapter';
import { useInlineEdit } from './inlineEdit';

/** Measured sizes of canvas nodes, for frame containment. */
function measuredSizes(rf: Pick<ReactFlowInstance, 'getNodes'> | null): Map<string, Size> {
  const out = new Map<string, Size>();
  for (const n of rf?.getNodes() ?? [])
    if (n.measured?.width && n.measured.height)
      out.set(n.id, { width: n.measured.width, height: n.measured.height });
  return out;
}

/** After a drag: components and notes dropped inside a frame join it; dragged out, they leave it. */
export function afterDrag(dragged: readonly { id: string; type?: string | undefined }[], rf: ReactFlowInstance | null) {
  const ids = dragged.filter((n) => n.type === 'component' || n.type === 'note').map((n) => n.id);
  if (ids.length === 0) return;
  const s = useEditorStore.getState();
  s.applyInGesture(assignToFrames(s.board, ids, measuredSizes(rf as ReactFlowInstance | null)));
}

export function onNodeDoubleClick(_: unknown, node: CanvasNode) {
  if (node.type === 'note' || node.type === 'frame') useInlineEdit.getState().start({ type: node.type, id: node.id });
}

export function onEdgeDoubleClick(_: unknown, edge: Edge) {
  if (!edge.id.startsWith('ghost-')) useInlineEdit.getState().start({ type: 'edge', id: edge.id });
}

function viewCentre(): XYPosition {
  const rf = registeredFlow();
  const r = document.querySelector('.fl-canvas')?.getBoundingClientRect();
  if (!rf || !r || r.width === 0) return { x: 0, y: 0 };
  return rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
}

/** Adds a sticky note (at `at`, or the centre of the view), selects it and opens its editor. */
export function addNoteAt(at?: XYPosition) {
  const s = useEditorStore.getState();
  const p = at ?? viewCentre();
  const r = addStickyNote(s.board, { x: p.x - 100, y: p.y - 70 });
  s.commit(assignToFrames(r.board, [r.id]));
  s.setSelection([r.id], []);
  useInlineEdit.getState().start({ type: 'note', id: r.id });
}

/** Adds a frame (at `at`, or the centre of the view) and selects it. */
export function addFrameAt(at?: XYPosition) {
  const s = useEditorStore.getState();
  const p = at ?? viewCentre();
  const r = addFrame(s.board, { x: p.x - 240, y: p.y - 150 });
  s.commit(r.board);
  s.setSelection([r.id], []);
}

/**
 * Enter on the canvas: edit the one selected note's text, frame's title or connection's label.
 * Returns false when there is nothing to edit (the key is left to others).
 */
export function editSelection(): boolean {
  const s = useEditorStore.getState();
  if (s.selectedNodes.length === 1 && s.selectedEdges.length === 0) {
    const id = s.selectedNodes[0]!;
    if ((s.board.stickyNotes ?? []).some((n) => n.id === id)) {
      useInlineEdit.getState().start({ type: 'note', id });
      return true;
    }
    if ((s.board.frames ?? []).some((f) => f.id === id)) {
      useInlineEdit.getState().start({ type: 'frame', id });
      return true;
    }
  }
  if (s.selectedEdges.length === 1 && s.selectedNodes.length === 0) {
    useInlineEdit.getState().start({ type: 'edge', id: s.selectedEdges[0]! });
    return true;
  }
  return false;
}

/** Gives the selected sticky notes the next colour. */
export function cycleNoteColour() {
  const s = useEditorStore.getState();
  const sel = new Set(s.selectedNodes);
  const notes = s.board.stickyNotes ?? [];
  if (!notes.some((n) => sel.has(n.id))) return;
  s.commit({
    ...s.board,
    stickyNotes: notes.map((n) => (sel.has(n.id) ? { ...n, color: nextNoteColor(n.color) } : n)),
  });
}
