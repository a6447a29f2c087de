import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSimulation, type SimResult } from '../../src/sim';
import type { ExplainOutcome, RunOutcome, RunRequest } from '../../src/workers/clients/simClient';
import { metering } from '../sim/boardBuilder';

/** The worker client, replaced: runs and traces are recorded and settled by the test. */
type Pending<T> = { resolve: (v: T) => void; reject: (e: Error) => void; cancel: ReturnType<typeof vi.fn> };
const runs: (Pending<RunOutcome> & { req: RunRequest })[] = [];
const traces: (Pending<ExplainOutcome> & { req: RunRequest; ids: string[] })[] = [];
function pending<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject, cancel: vi.fn() };
}
vi.mock('../../src/workers/clients/simClient', () => ({
  runInWorker: (req: RunRequest) => {
    const p = pending<RunOutcome>();
    runs.push({ ...p, req });
    return { promise: p.promise, cancel: p.cancel };
  },
  explainInWorker: (req: RunRequest, ids: string[]) => {
    const p = pending<ExplainOutcome>();
    traces.push({ ...p, req, ids });
    return { promise: p.promise, cancel: p.cancel };
  },
}));

const { useEditorStore } = await import('../../src/store/editorStore');
const { isTraced, useRunStore } = await import('../../src/store/runStore');
const state = () => useRunStore.getState();

const board = metering({ dedup: false }).build();
const faultPlan = { faults: [{ kind: 'duplicate' as const, target: '*', fromMs: 0, rate: 0.01 }] };
/** What the worker posts: the verdicts with path-less examples, and (on Explain) the traced ones. */
const FULL: SimResult = runSimulation(board, { seed: 1, events: 3_000, faultPlan, explain: true });
const VERDICTS: SimResult = {
  ...FULL,
  invariants: FULL.invariants.map((i) => ({ ...i, examples: i.examples.map((e) => ({ ...e, path: [] })) })),
};
const violated = FULL.invariants.find((i) => !i.holds)!;

async function runOnce() {
  useEditorStore.getState().loadBoard(board);
  useRunStore.setState({ faultPlan, seed: 1, events: 3_000 });
  state().start();
  await vi.waitFor(() => expect(runs.length).toBe(1));
  runs[0]!.resolve({ result: VERDICTS, durationMs: 5, pathsPending: true });
  await vi.waitFor(() => expect(state().result).toBe(VERDICTS));
}

afterEach(() => {
  state().reset();
  runs.length = 0;
  traces.length = 0;
});

describe('runStore: Explain traces the paths on demand', () => {
  it('shows the verdicts at once and traces the examples once, when Explain is first opened', async () => {
    await runOnce();
    expect(isTraced(state().result!)).toBe(false);
    expect(traces).toHaveLength(0);

    state().explain(violated.id, 0);
    expect(state().explained).toEqual({ invariant: violated.id, example: 0 });
    await vi.waitFor(() => expect(traces).toHaveLength(1));
    // The same run as the verdicts', with every example's id.
    expect(traces[0]!.req).toMatchObject({ seed: 1, events: 3_000, faultPlan });
    expect(traces[0]!.ids).toEqual(expect.arrayContaining(violated.examples.map((e) => e.messageId)));
    state().explain(violated.id, 1);
    state().tracePaths();
    expect(traces).toHaveLength(1);

    traces[0]!.resolve({ invariants: FULL.invariants, durationMs: 7 });
    await vi.waitFor(() => expect(isTraced(state().result!)).toBe(true));
    expect(state().result!.invariants).toEqual(FULL.invariants);
    expect(state().result!.traceHash).toBe(VERDICTS.traceHash);
    state().explain(violated.id, 0);
    expect(traces).toHaveLength(1);
  });

  it('a new run cancels a trace in flight, and its late answer is dropped', async () => {
    await runOnce();
    state().explain(violated.id, 0);
    await vi.waitFor(() => expect(traces).toHaveLength(1));
    state().reset();
    expect(traces[0]!.cancel).toHaveBeenCalled();
    traces[0]!.resolve({ invariants: FULL.invariants, durationMs: 7 });
    await Promise.resolve();
    expect(state().result).toBeNull();
  });

  it('a failed trace says why and leaves the verdicts as they were', async () => {
    await runOnce();
    state().explain(violated.id, 0);
    await vi.waitFor(() => expect(traces).toHaveLength(1));
    traces[0]!.reject(new Error('the simulation worker crashed'));
    await vi.waitFor(() => expect(state().traceError).toBe('the simulation worker crashed'));
    expect(state().result).toBe(VERDICTS);
  });

  it('a result that came with its paths is never traced again', async () => {
    useEditorStore.getState().loadBoard(board);
    state().start();
    await vi.waitFor(() => expect(runs.length).toBe(1));
    runs[0]!.resolve({ result: FULL, durationMs: 5 });
    await vi.waitFor(() => expect(state().result).toBe(FULL));
    expect(isTraced(FULL)).toBe(true);
    state().explain(violated.id, 0);
    await Promise.resolve();
    expect(traces).toHaveLength(0);
  });
});
