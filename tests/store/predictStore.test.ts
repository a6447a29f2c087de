import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getScenario } from '../../src/content/scenarios';
import { gradeAttempt } from '../../src/grading/grade';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { saveVersioned } from '../../src/io/versioned';
import { runSimulation, type SimResult } from '../../src/sim';
import { metering } from '../sim/boardBuilder';

vi.mock('../../src/workers/clients/simClient', () => import('../ui/pendingSimClient'));
const { pending } = await import('../ui/pendingSimClient');

const { useBoardsStore } = await import('../../src/store/boardsStore');
const { useEditorStore } = await import('../../src/store/editorStore');
const { ATTEMPTS_KEY, ATTEMPTS_VERSION, loadAttempts, setGrader, usePracticeStore } =
  await import('../../src/store/practiceStore');
const { loadPredictEnabled, PREDICT_KEY, PREDICT_VERSION, usePredictStore } =
  await import('../../src/store/predictStore');
const { unpredicted } = await import('../../src/store/predictRuns');
const { useRunStore } = await import('../../src/store/runStore');

const scenario = getScenario('metering-pipeline')!;
const NAIVE = { ...metering({ dedup: false }).build(), scenario: scenario.id };
const RESULT: SimResult = runSimulation(NAIVE, {
  seed: 1,
  events: 1000,
  faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.05 }] },
});
const verdict = (id: string) => (RESULT.invariants.find((i) => i.id === id)!.holds ? 'holds' : 'breaks');

/** Starts a run and settles it with RESULT. */
async function runOnce() {
  useRunStore.getState().start();
  await vi.waitFor(() => expect(pending).toHaveLength(1));
  await act(async () => {
    pending.shift()!({ result: RESULT, durationMs: 3 });
    await Promise.resolve();
  });
  await vi.waitFor(() => expect(useRunStore.getState().computing).toBe(false));
}

beforeEach(() => {
  localStorage.clear();
  pending.length = 0;
  useBoardsStore.getState().init(createMemoryStorage());
  usePracticeStore.setState({ attempts: {} });
  usePracticeStore.getState().end();
  usePredictStore.setState({ enabled: false, predictions: {}, outcome: null, outcomeKept: false });
  setGrader((req) =>
    Promise.resolve(gradeAttempt(scenario, req.board, { run: false, hintsUsed: req.hintsUsed })),
  );
});

