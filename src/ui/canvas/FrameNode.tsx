import { memo, Suspense } from 'react';
import { NodeResizer, useReactFlow, type NodeProps } from '@xyflow/react';
import { MAX_LABEL_CHARS } from '../../domain';
import { useEditorStore } from '../../store/editorStore';
import type { FrameFlowNode } from './flowAdapter';
import { isEditing, useInlineEdit } from './inlineEdit';
import { annotationActions, InlineTextEditor } from './annotationCanvas';
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
    const a = annotationActions();
    if (a) s.applyInGesture(a.resizeFrame(s.board, id, p, sizes));
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
        {editing ? (
          <Suspense fallback={frame.title || 'Frame'}>
            <InlineTextEditor
              initial={frame.title}
              label="Frame title"
              max={MAX_LABEL_CHARS}
              className="fl-input fl-frame-input"
              returnFocus={id}
              onCommit={(text) => {
                const s = useEditorStore.getState();
                const a = annotationActions();
                if (a) s.commit(a.renameFrame(s.board, id, text.trim() || 'Frame'));
              }}
            />
          </Suspense>
        ) : (
          frame.title || 'Frame'
        )}
      </div>
    </div>
  );
});
