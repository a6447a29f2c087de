import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSimulation, type SimResult } from '../../src/sim';
import { metering } from '../sim/boardBuilder';

vi.mock('../../src/workers/clients/simClient', () => import('./pendingSimClient'));
const { pending } = await import('./pendingSimClient');

const { useEditorStore } = await import('../../src/store/editorStore');
const { useRunStore } = await import('../../src/store/runStore');
const { usePredictStore } = await import('../../src/store/predictStore');
const { RunPanel } = await import('../../src/ui/run/RunPanel');

const BOARD = metering({ dedup: false }).build();
const RESULT: SimResult = runSimulation(BOARD, {
  seed: 1,
  events: 500,
  faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.2 }] },
});
const IDS = RESULT.invariants.map((i) => i.id);

afterEach(() => {
  act(() => useRunStore.getState().reset());
  usePredictStore.setState({ enabled: false, predictions: {}, outcome: null, outcomeKept: false });
  pending.length = 0;
});

describe('Predict before running (run panel)', () => {
  it('one labelled radio group per invariant; Run waits for all; the outcome compares and takes focus', async () => {
    useEditorStore.getState().loadBoard(BOARD);
    const { unmount } = render(<RunPanel />);
    const run = screen.getByRole('button', { name: 'Run' });
    expect(screen.queryByRole('group', { name: 'Your prediction for the next run' })).toBeNull();
    expect(run).toBeEnabled();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Predict before running' }));
    const form = screen.getByRole('group', { name: 'Your prediction for the next run' });
    for (const id of IDS) {
      const group = within(form).getByRole('group', { name: id });
      expect(
        within(group)
          .getAllByRole('radio')
          .map((r) => (r as HTMLInputElement).value),
      ).toEqual(['holds', 'breaks']);
      expect(group).toHaveAccessibleDescription(/./);
    }
    expect(run).toBeDisabled();
    expect(run).toHaveAccessibleDescription(
      `0 of ${IDS.length} predicted: Run waits until every invariant has a prediction.`,
    );
    expect(screen.getByText('Live verdicts are hidden while you predict.')).toBeInTheDocument();

    // Predict the opposite of what happens for the first invariant, the truth for the rest.
    const truth = (id: string) => (RESULT.invariants.find((i) => i.id === id)!.holds ? 'holds' : 'breaks');
    const flip = (v: string) => (v === 'holds' ? 'breaks' : 'holds');
    IDS.forEach((id, i) => {
      const group = within(form).getByRole('group', { name: id });
      fireEvent.click(within(group).getByRole('radio', { name: i === 0 ? flip(truth(id)) : truth(id) }));
      expect(run).toHaveProperty('disabled', i < IDS.length - 1);
    });
    expect(run).not.toHaveAttribute('aria-describedby');

    await act(async () => {
      fireEvent.click(run);
      await vi.waitFor(() => expect(pending).toHaveLength(1));
    });
    await act(async () => {
      pending[0]!({ result: RESULT, durationMs: 3 });
      await Promise.resolve();
    });
    const heading = await screen.findByRole('heading', {
      name: `You predicted ${IDS.length - 1} of ${IDS.length} (${IDS.length - 1}/${IDS.length})`,
    });
    expect(heading).toHaveFocus();
    // Shown again (the Run tab reopened): the outcome stays, focus is left where it is.
    const other = document.createElement('button');
    document.body.append(other);
    other.focus();
    unmount();
    render(<RunPanel />);
    expect(screen.getByRole('heading', { name: heading.textContent })).not.toHaveFocus();
    expect(other).toHaveFocus();
    other.remove();
    const table = screen.getByRole('table', { name: 'Predictions against verdicts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual(
      IDS.map((id, i) => [
        id,
        i === 0 ? flip(truth(id)) : truth(id),
        truth(id),
        i === 0 ? '✗ wrong' : '✓ right',
      ]),
    );
    expect(screen.getByText(/Not kept: only runs in a practice round/)).toBeInTheDocument();
    // Fresh predictions for the next run.
    expect(screen.getByRole('button', { name: 'Run again' })).toBeDisabled();
    expect(
      within(screen.getByRole('group', { name: 'Your prediction for the next run' }))
        .getAllByRole('radio')
        .some((r) => (r as HTMLInputElement).checked),
    ).toBe(false);

    // Off again: Run is free, the live badges come back, the outcome goes.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Predict before running' }));
    expect(screen.getByRole('button', { name: 'Run again' })).toBeEnabled();
    expect(screen.queryByText('Live verdicts are hidden while you predict.')).toBeNull();
    expect(screen.queryByRole('table', { name: 'Predictions against verdicts' })).toBeNull();
  });
});
