import { useEffect, useRef, useState } from 'react';
import { useInlineEdit } from './inlineEdit';

/**
 * The one in-place text editor (note text, frame title, connection label). Escape cancels; Enter
 * commits (Ctrl/⌘+Enter when multi-line, where Enter is a new line); leaving the field commits.
 * The commit is one undo step. Focus returns to `returnFocus` so a keyboard user keeps their place.
 */
export function InlineTextEditor({
  initial,
  label,
  max,
  multiline = false,
  className,
  onCommit,
  returnFocus,
}: {
  initial: string;
  label: string;
  max: number;
  multiline?: boolean;
  className: string;
  onCommit: (text: string) => void;
  returnFocus?: string;
}) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    if (multiline) el.setSelectionRange(el.value.length, el.value.length);
    else el.select();
  }, [multiline]);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) onCommit(text);
    useInlineEdit.getState().stop();
    if (returnFocus)
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(returnFocus)}"]`)
          ?.focus(),
      );
  };
  const props = {
    ref,
    className: `${className} nodrag nowheel nopan`,
    'aria-label': label,
    value: text,
    maxLength: max,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setText(e.target.value),
    onBlur: () => finish(true),
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        finish(false);
      } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        finish(true);
      }
    },
  };
  return multiline ? (
    <textarea {...props} />
  ) : (
    <input {...props} size={Math.max(8, Math.min(40, text.length + 2))} />
  );
}
