import { lazy } from 'react';
import type { Edge, ReactFlowInstance, XYPosition } from '@xyflow/react';
import type { Size } from '../../domain';
import { assignToFrames } from '../../store/annotationOps';
import { useEditorStore } from '../../store/editorStore';
import type { CanvasNode } from './flowAdapter';
import { useInlineEdit, type InlineEditTarget } from './inlineEdit';

/** Measured sizes of canvas nodes, for frame containment. */
function measuredSizes(rf: Pick<ReactFlowInstance, 'getNodes'> | null): Map<string, Size> {
  const out = new Map<string, Size>();
  for (const n of rf?.getNodes() ?? [])
    if (n.measured?.width && n.measured.height)
      out.set(n.id, { width: n.measured.width, height: n.measured.height });
  return out;
}

/** After a drag: components and notes dropped inside a frame join it; dragged out, they leave it. */
export function afterDrag(
  dragged: readonly { id: string; type?: string | undefined }[],
  rf: ReactFlowInstance | null,
) {
  const ids = dragged.filter((n) => n.type === 'component' || n.type === 'note').map((n) => n.id);
  if (ids.length === 0) return;
  const s = useEditorStore.getState();
  s.applyInGesture(assignToFrames(s.board, ids, measuredSizes(rf)));
}

export function onNodeDoubleClick(_: unknown, node: CanvasNode) {
  if (node.type === 'note' || node.type === 'frame')
    useInlineEdit.getState().start({ type: node.type, id: node.id });
}

export function onEdgeDoubleClick(_: unknown, edge: Edge) {
  useInlineEdit.getState().start({ type: 'edge', id: edge.id });
}

/** What Enter would edit: the one selected note's text, frame's title or connection's label. */
export function editableSelection(): InlineEditTarget | null {
  const s = useEditorStore.getState();
  if (s.selectedNodes.length === 1 && s.selectedEdges.length === 0) {
    const id = s.selectedNodes[0]!;
    if ((s.board.stickyNotes ?? []).some((n) => n.id === id)) return { type: 'note', id };
    if ((s.board.frames ?? []).some((f) => f.id === id)) return { type: 'frame', id };
  }
  if (s.selectedEdges.length === 1 && s.selectedNodes.length === 0)
    return { type: 'edge', id: s.selectedEdges[0]! };
  return null;
}

export function editSelection() {
  const target = editableSelection();
  if (target) useInlineEdit.getState().start(target);
}

type Actions = typeof import('./annotationActions');
let actions: Actions | null = null;
let loadingActions: Promise<Actions> | null = null;

/** Loads the annotation actions and the in-place editor (./annotationActions.ts) once. */
export function loadAnnotationActions(): Promise<Actions> {
  loadingActions ??= import('./annotationActions').then((m) => (actions = m));
  return loadingActions;
}

/** The annotation actions once loaded (a resize applies them as it goes), else null. */
export const annotationActions = (): Actions | null => actions;

export const addNoteAt = (at?: XYPosition) => void loadAnnotationActions().then((m) => m.addNoteAt(at));
export const addFrameAt = (at?: XYPosition) => void loadAnnotationActions().then((m) => m.addFrameAt(at));
export const cycleNoteColour = () => void loadAnnotationActions().then((m) => m.cycleNoteColour());

/** The in-place text editor of notes, frame titles and connection labels. */
export const InlineTextEditor = lazy(() =>
  loadAnnotationActions().then((m) => ({ default: m.InlineTextEditor })),
);
