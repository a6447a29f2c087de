import { memo, useEffect, useRef, useState } from 'react';
import { NodeResizer, useReactFlow, type NodeProps } from '@xyflow/react';
import { MAX_LABEL_CHARS } from '../../domain';
import { renameFrame, resizeFrame } from '../../store/annotationEdits';
import { useEditorStore } from '../../store/editorStore';
import type { FrameFlowNode } from './flowAdapter';
import { isEditing, useInlineEdit } from './inlineEdit';
import { resizeHandlers } from './NoteNode';

/**
 * A frame: a titled rectangle behind components. Its members move with it; a resize never cuts one
 * off (the frame grows back around them). Double-click the title, or press Enter, to rename it.
 */
export const FrameNode = memo(function FrameNode({ id, data, selected }: NodeProps<FrameFlowNode>) {
  const { frame } = data;
  const editing = useInlineEdit(isEditing('frame', id));
  const rf = useReactFlow();
  const handlers = resizeHandlers(id, (p) => {
    const s = useEditorStore.getState();
    const sizes = new Map(
      frame.members.flatMap((m) => {
        const n = rf.getNode(m);
        return n?.measured?.width && n.measured.height
          ? [[m, { width: n.measured.width, height: n.measured.height }] as const]
          : [];
      }),
    );
    s.applyInGesture(resizeFrame(s.board, id, p, sizes));
  });
  return (
    <div
      className={`fl-frame${selected ? ' is-selected' : ''}`}
      aria-label={`Frame: ${frame.title}, ${frame.members.length} inside`}
    >
      <NodeResizer isVisible={selected && !editing} minWidth={160} minHeight={120} {...handlers} />
      <div
        className="fl-frame-title"
        onDoubleClick={(e) => {
          e.stopPropagation();
          useInlineEdit.getState().start({ type: 'frame', id });
        }}
      >
        {editing ? <FrameTitleEditor id={id} initial={frame.title} /> : frame.title || 'Frame'}
      </div>
    </div>
  );
});

function FrameTitleEditor({ id, initial }: { id: string; initial: string }) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => ref.current?.select(), []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) {
      const s = useEditorStore.getState();
      s.commit(renameFrame(s.board, id, text.trim() || 'Frame'));
    }
    useInlineEdit.getState().stop();
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus(),
    );
  };
  return (
    <input
      ref={ref}
      className="fl-input fl-frame-input nodrag"
      aria-label="Frame title"
      value={text}
      maxLength={MAX_LABEL_CHARS}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        }
      }}
    />
  );
}
