import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getScenario } from '../../src/content/scenarios';
import { gradeAttempt } from '../../src/grading/grade';
import type { GradeResult } from '../../src/grading';
import { createMemoryStorage } from '../../src/io/storageAccess';
import { useBoardsStore } from '../../src/store/boardsStore';
import {
  phaseAt,
  ROUND_PHASES,
  setGrader,
  usePracticeStore,
  type Attempt,
} from '../../src/store/practiceStore';

const practice = () => usePracticeStore.getState();
const scenario = getScenario('metering-pipeline')!;
const STRUCTURAL = gradeAttempt(scenario, scenario.reference, { run: false });

/** A clock the test moves: performance.now() is what the round timer reads. */
let now = 0;
beforeEach(() => {
  now = 1_000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  localStorage.clear();
  useBoardsStore.getState().init(createMemoryStorage());
  usePracticeStore.setState({ attempts: {} });
  practice().end();
  setGrader(() => Promise.resolve(STRUCTURAL));
});
afterEach(() => {
  vi.restoreAllMocks();
  setGrader(null);
});

describe('the round clock', () => {
  it('splits the time box 15 / 35 / 35 / 15 and says when it is over time', () => {
    const box = 60 * 60_000;
    expect(ROUND_PHASES.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1);
    expect(phaseAt(0, box)).toEqual({ index: 0, label: 'Requirements', overtime: false });
    expect(phaseAt(9 * 60_000 - 1, box).label).toBe('Requirements');
    expect(phaseAt(9 * 60_000, box).label).toBe('High-level design');
    expect(phaseAt(30 * 60_000, box).label).toBe('Failure deep-dive');
    expect(phaseAt(51 * 60_000, box).label).toBe('Wrap-up');
    expect(phaseAt(box, box)).toEqual({ index: 3, label: 'Over time', overtime: true });
  });

  it('counts only running time: a pause stops it, resume picks up where it stopped', () => {
    practice().start(scenario);
    now += 10_000;
    expect(practice().elapsedMs(now)).toBe(10_000);
    practice().pauseTimer();
    now += 60_000;
    expect(practice().elapsedMs(now)).toBe(10_000);
    practice().pauseTimer(); // pausing twice changes nothing
    practice().resumeTimer();
    practice().resumeTimer(); // nor does resuming twice
    now += 5_000;
    expect(practice().elapsedMs(now)).toBe(15_000);
    expect(practice().timeBoxMs).toBe(scenario.timeBoxMin * 60_000);
  });

  it('Submit stops the clock and records the time spent until then', async () => {
    practice().start(scenario);
    now += 90_000;
    await practice().submit();
    now += 600_000;
    expect(practice().runningSince).toBeNull();
    expect(practice().attempts[scenario.id]).toEqual([expect.objectContaining({ elapsedMs: 90_000 })]);
  });
});

describe('submitting', () => {
  it('a second Submit while grading is ignored: one grade, one attempt', async () => {
    let settle!: (r: GradeResult) => void;
    const grader = vi.fn(() => new Promise<GradeResult>((r) => (settle = r)));
    setGrader(grader);
    practice().start(scenario);
    const first = practice().submit();
    const second = practice().submit();
    expect(practice().grading).toBe(true);
    settle(STRUCTURAL);
    await Promise.all([first, second]);
    expect(grader).toHaveBeenCalledTimes(1);
    expect(practice().attempts[scenario.id]).toHaveLength(1);
  });

  it('a round ended while it was being graded records nothing', async () => {
    let settle!: (r: GradeResult) => void;
    setGrader(() => new Promise<GradeResult>((r) => (settle = r)));
    practice().start(scenario);
    const pending = practice().submit();
    practice().end();
    settle(STRUCTURAL);
    await pending;
    expect(practice().result).toBeNull();
    expect(practice().attempts[scenario.id]).toBeUndefined();
  });

  it('keeps the last 50 attempts per round and notes up to 20,000 characters', () => {
    const attempt = (i: number): Attempt => ({ at: `t${i}`, score: i, hintsUsed: 0, elapsedMs: 0 });
    for (let i = 0; i < 55; i++) practice().recordAttempt(scenario.id, attempt(i));
    const kept = practice().attempts[scenario.id]!;
    expect(kept).toHaveLength(50);
    expect(kept[0]!.score).toBe(5);
    expect(kept.at(-1)!.score).toBe(54);
    practice().setNotes('x'.repeat(25_000));
    expect(practice().notes).toHaveLength(20_000);
  });
});
