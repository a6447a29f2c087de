import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../src/domain';
import { Palette } from '../../src/ui/palette/Palette';
import {
  loadPaletteDnd,
  setPaletteDropHandler,
  setPaletteDropTarget,
  usePaletteDrag,
} from '../../src/ui/palette/paletteDrag';

function renderPalette(onAdd = vi.fn()) {
  render(<Palette onAdd={onAdd} />);
  return onAdd;
}

describe('Palette', () => {
  it('lists every kind by display name inside the Components region', () => {
    renderPalette();
    const region = screen.getByRole('region', { name: 'Components' });
    for (const d of CATALOG)
      expect(within(region).getByRole('button', { name: d.displayName })).toBeInTheDocument();
  });

  it('filters by name and description', () => {
    renderPalette();
    fireEvent.change(screen.getByLabelText('Filter components'), { target: { value: 'dedup' } });
    expect(screen.getByRole('button', { name: 'Dedup store' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ledger' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Filter components'), { target: { value: 'zzzz' } });
    expect(screen.getByText(/No component matches/)).toBeInTheDocument();
  });

  it('adds a component with Enter', () => {
    const onAdd = renderPalette();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Queue' }), { key: 'Enter' });
    expect(onAdd).toHaveBeenCalledWith('queue');
  });
});

describe('palette drag (dnd-kit, loaded after the first paint)', () => {
  const canvasAt = (left: number, top: number, width: number, height: number) => {
    const el = document.createElement('div');
    el.getBoundingClientRect = () =>
      ({ left, top, right: left + width, bottom: top + height, width, height, x: left, y: top }) as DOMRect;
    setPaletteDropTarget(el);
  };
  const pointer = (type: string, x: number, y: number) =>
    act(() => {
      document.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, bubbles: true }));
    });
  const press = (el: HTMLElement) =>
    act(() => {
      fireEvent.pointerDown(el, { button: 0, isPrimary: true, clientX: 10, clientY: 10, pointerId: 1 });
    });

  it('is a plain button before the drag layer loads, and draggable after', async () => {
    usePaletteDrag.setState({ dnd: null, item: null });
    renderPalette();
    expect(screen.getByRole('button', { name: 'Queue' })).not.toHaveAttribute('aria-roledescription');
    await act(() => loadPaletteDnd());
    const queue = screen.getByRole('button', { name: 'Queue' });
    expect(queue).toHaveAttribute('aria-roledescription', 'draggable');
    // The description stays the component's own, not dnd-kit's generic instructions.
    expect(queue).toHaveAttribute('aria-describedby', 'desc-queue');
  });

  it('drops an item let go inside the canvas at the pointer, and ignores a click or a drop elsewhere', async () => {
    await loadPaletteDnd();
    renderPalette();
    canvasAt(300, 0, 500, 500);
    const drops: unknown[] = [];
    setPaletteDropHandler((item, at) => drops.push({ item, at }));
    const queue = screen.getByRole('button', { name: 'Queue' });

    // A press that barely moves is not a drag.
    press(queue);
    pointer('pointermove', 12, 11);
    pointer('pointerup', 12, 11);
    expect(drops).toEqual([]);
    expect(usePaletteDrag.getState().item).toBeNull();

    // A drag marks the item and drops where the pointer is let go.
    press(queue);
    pointer('pointermove', 200, 100);
    expect(usePaletteDrag.getState().item).toEqual({ kind: 'queue' });
    expect(screen.getByRole('button', { name: 'Queue' }).className).toContain('is-dragging');
    pointer('pointermove', 400, 120);
    pointer('pointerup', 400, 120);
    expect(drops).toEqual([{ item: { kind: 'queue' }, at: { x: 400, y: 120 } }]);
    expect(usePaletteDrag.getState().item).toBeNull();

    // Let go outside the canvas: nothing is added.
    press(queue);
    pointer('pointermove', 100, 100);
    pointer('pointerup', 100, 100);
    expect(drops).toHaveLength(1);

    // Escape cancels a drag in progress.
    press(queue);
    pointer('pointermove', 400, 100);
    act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
    });
    expect(usePaletteDrag.getState().item).toBeNull();
    pointer('pointerup', 400, 100);
    expect(drops).toHaveLength(1);
    setPaletteDropHandler(null);
    setPaletteDropTarget(null);
  });
});
