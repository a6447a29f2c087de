import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSimulation, type SimResult } from '../../src/sim';
import { metering } from '../sim/boardBuilder';

vi.mock('../../src/workers/clients/simClient', () => import('./pendingSimClient'));
const { pending, progressOf } = await import('./pendingSimClient');

const { useEditorStore } = await import('../../src/store/editorStore');
const { useRunStore } = await import('../../src/store/runStore');
const { RunPanel } = await import('../../src/ui/run/RunPanel');

// A board whose run violates an invariant, so the results table has something to say.
const BOARD = metering({ dedup: false }).build();
const RESULT: SimResult = runSimulation(BOARD, {
  seed: 1,
  events: 300,
  faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.2 }] },
});

afterEach(() => {
  act(() => useRunStore.getState().reset());
  pending.length = 0;
  progressOf.length = 0;
});

describe('RunPanel', () => {
  it('runs, shows progress, then the verdicts; Pause, Resume and Step follow the run machine', async () => {
    useEditorStore.getState().loadBoard(BOARD);
    render(<RunPanel />);
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Step' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reset' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    act(() => progressOf[0]?.(150, 300));
    expect(screen.getByText('Simulating… 50%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();

    await act(async () => {
      pending[0]!({ result: RESULT, durationMs: 3 });
      await Promise.resolve();
    });
    expect(await screen.findByRole('table', { name: 'Invariant results' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run again' })).toBeEnabled();

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Step' })).toBeEnabled();
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    expect(useRunStore.getState().cursorMs).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Step' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.queryByRole('table', { name: 'Invariant results' })).toBeNull();
    expect(screen.getByText('Phase: idle')).toBeInTheDocument();
  });
});
