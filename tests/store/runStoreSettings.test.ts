import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from '../../src/workers/clients/rpc';
import { runSimulation, type SimResult } from '../../src/sim';
import type { RunOutcome, RunRequest } from '../../src/workers/clients/simClient';
import { metering } from '../sim/boardBuilder';

/** The worker client, replaced: each call is recorded; cancel rejects at once, as the real client does. */
const calls: { req: RunRequest; resolve: (v: RunOutcome) => void; cancel: ReturnType<typeof vi.fn> }[] = [];
vi.mock('../../src/workers/clients/simClient', () => ({
  runInWorker: (req: RunRequest) => {
    let resolve!: (v: RunOutcome) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<RunOutcome>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const cancel = vi.fn(() => reject(new CancelledError()));
    calls.push({ req, resolve, cancel });
    return { promise, cancel };
  },
}));

const { useEditorStore } = await import('../../src/store/editorStore');
const { MAX_UI_EVENTS, selectPhase, useRunStore } = await import('../../src/store/runStore');
const { useRunOverlay } = await import('../../src/store/runOverlayStore');

const state = () => useRunStore.getState();
const BOARD = metering({ dedup: false }).build();
const FAULTS = [{ kind: 'duplicate' as const, target: '*', fromMs: 0, rate: 0.2 }];
const RESULT: SimResult = runSimulation(BOARD, { seed: 1, events: 300, faultPlan: { faults: FAULTS } });
const nextCall = async (n: number) => {
  await vi.waitFor(() => expect(calls.length).toBe(n));
  return calls[n - 1]!;
};

beforeEach(() => useEditorStore.getState().loadBoard(BOARD));
afterEach(() => {
  state().reset();
  state().setFaults([]);
  state().setDuration(0);
  calls.length = 0;
});

describe('runStore: what a run is asked for', () => {
  it('keeps seed, events and duration whole and in range', () => {
    state().setSeed(-3);
    expect(state().seed).toBe(0);
    state().setSeed(41.9);
    expect(state().seed).toBe(41);
    state().setEvents(0);
    expect(state().events).toBe(1);
    state().setEvents(5e9);
    expect(state().events).toBe(MAX_UI_EVENTS);
    state().setEvents(2500.7);
    expect(state().events).toBe(2500);
    state().setDuration(-1);
    expect(state().duration).toBe(0);
    state().setDuration(3_600_000.4);
    expect(state().duration).toBe(3_600_000);
  });

  it('sends the board on screen, the fault plan, seed, events, and a duration only when one is set', async () => {
    state().setFaults(FAULTS);
    state().setSeed(9);
    state().setEvents(300);
    state().start();
    const first = await nextCall(1);
    expect(first.req).toEqual({ board: BOARD, faultPlan: { faults: FAULTS }, seed: 9, events: 300 });
    state().setDuration(3_600_000);
    state().start();
    const second = await nextCall(2);
    expect(second.req).toMatchObject({ durationMs: 3_600_000 });
  });
});

describe('runStore: one run at a time', () => {
  it('Run again while computing cancels the first run; only the second one is shown', async () => {
    state().start();
    const first = await nextCall(1);
    state().start();
    const second = await nextCall(2);
    expect(first.cancel).toHaveBeenCalledTimes(1);
    expect(second.cancel).not.toHaveBeenCalled();
    // A cancelled run is not a failure.
    await Promise.resolve();
    expect(state().error).toBeNull();
    expect(selectPhase(state())).toBe('running');
    second.resolve({ result: RESULT, durationMs: 1 });
    await vi.waitFor(() => expect(state().result).toBe(RESULT));
    expect(state().resultRevision).toBe(useEditorStore.getState().revision);
  });

  it('Reset during a run is not a failure: the cancelled run leaves the panel idle with no error', async () => {
    state().start();
    const first = await nextCall(1);
    state().reset();
    expect(first.cancel).toHaveBeenCalledTimes(1);
    // Let the cancelled promise's callbacks run (a task boundary, not a wait for time).
    await new Promise((r) => setTimeout(r, 0));
    expect(selectPhase(state())).toBe('idle');
    expect(state().error).toBeNull();
  });

  it('a new run clears the previous result, its Explain and its replay position', async () => {
    state().start();
    (await nextCall(1)).resolve({ result: RESULT, durationMs: 1 });
    await vi.waitFor(() => expect(state().result).toBe(RESULT));
    state().seek(RESULT.virtualMs / 2);
    state().explain('usage-billed-exactly-once', 1);
    expect(state().explained).toEqual({ invariant: 'usage-billed-exactly-once', example: 1 });
    state().start();
    await nextCall(2);
    expect(state()).toMatchObject({ result: null, explained: null, cursorMs: 0, computing: true });
  });
});

describe('runStore: replay', () => {
  it('seeking draws the run on the canvas at that moment, and never goes past either end', async () => {
    state().start();
    (await nextCall(1)).resolve({ result: RESULT, durationMs: 1 });
    await vi.waitFor(() => expect(state().result).toBe(RESULT));
    const sampled = RESULT.samples[Math.floor(RESULT.samples.length / 2)]!;
    state().seek(sampled.tMs);
    expect(state().cursorMs).toBe(sampled.tMs);
    expect(useRunOverlay.getState().activeEdges.has(sampled.edgeId)).toBe(true);
    // Counters are the run's totals, per component on the board.
    expect(useRunOverlay.getState().counters).toEqual(RESULT.stats);
    state().seek(-50);
    expect(state().cursorMs).toBe(0);
    state().seek(RESULT.virtualMs * 10);
    expect(state().cursorMs).toBe(RESULT.virtualMs);
    // At the end nothing is moving any more.
    expect(useRunOverlay.getState().activeEdges.size).toBe(0);
  });
});
