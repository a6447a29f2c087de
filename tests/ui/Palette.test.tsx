import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../src/domain';
import { Palette } from '../../src/ui/palette/Palette';
import {
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

describe('palette drag (pointer events)', () => {
  const canvasAt = (left: number, top: number, width: number, height: number) => {
    const el = document.createElement('div');
    el.getBoundingClientRect = () =>
      ({ left, top, right: left + width, bottom: top + height, width, height, x: left, y: top }) as DOMRect;
    setPaletteDropTarget(el);
  };
  const pointer = (type: string, x: number, y: number) =>
    act(() => {
      window.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, bubbles: true }));
    });

  it('drops an item let go inside the canvas at the pointer, and ignores a click or a drop elsewhere', () => {
    renderPalette();
    canvasAt(300, 0, 500, 500);
    const drops: unknown[] = [];
    setPaletteDropHandler((item, at) => drops.push({ item, at }));
    const queue = screen.getByRole('button', { name: 'Queue' });

    // A press that barely moves is not a drag.
    fireEvent.pointerDown(queue, { button: 0, isPrimary: true, clientX: 10, clientY: 10, pointerId: 1 });
    pointer('pointermove', 12, 11);
    pointer('pointerup', 12, 11);
    expect(drops).toEqual([]);
    expect(usePaletteDrag.getState().item).toBeNull();

    // A drag shows the floating copy and drops where the pointer is let go.
    fireEvent.pointerDown(queue, { button: 0, isPrimary: true, clientX: 10, clientY: 10, pointerId: 1 });
    pointer('pointermove', 200, 100);
    expect(usePaletteDrag.getState().item).toEqual({ kind: 'queue' });
    expect(queue.className).toContain('is-dragging');
    pointer('pointermove', 400, 120);
    pointer('pointerup', 400, 120);
    expect(drops).toEqual([{ item: { kind: 'queue' }, at: { x: 400, y: 120 } }]);
    expect(usePaletteDrag.getState().item).toBeNull();

    // Let go outside the canvas: nothing is added.
    fireEvent.pointerDown(queue, { button: 0, isPrimary: true, clientX: 10, clientY: 10, pointerId: 1 });
    pointer('pointermove', 100, 100);
    pointer('pointerup', 100, 100);
    expect(drops).toHaveLength(1);

    // Escape cancels a drag in progress.
    fireEvent.pointerDown(queue, { button: 0, isPrimary: true, clientX: 10, clientY: 10, pointerId: 1 });
    pointer('pointermove', 400, 100);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(usePaletteDrag.getState().item).toBeNull();
    pointer('pointerup', 400, 100);
    expect(drops).toHaveLength(1);
    setPaletteDropHandler(null);
    setPaletteDropTarget(null);
  });
});