describe('predict store', () => {
  it('asks for every invariant the run checks, only while on; scores the run and wants fresh predictions', async () => {
    useEditorStore.getState().loadBoard(NAIVE);
    expect(unpredicted()).toEqual([]);
    usePredictStore.getState().setEnabled(true);
    const ids = RESULT.invariants.map((i) => i.id);
    expect(unpredicted()).toEqual(ids);
    for (const id of ids) usePredictStore.getState().predict(id, 'holds');
    usePredictStore.getState().predict('usage-billed-exactly-once', 'breaks');
    expect(unpredicted()).toEqual([]);

    await runOnce();
    const { outcome, outcomeKept, predictions } = usePredictStore.getState();
    expect(outcome?.rows.map((r) => [r.id, r.predicted, r.actual])).toEqual(
      ids.map((id) => [id, id === 'usage-billed-exactly-once' ? 'breaks' : 'holds', verdict(id)]),
    );
    const right = ids.filter(
      (id) => (id === 'usage-billed-exactly-once' ? 'breaks' : 'holds') === verdict(id),
    );
    expect(outcome).toMatchObject({ correct: right.length, scored: ids.length });
    expect(outcomeKept).toBe(false); // a free board: no attempt to keep it with
    expect(predictions).toEqual({});
    expect(unpredicted()).toEqual(ids);

    // Another board: no outcome and no predictions carried over.
    useEditorStore.getState().loadBoard(NAIVE);
    expect(usePredictStore.getState().outcome).toBeNull();
  });

  it('a run with the mode off, or reset before its result, scores nothing', async () => {
    useEditorStore.getState().loadBoard(NAIVE);
    usePredictStore.getState().predict('no-event-lost', 'holds');
    await runOnce();
    expect(usePredictStore.getState().outcome).toBeNull();

    usePredictStore.getState().setEnabled(true);
    useRunStore.getState().start();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    act(() => useRunStore.getState().reset());
    expect(usePredictStore.getState().outcome).toBeNull();
    expect(usePredictStore.getState().predictions).toEqual({ 'no-event-lost': 'holds' });
  });

  it('in a round: scored runs go with the attempt at Submit, and a run after Submit joins it', async () => {
    usePracticeStore.getState().start(scenario);
    useEditorStore.getState().loadBoard(NAIVE);
    usePredictStore.getState().setEnabled(true);
    for (const id of unpredicted()) usePredictStore.getState().predict(id, 'holds');
    await runOnce();
    expect(usePredictStore.getState().outcomeKept).toBe(true);
    expect(usePracticeStore.getState().predictions).toHaveLength(1);

    await usePracticeStore.getState().submit();
    const saved = () => loadAttempts(localStorage)[scenario.id]!;
    expect(saved()).toHaveLength(1);
    expect(saved()[0]!.predictions).toEqual([usePredictStore.getState().outcome]);

    for (const id of unpredicted()) usePredictStore.getState().predict(id, 'breaks');
    await runOnce();
    expect(saved()).toHaveLength(1);
    expect(saved()[0]!.predictions).toHaveLength(2);
    expect(saved()[0]!.predictions![1]).toEqual(usePredictStore.getState().outcome);
  });
});

describe('attempt history with predictions', () => {
  it('an older history (no predictions) loads unchanged, same version', () => {
    const storage = createMemoryStorage();
    const old = {
      [scenario.id]: [
        { at: '2026-11-01T10:00:00.000Z', score: 72, hintsUsed: 1, elapsedMs: 600000, covered: [] },
      ],
    };
    saveVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION, old);
    expect(loadAttempts(storage)).toEqual(old);
  });

  it('a damaged predictions field is dropped alone: the attempt, its score and its good records stay', () => {
    const storage = createMemoryStorage();
    const good = {
      at: '2026-11-30T09:00:00.000Z',
      rows: [{ id: 'no-event-lost', predicted: 'holds', actual: 'holds', correct: true }],
      correct: 1,
      scored: 1,
    };
    const base = { at: '2026-11-30T09:10:00.000Z', score: 80, hintsUsed: 0, elapsedMs: 1 };
    saveVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION, {
      [scenario.id]: [
        { ...base, predictions: 'garbage' },
        { ...base, at: '2026-11-30T09:20:00.000Z', predictions: [good, { at: 3 }, null] },
      ],
    });
    const loaded = loadAttempts(storage)[scenario.id]!;
    expect(loaded).toHaveLength(2);
    expect(loaded[0]).toEqual(base);
    expect(loaded[1]).toEqual({ ...base, at: '2026-11-30T09:20:00.000Z', predictions: [good] });
  });
});

describe('the toggle', () => {
  it('is kept in the browser; anything unreadable counts as off', () => {
    usePredictStore.getState().setEnabled(true);
    expect(loadPredictEnabled(localStorage)).toBe(true);
    usePredictStore.getState().setEnabled(false);
    expect(loadPredictEnabled(localStorage)).toBe(false);
    const storage = createMemoryStorage();
    expect(loadPredictEnabled(storage)).toBe(false);
    saveVersioned(storage, PREDICT_KEY, PREDICT_VERSION, { enabled: 'yes' });
    expect(loadPredictEnabled(storage)).toBe(false);
    saveVersioned(storage, PREDICT_KEY, PREDICT_VERSION, { enabled: true });
    expect(loadPredictEnabled(storage)).toBe(true);
  });
});
