import { create } from 'zustand';
import { isPlainRecord } from '../domain/ids';
import type { GradeResult } from '../grading';
import { notify } from './noticeStore';

/** The round's phases and the share of the time box each gets (docs/conventions.md#product-decisions). */
export const ROUND_PHASES = [
  { id: 'requirements', label: 'Requirements', share: 0.15 },
  { id: 'high-level', label: 'High-level design', share: 0.35 },
  { id: 'deep-dive', label: 'Failure deep-dive', share: 0.35 },
  { id: 'wrap-up', label: 'Wrap-up', share: 0.15 },
] as const;

export interface Attempt {
  at: string;
  score: number;
  hintsUsed: number;
  elapsedMs: number;
}

const ATTEMPTS_KEY = 'faultline:attempts';
const ATTEMPTS_VERSION = 1;

export interface PracticeState {
  scenarioId: string | null;
  /** The board id the round is drawn on. */
  boardId: string | null;
  timeBoxMs: number;
  /** Time spent before the current running stretch began. */
  elapsedBeforeMs: number;
  /** performance.now() when the timer last resumed, or null when paused. */
  runningSince: number | null;
  hintsShown: number;
  ticked: string[];
  grading: boolean;
  gradeProgress: number;
  result: GradeResult | null;
  gradeError: string | null;
  attempts: Record<string, Attempt[]>;

  begin: (scenarioId: string, boardId: string | null, timeBoxMin: number) => void;
  pauseTimer: () => void;
  resumeTimer: () => void;
  elapsedMs: (now: number) => number;
  showHint: () => void;
  toggleTalkingPoint: (id: string) => void;
  setGrading(p: {
    grading: boolean;
    progress?: number;
    result?: GradeResult | null;
    error?: string | null;
  }): void;
  recordAttempt: (scenarioId: string, attempt: Attempt) => void;
  end: () => void;
}

/** Reads the attempts history; a history of another version is discarded with a notice (reliability #26). */
export function loadAttempts(
  storage: Pick<Storage, 'getItem' | 'removeItem'> | null,
): Record<string, Attempt[]> {
  try {
    const raw = storage?.getItem(ATTEMPTS_KEY);
    if (!raw) return {};
    const v: unknown = JSON.parse(raw);
    if (
      !isPlainRecord(v) ||
      v.version !== ATTEMPTS_VERSION ||
      typeof v.attempts !== 'object' ||
      v.attempts === null
    ) {
      storage?.removeItem(ATTEMPTS_KEY);
      notify({
        level: 'info',
        text: 'Your practice history was saved by another version of Faultline and was reset. Your boards are untouched.',
      });
      return {};
    }
    const out: Record<string, Attempt[]> = {};
    for (const [k, list] of Object.entries(v.attempts)) {
      if (k === '__proto__' || !Array.isArray(list)) continue;
      out[k] = (list as unknown[])
        .filter(
          (a): a is Attempt => isPlainRecord(a) && typeof a.score === 'number' && typeof a.at === 'string',
        )
        .slice(-50);
    }
    return out;
  } catch {
    storage?.removeItem(ATTEMPTS_KEY);
    return {};
  }
}

function saveAttempts(attempts: Record<string, Attempt[]>) {
  try {
    localStorage.setItem(ATTEMPTS_KEY, JSON.stringify({ version: ATTEMPTS_VERSION, attempts }));
  } catch {
    /* history is a nicety; the board's own save reports storage problems */
  }
}

const browserStorage = () => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export const usePracticeStore = create<PracticeState>()((set, get) => ({
  scenarioId: null,
  boardId: null,
  timeBoxMs: 0,
  elapsedBeforeMs: 0,
  runningSince: null,
  hintsShown: 0,
  ticked: [],
  grading: false,
  gradeProgress: 0,
  result: null,
  gradeError: null,
  attempts: loadAttempts(browserStorage()),

  begin(scenarioId, boardId, timeBoxMin) {
    set({
      scenarioId,
      boardId,
      timeBoxMs: timeBoxMin * 60_000,
      elapsedBeforeMs: 0,
      runningSince: performance.now(),
      hintsShown: 0,
      ticked: [],
      result: null,
      gradeError: null,
      grading: false,
      gradeProgress: 0,
    });
  },
  pauseTimer() {
    const s = get();
    if (s.runningSince === null) return;
    set({ elapsedBeforeMs: s.elapsedBeforeMs + (performance.now() - s.runningSince), runningSince: null });
  },
  resumeTimer() {
    if (get().runningSince === null) set({ runningSince: performance.now() });
  },
  elapsedMs(now) {
    const s = get();
    return s.elapsedBeforeMs + (s.runningSince === null ? 0 : now - s.runningSince);
  },
  showHint: () => set((s) => ({ hintsShown: s.hintsShown + 1 })),
  toggleTalkingPoint: (id) =>
    set((s) => ({ ticked: s.ticked.includes(id) ? s.ticked.filter((x) => x !== id) : [...s.ticked, id] })),
  setGrading: (p) =>
    set((s) => ({
      grading: p.grading,
      gradeProgress: p.progress ?? s.gradeProgress,
      ...(p.result !== undefined ? { result: p.result } : {}),
      ...(p.error !== undefined ? { gradeError: p.error } : {}),
    })),
  recordAttempt(scenarioId, attempt) {
    const attempts = {
      ...get().attempts,
      [scenarioId]: [...(get().attempts[scenarioId] ?? []), attempt].slice(-50),
    };
    set({ attempts });
    saveAttempts(attempts);
  },
  end: () =>
    set({
      scenarioId: null,
      boardId: null,
      runningSince: null,
      result: null,
      gradeError: null,
      grading: false,
    }),
}));

/** The phase the round is in after `elapsedMs` of a `timeBoxMs` round. */
export function phaseAt(
  elapsedMs: number,
  timeBoxMs: number,
): { index: number; label: string; overtime: boolean } {
  let acc = 0;
  for (let i = 0; i < ROUND_PHASES.length; i++) {
    acc += ROUND_PHASES[i]!.share * timeBoxMs;
    if (elapsedMs < acc) return { index: i, label: ROUND_PHASES[i]!.label, overtime: false };
  }
  return { index: ROUND_PHASES.length - 1, label: 'Over time', overtime: true };
}
