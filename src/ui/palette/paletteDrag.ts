import { create } from 'zustand';
import type { ComponentKind } from '../../domain';
import type { AnnotationItem } from './AnnotatePalette';

/**
 * Dragging a palette item onto the canvas, with plain pointer events (docs/architecture.md,
 * "Palette → canvas"). A press that moves 5 px becomes a drag; a floating copy follows the pointer;
 * letting go inside the canvas drops the item at that point, anywhere else (or Escape) cancels.
 * The keyboard path is Enter on the item (added near the centre of the view).
 */
export type PaletteDragItem = { kind: ComponentKind } | { annotation: AnnotationItem };

interface PaletteDragState {
  /** The item being dragged, or null. */
  item: PaletteDragItem | null;
  /** Where the floating copy's top-left corner is (viewport px). */
  at: { x: number; y: number } | null;
}

export const usePaletteDrag = create<PaletteDragState>()(() => ({ item: null, at: null }));

/** Movement (px) before a press becomes a drag: a click or a slight wobble stays a click. */
const ACTIVATION_PX = 5;

let dropTarget: HTMLElement | null = null;
let onDrop: ((item: PaletteDragItem, at: { x: number; y: number }) => void) | null = null;

/** The element a drop must land inside (the canvas); null when it unmounts. */
export function setPaletteDropTarget(el: HTMLElement | null): void {
  dropTarget = el;
}

/** What a drop does: `at` is the pointer's position in viewport px. */
export function setPaletteDropHandler(fn: typeof onDrop): void {
  onDrop = fn;
}

const inside = (el: HTMLElement | null, x: number, y: number) => {
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
};

const sameItem = (a: PaletteDragItem | null, b: PaletteDragItem) =>
  a !== null &&
  ('kind' in a ? 'kind' in b && a.kind === b.kind : 'annotation' in b && a.annotation === b.annotation);

/** True while `item` is the one being dragged (the palette dims it). */
export const useIsDragging = (item: PaletteDragItem) => usePaletteDrag((s) => sameItem(s.item, item));

/** The pointer-down handler of a palette item: starts watching for a drag of `item`. */
export function startPaletteDrag(e: React.PointerEvent<HTMLElement>, item: PaletteDragItem): void {
  if (e.button !== 0 || !e.isPrimary) return;
  const start = { x: e.clientX, y: e.clientY };
  const box = e.currentTarget.getBoundingClientRect();
  const grab = { x: start.x - box.left, y: start.y - box.top };
  let dragging = false;
  const set = usePaletteDrag.setState;

  const move = (ev: PointerEvent) => {
    if (ev.pointerId !== e.pointerId) return;
    if (!dragging) {
      if (Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < ACTIVATION_PX) return;
      dragging = true;
      window.getSelection()?.removeAllRanges();
    }
    set({ item, at: { x: ev.clientX - grab.x, y: ev.clientY - grab.y } });
  };
  const stop = () => {
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
    window.removeEventListener('pointercancel', stop, true);
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('blur', stop);
    if (dragging) set({ item: null, at: null });
  };
  function up(ev: PointerEvent) {
    if (ev.pointerId !== e.pointerId) return;
    const wasDragging = dragging;
    stop();
    if (wasDragging && inside(dropTarget, ev.clientX, ev.clientY))
      onDrop?.(item, { x: ev.clientX, y: ev.clientY });
  }
  function onKey(ev: KeyboardEvent) {
    if (ev.key !== 'Escape' || !dragging) return;
    ev.preventDefault();
    ev.stopPropagation();
    stop();
  }
  window.addEventListener('pointermove', move, true);
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', stop, true);
  window.addEventListener('keydown', onKey, true);
  // Letting go outside the window is never seen: leaving the window cancels.
  window.addEventListener('blur', stop);
}
