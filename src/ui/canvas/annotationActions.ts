// Adding notes and frames, recolouring notes, and everything that edits them or a connection label
// in place: not needed for the first paint. Loaded just after it (./annotationCanvas.ts), and at the
// latest on first use.
import type { XYPosition } from '@xyflow/react';
import { addFrame, addStickyNote, nextNoteColor } from '../../store/annotationEdits';
import { assignToFrames } from '../../store/annotationOps';
import { useEditorStore } from '../../store/editorStore';
import { registeredFlow } from '../automation';
import { useInlineEdit } from './inlineEdit';

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

export { renameFrame, resizeFrame, resizeStickyNote, updateStickyNote } from '../../store/annotationEdits';
export { InlineTextEditor } from './InlineTextEditor';
