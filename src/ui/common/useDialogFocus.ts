import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in order. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('inert'));
}

/**
 * A modal dialog's focus: on open it moves to `initial` (the safe choice) or the dialog itself; Tab
 * and Shift+Tab stay inside; on close focus returns to what had it before.
 */
export function useDialogFocus(
  dialog: RefObject<HTMLElement | null>,
  active: boolean,
  initial?: RefObject<HTMLElement | null>,
  /** Escape, or a press outside the dialog, calls this. */
  onClose?: () => void,
) {
  // Read through a ref: a new callback each render must not re-run the effect (and move focus again).
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    if (!active) return;
    const root = dialog.current;
    if (!root) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initial?.current ?? root).focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && close.current) {
        e.preventDefault();
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const els = focusableIn(root);
      if (els.length === 0) {
        e.preventDefault();
        root.focus();
        return;
      }
      const first = els[0]!;
      const last = els[els.length - 1]!;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || at === root || !root.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !root.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    };
    const onDown = (e: PointerEvent) => {
      if (close.current && !root.contains(e.target as Node)) close.current();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onDown, true);
      if (before?.isConnected) before.focus();
    };
  }, [active, dialog, initial]);
}
