import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSimulation, type SimResult } from '../../src/sim';
import type { RunOutcome, RunRequest } from '../../src/workers/clients/simClient';
import { metering } from '../sim/boardBuilder';

/** The worker client, replaced: each call is recorded and settled by the test. */
const calls: {
  req: RunRequest;
  onProgress: ((done: number, total: number) => void) | undefined;
  resolve: (v: RunOutcome) => void;
  reject: (e: Error) => void;
  cancel: ReturnType<typeof vi.fn>;
}[] = [];
vi.mock('../../src/workers/clients/simClient', () => ({
  runInWorker: (req: RunRequest, onProgress?: (done: number, total: number) => void) => {
    let resolve!: (v: RunOutcome) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<RunOutcome>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const cancel = vi.fn();
    calls.push({ req, onProgress, resolve, reject, cancel });
    return { promise, cancel };
  },
}));

const { useEditorStore } = await import('../../src/store/editorStore');
const { selectCan, selectPhase, selectProgress, selectSpeed, useRunStore } =
  await import('../../src/store/runStore');

const state = () => useRunStore.getState();
const phase = () => selectPhase(state());
/** A real (small) result, so that the replay has stats, health and a timeline to show. */
const REAL: SimResult = runSimulation(metering().build(), {
  seed: 1,
  events: 300,
  faultPlan: { faults: [] },
});
/** Waits until the store has sent a run to the (fake) worker: the machinery loads on the first run. */
const nextCall = async (n: number) => {
  await vi.waitFor(() => expect(calls.length).toBe(n));
  return calls[n - 1]!;
};

beforeEach(() => {
  useEditorStore.getState().loadBoard(metering().build());
});
afterEach(() => {
  state().reset();
  calls.length = 0;
});

describe('runStore', () => {
  it('is idle with nothing to pause, resume or step before the first run', () => {
    expect(phase()).toBe('idle');
    expect(selectProgress(state())).toBe(0);
    expect(selectSpeed(state())).toBe(1);
    expect(selectCan({ type: 'run.pause' })(state())).toBe(false);
  });

  it('runs: the machine goes running, streams progress, takes the result and replays to the end', async () => {
    state().setSeed(7);
    state().setEvents(2000);
    state().start();
    const call = await nextCall(1);
    expect(call.req).toMatchObject({ seed: 7, events: 2000 });
    expect(phase()).toBe('running');
    expect(state().computing).toBe(true);
    call.onProgress?.(500, 2000);
    expect(selectProgress(state())).toBe(0.25);
    call.resolve({ result: REAL, durationMs: 12 });
    await vi.waitFor(() => expect(state().result).not.toBeNull());
    expect(state().computing).toBe(false);
    expect(selectProgress(state())).toBe(1);
    expect(selectSpeed(state())).toBe(Math.max(1, REAL.virtualMs / 8000)); // replays in about 8 s
    expect(selectCan({ type: 'run.pause' })(state())).toBe(true);
    state().pause();
    expect(phase()).toBe('paused');
    expect(selectCan({ type: 'run.step' })(state())).toBe(true);
    state().step();
    expect(state().cursorMs).toBe(REAL.timeline[1]!.tMs - REAL.timeline[0]!.tMs);
    state().resume();
    state().seek(1e12);
    expect(state().cursorMs).toBe(REAL.virtualMs);
    expect(phase()).toBe('finished');
  });

  it('Reset cancels the run in flight (cooperatively, through the client) and returns to idle', async () => {
    state().start();
    const call = await nextCall(1);
    state().reset();
    expect(call.cancel).toHaveBeenCalledTimes(1);
    expect(phase()).toBe('idle');
    expect(state().computing).toBe(false);
  });

  it("a worker error fails the run with the worker's message", async () => {
    state().start();
    const call = await nextCall(1);
    call.reject(new Error('fault plan: faults.0.rate: too big'));
    await vi.waitFor(() => expect(phase()).toBe('failed'));
    expect(state().error).toBe('Simulation stopped: fault plan: faults.0.rate: too big');
  });

  it('refuses an invalid board without calling the worker', async () => {
    const bad = metering().build();
    bad.edges.push({ id: 'dangling', source: bad.nodes[0]!.id, target: 'nowhere' });
    useEditorStore.getState().loadBoard(bad);
    state().start();
    await vi.waitFor(() => expect(phase()).toBe('failed'));
    expect(state().error).toMatch(/^The board cannot run: /);
    expect(calls).toHaveLength(0);
  });
});
