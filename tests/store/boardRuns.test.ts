import { beforeEach, describe, expect, it } from 'vitest';
import type { SimResult } from '../../src/sim';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { FAULT_PLANS_KEY, installBoardRuns } from '../../src/store/boardRuns';
import { useBoardsStore } from '../../src/store/boardsStore';
// The app loads the boards store's write side just after start; these tests load it up front.
import '../../src/store/boardsWrites';
import { useEditorStore } from '../../src/store/editorStore';
import { useRunOverlay } from '../../src/store/runOverlayStore';
import { useRunStore } from '../../src/store/runStore';
import { SAMPLE_FAULTS } from '../../src/store/sampleBoard';

const run = () => useRunStore.getState();
const boards = () => useBoardsStore.getState();

/** A finished run as the worker would hand it back (only what the stores read). */
function fakeResult(board: { nodes: { id: string }[] }): SimResult {
  const stats = Object.fromEntries(
    board.nodes.map((n) => [
      n.id,
      { in: 5, out: 5, dropped: 0, duplicates: 1, deadLettered: 0, errors: 0, crashes: 0 },
    ]),
  );
  return {
    invariants: [{ id: 'usage-billed-exactly-once', holds: false, count: 1, summary: 'x', examples: [] }],
    stats,
    timeline: [],
    samples: [],
    health: [],
    virtualMs: 1000,
    seed: 1,
    events: 10,
    processedEvents: 10,
    traceHash: 'abc',
  } as unknown as SimResult;
}

function showRun() {
  const { board, revision } = useEditorStore.getState();
  useRunStore.setState({ result: fakeResult(board), resultRevision: revision, cursorMs: 0 });
  useRunOverlay
    .getState()
    .set({ counters: { [board.nodes[0]!.id]: fakeResult(board).stats[board.nodes[0]!.id]! } });
}

let storage: ReturnType<typeof createMemoryStorage>;
beforeEach(() => {
  storage = createMemoryStorage();
  useBoardsStore.setState({ boards: [], activeId: null });
  run().reset();
  installBoardRuns(storage);
  boards().init(storage);
});

describe('per-board run results', () => {
  it('the first-start sample opens with the at-least-once preset', () => {
    expect(run().faultPlan.faults).toEqual(SAMPLE_FAULTS);
    expect(storage.getItem(FAULT_PLANS_KEY)).toContain('duplicate');
  });

  it('a new board shows no result, counters or faults; going back shows the first board’s own run', () => {
    const sample = boards().activeId!;
    showRun();
    boards().newBoard();
    expect(run().result).toBeNull();
    expect(run().faultPlan.faults).toEqual([]);
    expect(useRunOverlay.getState().counters).toEqual({});
    boards().open(sample);
    expect(run().result).not.toBeNull();
    expect(run().resultRevision).toBe(useEditorStore.getState().revision);
    expect(run().faultPlan.faults).toEqual(SAMPLE_FAULTS);
    expect(Object.keys(useRunOverlay.getState().counters).length).toBeGreaterThan(0);
  });

  it('a run that was already stale stays marked stale when its board comes back', () => {
    const sample = boards().activeId!;
    showRun();
    useEditorStore.getState().addNode('dedup', { x: 0, y: 300 });
    boards().newBoard();
    boards().open(sample);
    expect(run().result).not.toBeNull();
    expect(run().resultRevision).not.toBe(useEditorStore.getState().revision);
  });

  it('fault plans are saved per board and survive a reload', () => {
    const sample = boards().activeId!;
    const other = boards().newBoard();
    run().setFaults([{ kind: 'poison', target: '*', fromMs: 0, rate: 0.001 }]);
    boards().open(sample);
    expect(run().faultPlan.faults).toEqual(SAMPLE_FAULTS);
    // Reload: a fresh install reads the saved plans.
    installBoardRuns(storage);
    boards().init(storage);
    boards().open(other);
    expect(run().faultPlan.faults[0]?.kind).toBe('poison');
  });
});

describe('per-board runs wired after the first board opens (as the app does)', () => {
  /** A fresh browser where the boards store starts before per-board runs are wired. */
  function startThenWire(store: ReturnType<typeof createMemoryStorage>) {
    installBoardRuns(store)(); // unwires the one beforeEach made
    useBoardsStore.setState({ boards: [], activeId: null });
    run().reset();
    run().setFaults([]);
    boards().init(store);
    expect(run().faultPlan.faults).toEqual([]);
    installBoardRuns(store);
  }

  it('the first-start sample gets its teaching plan, saved, when the wiring arrives', () => {
    const store = createMemoryStorage();
    startThenWire(store);
    expect(run().faultPlan.faults).toEqual(SAMPLE_FAULTS);
    expect(store.getItem(FAULT_PLANS_KEY)).toContain('duplicate');
  });

  it('a reopened board shows its saved plan', () => {
    const store = createMemoryStorage();
    startThenWire(store);
    run().setFaults([{ kind: 'poison', target: '*', fromMs: 0, rate: 0.001 }]);
    startThenWire(store);
    expect(run().faultPlan.faults[0]?.kind).toBe('poison');
  });

  it('the sample keeps its plan when another board opened before the wiring (a share link)', () => {
    const store = createMemoryStorage();
    installBoardRuns(store)();
    useBoardsStore.setState({ boards: [], activeId: null });
    run().setFaults([]);
    boards().init(store);
    const sample = boards().activeId!;
    boards().newBoard();
    installBoardRuns(store);
    expect(run().faultPlan.faults).toEqual([]);
    boards().open(sample);
    expect(run().faultPlan.faults).toEqual(SAMPLE_FAULTS);
  });
});
