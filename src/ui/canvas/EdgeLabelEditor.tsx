import { Suspense } from 'react';
import { EdgeLabelRenderer } from '@xyflow/react';
import { isEditing, useInlineEdit } from './inlineEdit';
import { MAX_LABEL_CHARS } from '../../domain';
import { updateEdgeLabel } from '../../store/boardOps';
import { useEditorStore } from '../../store/editorStore';
import { InlineTextEditor } from './annotationCanvas';
import './edgeLabel.css';

/**
 * A connection's label at the middle of its path, or the in-place editor for it: double-click the
 * connection (or press Enter with it selected); Enter commits as one undo step, Escape cancels.
 */
export function EdgeLabel({
  id,
  label,
  x,
  y,
  hidden,
}: {
  id: string;
  label: string | undefined;
  x: number;
  y: number;
  hidden: boolean;
}) {
  const editing = useInlineEdit(isEditing('edge', id));
  if (!editing && (!label || hidden)) return null;
  return (
    <EdgeLabelRenderer>
      <div
        className={`fl-edge-label nodrag nopan${editing ? ' is-editing' : ''}`}
        style={{ transform: `translate(-50%, -50%) translate(${x}px,${y}px)` }}
        onDoubleClick={(e) => {
          e.stopPropagation();
          useInlineEdit.getState().start({ type: 'edge', id });
        }}
      >
        {editing ? (
          <Suspense fallback={label}>
            <InlineTextEditor
              initial={label ?? ''}
              label="Connection label"
              max={MAX_LABEL_CHARS}
              className="fl-input fl-edge-label-input"
              onCommit={(text) => {
                const s = useEditorStore.getState();
                // One undo step per edit (no coalescing with an earlier edit of the same label).
                s.commit(updateEdgeLabel(s.board, id, text.trim()));
              }}
            />
          </Suspense>
        ) : (
          label
        )}
      </div>
    </EdgeLabelRenderer>
  );
}
