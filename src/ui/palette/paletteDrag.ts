import { create } from 'zustand';
import type { ComponentKind } from '../../domain';
import type { AnnotationItem } from './AnnotatePalette';

/**
 * Dragging a palette item onto the canvas (docs/architecture.md, "Palette → canvas"). The drag itself
 * is dnd-kit's (`paletteDnd.tsx`), loaded just after the first paint so that the first load does not
 * carry it; until it arrives the items are plain buttons (Enter adds near the centre of the view). A
 * press that moves 5 px becomes a drag; letting go inside the canvas drops the item at that point,
 * anywhere else (or Escape) cancels.
 */
export type PaletteDragItem = { kind: ComponentKind } | { annotation: AnnotationItem };

type PaletteDndModule = typeof import('./paletteDnd');

interface PaletteDragState {
  /** dnd-kit's drag layer, once loaded. */
  dnd: PaletteDndModule | null;
  /** The item being dragged, or null. */
  item: PaletteDragItem | null;
}

export const usePaletteDrag = create<PaletteDragState>()(() => ({ dnd: null, item: null }));

let loading: Promise<PaletteDndModule> | null = null;

/** Loads the drag layer (once); the palette re-renders with draggable items when it is in. */
export function loadPaletteDnd(): Promise<PaletteDndModule> {
  loading ??= import('./paletteDnd').then((m) => {
    usePaletteDrag.setState({ dnd: m });
    return m;
  });
  return loading;
}

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

/** Called by the drag layer when an item is let go at `at` (viewport px): drops it if over the canvas. */
export function dropPaletteItem(item: PaletteDragItem, at: { x: number; y: number }): boolean {
  if (!dropTarget) return false;
  const r = dropTarget.getBoundingClientRect();
  if (at.x < r.left || at.x > r.right || at.y < r.top || at.y > r.bottom) return false;
  onDrop?.(item, at);
  return true;
}
