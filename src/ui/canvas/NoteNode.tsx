import { memo, useEffect, useRef, useState } from 'react';
import { NodeResizer, type NodeProps, type ResizeParams } from '@xyflow/react';
import { MAX_STICKY_CHARS, MIN_ANNOTATION_SIZE } from '../../domain';
import { resizeStickyNote, updateStickyNote } from '../../store/annotationEdits';
import { useEditorStore } from '../../store/editorStore';
import type { NoteFlowNode } from './flowAdapter';
import './whiteboard.css';
import { isEditing, resizingIds, useInlineEdit } from './inlineEdit';

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
    s.applyInGesture(resizeStickyNote(s.board, id, p));
  });
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
        <NoteEditor id={id} initial={note.text} />
      ) : (
        <div className="fl-sticky-text">
          {note.text || <span className="fl-muted">Double-click to write</span>}
        </div>
      )}
    </div>
  );
});

/** The in-place editor: Escape cancels, Ctrl/⌘+Enter or leaving the field commits (Enter is a new line). */
function NoteEditor({ id, initial }: { id: string; initial: string }) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) {
      const s = useEditorStore.getState();
      s.commit(updateStickyNote(s.board, id, { text }));
    }
    useInlineEdit.getState().stop();
    // Back to the note on the canvas, so the keyboard user keeps their place.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus(),
    );
  };
  return (
    <textarea
      ref={ref}
      className="fl-sticky-input nodrag nowheel nopan"
      aria-label="Note text"
      value={text}
      maxLength={MAX_STICKY_CHARS}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          finish(true);
        }
      }}
    />
  );
}
