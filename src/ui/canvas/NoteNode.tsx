import { memo, Suspense } from 'react';
import { NodeResizer, type NodeProps, type ResizeParams } from '@xyflow/react';
import { MAX_STICKY_CHARS, MIN_ANNOTATION_SIZE } from '../../domain';
import { useEditorStore } from '../../store/editorStore';
import type { NoteFlowNode } from './flowAdapter';
import './whiteboard.css';
import { isEditing, resizingIds, useInlineEdit } from './inlineEdit';
import { annotationActions, InlineTextEditor } from './annotationCanvas';

/** Resize handlers shared by notes and frames: the whole resize is one undo step. */
export function resizeHandlers(id: string, apply: (p: ResizeParams) => void) {
  return {
    onResizeStart: () => {
      resizingIds.add(id);
      useEditorStore.getState().beginGesture();
    },
    onResize: (_: unknown, p: ResizeParams) => apply(p),
    onResizeEnd: (_: unknown, p: ResizeParams) => {
      apply(p);
      resizingIds.delete(id);
      useEditorStore.getState().endGesture();
    },
  };
}

/** A sticky note: multi-line text, a colour, resizable; double-click or Enter edits it in place. */
export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const editing = useInlineEdit(isEditing('note', id));
  const handlers = resizeHandlers(id, (p) => {
    const s = useEditorStore.getState();
    const a = annotationActions();
    if (a) s.applyInGesture(a.resizeStickyNote(s.board, id, p));
  });
  const text = (
    <div className="fl-sticky-text">
      {note.text || <span className="fl-muted">Double-click to write</span>}
    </div>
  );
  return (
    <div
      className={`fl-sticky fl-sticky-${note.color}${selected ? ' is-selected' : ''}`}
      aria-label={`Note: ${note.text || 'empty'}`}
      onDoubleClick={(e) => {
        e.stopPropagation();
        useInlineEdit.getState().start({ type: 'note', id });
      }}
    >
      <NodeResizer
        isVisible={selected && !editing}
        minWidth={MIN_ANNOTATION_SIZE.width}
        minHeight={MIN_ANNOTATION_SIZE.height}
        {...handlers}
      />
      {editing ? (
        <Suspense fallback={text}>
          <InlineTextEditor
            initial={note.text}
            label="Note text"
            max={MAX_STICKY_CHARS}
            multiline
            className="fl-sticky-input"
            returnFocus={id}
            onCommit={(t) => {
              const s = useEditorStore.getState();
              const a = annotationActions();
              if (a) s.commit(a.updateStickyNote(s.board, id, { text: t }));
            }}
          />
        </Suspense>
      ) : (
        text
      )}
    </div>
  );
});
