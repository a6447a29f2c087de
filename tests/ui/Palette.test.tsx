import { DndContext } from '@dnd-kit/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../src/domain';
import { Palette } from '../../src/ui/palette/Palette';

function renderPalette(onAdd = vi.fn()) {
  render(
    <DndContext>
      <Palette onAdd={onAdd} />
    </DndContext>,
  );
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
