import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getScenario } from '../../src/content/scenarios';
import { gradeAttempt } from '../../src/grading/grade';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { saveVersioned } from '../../src/io/versioned';
import { useBoardsStore } from '../../src/store/boardsStore';
import { useConfirm } from '../../src/store/confirmStore';
import { useEditorStore } from '../../src/store/editorStore';
import { useNotices } from '../../src/store/noticeStore';
import {
  ATTEMPTS_KEY,
  ATTEMPTS_VERSION,
  loadAttempts,
  setGrader,
  usePracticeStore,
  type Grader,
} from '../../src/store/practiceStore';
import { useRunStore } from '../../src/store/runStore';

const practice = () => usePracticeStore.getState();
const scenario = getScenario('metering-pipeline')!;

/** A grader that grades structure only (no simulation), as the worker would with run: false. */
const structuralGrader: Grader = (req) =>
  Promise.resolve(
    gradeAttempt(scenario, req.board, {
      run: false,
      tickedTalkingPoints: req.tickedTalkingPoints,
      hintsUsed: req.hintsUsed,
    }),
  );

beforeEach(() => {
  localStorage.clear();
  useNotices.setState({ notices: [] });
  useBoardsStore.getState().init(createMemoryStorage());
  usePracticeStore.setState({ attempts: {} });
  practice().end();
  setGrader(structuralGrader);
});

describe('practice store: the round as an interview', () => {
  it('start opens a board of its own with the scenario fault plan and asks for focus in the round', () => {
    const before = useBoardsStore.getState().activeId;
    practice().start(scenario);
    expect(useBoardsStore.getState().activeId).not.toBe(before);
    expect(useEditorStore.getState().board.scenario).toBe(scenario.id);
    expect(useRunStore.getState().faultPlan.faults).toEqual(scenario.faultPlan.faults);
    expect(practice().focusRequest).toBe('round');
    expect(practice().result).toBeNull();
  });

  it('submit records the attempt with its notes; a tick re-scores the same attempt', async () => {
    practice().start(scenario);
    practice().setNotes('Dedup on the event id.');
    practice().showHint();
    await practice().submit();
    const first = practice().result!;
    expect(first).not.toBeNull();
    expect(practice().focusRequest).toBe('score');
    let list = practice().attempts[scenario.id]!;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ notes: 'Dedup on the event id.', hintsUsed: 1, covered: [] });
    // Saved through io/versioned: { version, data }.
    const saved = JSON.parse(localStorage.getItem(ATTEMPTS_KEY)!) as { version: number; data: unknown };
    expect(saved.version).toBe(ATTEMPTS_VERSION);

    const tp = scenario.keyPoints.find((k) => k.talkingPoint)!;
    await practice().toggleTalkingPoint(tp.id);
    expect(practice().result!.score).toBeGreaterThan(first.score);
    list = practice().attempts[scenario.id]!;
    expect(list).toHaveLength(1);
    expect(list[0]!.covered).toEqual([tp.id]);
    expect(list[0]!.score).toBe(practice().result!.score);
  });

  it('opening the reference before Submit asks first; Cancel leaves the attempt clean', async () => {
    practice().start(scenario);
    const roundBoard = useBoardsStore.getState().activeId;
    const asked = practice().openReference();
    expect(useConfirm.getState().request?.title).toMatch(/reference/i);
    useConfirm.getState().answer(false);
    expect(await asked).toBe(false);
    expect(practice().referenceViewed).toBe(false);
    expect(useBoardsStore.getState().activeId).toBe(roundBoard);

    const again = practice().openReference();
    useConfirm.getState().answer(true);
    expect(await again).toBe(true);
    expect(practice().referenceViewed).toBe(true);
    expect(useEditorStore.getState().board.title).toMatch(/^Reference:/);
    // Submit grades the round's own board, not the reference that is open.
    await practice().submit();
    expect(useBoardsStore.getState().activeId).toBe(roundBoard);
    expect(practice().attempts[scenario.id]![0]!.referenceViewed).toBe(true);
  });

  it('after Submit the reference opens without asking', async () => {
    practice().start(scenario);
    await practice().submit();
    const ask = vi.spyOn(useConfirm.getState(), 'ask');
    expect(await practice().openReference()).toBe(true);
    expect(ask).not.toHaveBeenCalled();
    expect(practice().referenceViewed).toBe(false);
  });
});

describe('attempts history through io/versioned', () => {
  it('reads the first release shape and rewrites it as { version, data }', () => {
    const storage = createMemoryStorage();
    storage.setItem(
      ATTEMPTS_KEY,
      JSON.stringify({
        version: 1,
        attempts: { x: [{ at: '2026-01-01', score: 40, hintsUsed: 0, elapsedMs: 1 }] },
      }),
    );
    expect(loadAttempts(storage).x).toHaveLength(1);
    expect(JSON.parse(storage.getItem(ATTEMPTS_KEY)!)).toHaveProperty('data');
  });

  it('a history from a newer version is left in place and not used, with a notice', () => {
    const storage = createMemoryStorage();
    saveVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION + 1, { x: [] });
    expect(loadAttempts(storage)).toEqual({});
    expect(storage.getItem(ATTEMPTS_KEY)).not.toBeNull();
    expect(useNotices.getState().notices.at(-1)?.text).toMatch(/newer version/);
  });

  it('drops entries that are not attempts', () => {
    const storage = createMemoryStorage();
    saveVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION, {
      x: [{ at: 'a', score: 1 }, { nope: true }],
      __proto__: [],
    });
    expect(loadAttempts(storage)).toEqual({ x: [{ at: 'a', score: 1 }] });
  });
});
