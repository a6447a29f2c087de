import { useEffect, useRef, useState } from 'react';
import { EdgeLabelRenderer } from '@xyflow/react';
import { MAX_LABEL_CHARS } from '../../domain';
import { updateEdgeLabel } from '../../store/boardOps';
import { useEditorStore } from '../../store/editorStore';
import { isEditing, useInlineEdit } from './inlineEdit';

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
        {editing ? <EdgeLabelInput id={id} initial={label ?? ''} /> : label}
      </div>
    </EdgeLabelRenderer>
  );
}

function EdgeLabelInput({ id, initial }: { id: string; initial: string }) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => ref.current?.select(), []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) {
      const s = useEditorStore.getState();
      // One undo step per edit (no coalescing with an earlier edit of the same label).
      s.commit(updateEdgeLabel(s.board, id, text.trim()));
    }
    useInlineEdit.getState().stop();
  };
  return (
    <input
      ref={ref}
      className="fl-input fl-edge-label-input"
      aria-label="Connection label"
      value={text}
      maxLength={MAX_LABEL_CHARS}
      size={Math.max(8, Math.min(40, text.length + 2))}
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
