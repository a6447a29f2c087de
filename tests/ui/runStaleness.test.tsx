import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSimulation, type SimResult } from '../../src/sim';
import { metering } from '../sim/boardBuilder';

vi.mock('../../src/workers/clients/simClient', () => import('./pendingSimClient'));
const { pending } = await import('./pendingSimClient');

const { useEditorStore } = await import('../../src/store/editorStore');
const { useRunStore } = await import('../../src/store/runStore');
const { RunPanel } = await import('../../src/ui/run/RunPanel');

const BOARD = metering({ dedup: false }).build();
const RESULT: SimResult = runSimulation(BOARD, {
  seed: 1,
  events: 300,
  faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.2 }] },
});
const STALE = /The board changed since this run; run again to update the verdicts\./;
const editor = () => useEditorStore.getState();

/** Clicks Run (or Run again) and waits until the run has reached the worker. */
async function clickRun(user: ReturnType<typeof userEvent.setup>) {
  const n = pending.length;
  await user.click(screen.getByRole('button', { name: /^Run( again)?$/ }));
  await vi.waitFor(() => expect(pending).toHaveLength(n + 1));
}
async function finish() {
  await act(async () => {
    pending[pending.length - 1]!({ result: RESULT, durationMs: 2 });
    await Promise.resolve();
  });
  await screen.findByRole('table', { name: 'Invariant results' });
}

beforeAll(() => {
  // jsdom does not lay out, so it has no scrollIntoView.
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(() => {
  act(() => useRunStore.getState().reset());
  pending.length = 0;
});

describe('run result staleness (issue #9)', () => {
  it('an edit after a run marks the shown result as from an earlier board; running again clears it', async () => {
    editor().loadBoard(BOARD);
    const user = userEvent.setup();
    render(<RunPanel />);
    await clickRun(user);
    await finish();
    expect(screen.queryByText(STALE)).toBeNull();

    // The user adds a dedup: the verdicts shown no longer describe this board, and say so.
    act(() => void editor().addNode('dedup', { x: 0, y: 300 }));
    expect(screen.getByText(STALE)).toBeInTheDocument();
    // The old verdicts stay readable beside the warning.
    expect(screen.getByRole('table', { name: 'Invariant results' })).toBeInTheDocument();
    // Undo is an edit too: the board is not the one the run saw as far as the panel knows.
    act(() => editor().undo());
    expect(screen.getByText(STALE)).toBeInTheDocument();

    await clickRun(user);
    await finish();
    expect(screen.queryByText(STALE)).toBeNull();
  });

  it('a run that finishes after an edit made while it computed is stale from the start', async () => {
    editor().loadBoard(BOARD);
    const user = userEvent.setup();
    render(<RunPanel />);
    await clickRun(user);
    act(() => editor().setTitle('Renamed while running'));
    await finish();
    expect(screen.getByText(STALE)).toBeInTheDocument();
  });

  it('a board that never changed after its run is never called stale, however long it is shown', async () => {
    editor().loadBoard(BOARD);
    const user = userEvent.setup();
    render(<RunPanel />);
    await clickRun(user);
    await finish();
    // Replay, selection and the explain highlight are not edits.
    act(() => useRunStore.getState().seek(RESULT.virtualMs / 2));
    act(() => editor().setSelection([BOARD.nodes[0]!.id], []));
    await user.click(screen.getByRole('button', { name: 'Explain usage-billed-exactly-once' }));
    expect(screen.queryByText(STALE)).toBeNull();
  });
});
