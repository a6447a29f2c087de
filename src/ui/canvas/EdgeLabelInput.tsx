import { useEffect, useRef, useState } from 'react';
import { MAX_LABEL_CHARS } from '../../domain';
import { updateEdgeLabel } from '../../store/boardOps';
import { useEditorStore } from '../../store/editorStore';
import { useInlineEdit } from './inlineEdit';

/** The in-place editor of a connection's label (loaded on first use). */
export default function EdgeLabelInput({ id, initial }: { id: string; initial: string }) {
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
