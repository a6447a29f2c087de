import { EdgeLabelRenderer } from '@xyflow/react';
import { isEditing, useInlineEdit } from './inlineEdit';
import EdgeLabelInput from './EdgeLabelInput';
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
        {editing ? <EdgeLabelInput id={id} initial={label ?? ''} /> : label}
      </div>
    </EdgeLabelRenderer>
  );
}
