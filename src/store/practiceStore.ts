import { create } from 'zustand';
import { createEmptyBoard, type Board } from '../domain';
import type { Scenario } from '../domain/scenario';
import type { GradeResult } from '../grading';
import { readPredictionRecords, type PredictionRecord } from '../grading/predictRecord';
import { loadVersioned, saveVersioned } from '../io/versioned';
import type { StorageLike } from '../io/storageTypes';
import { gradeInWorker } from '../workers/clients/gradeClient';
import { useBoardsStore } from './boardsStore';
// A round opens its own board at once: the boards store's write side comes with this chunk.
import './boardsWrites';
import { useConfirm } from './confirmStore';
import { useEditorStore } from './editorStore';
import { notify } from './noticeStore';
import { useRunStore } from './runStore';

/** The round's phases and the share of the time box each gets (docs/conventions.md#product-decisions). */
export const ROUND_PHASES = [
  { id: 'requirements', label: 'Requirements', share: 0.15 },
  { id: 'high-level', label: 'High-level design', share: 0.35 },
  { id: 'deep-dive', label: 'Failure deep-dive', share: 0.35 },
  { id: 'wrap-up', label: 'Wrap-up', share: 0.15 },
] as const;

/** One submitted attempt, kept per scenario in the browser. */
export interface Attempt {
  at: string;
  score: number;
  hintsUsed: number;
  elapsedMs: number;
  /** What the candidate wrote down to say, as it stood at Submit (updated with later ticks). */
  notes?: string;
  /** The reference design was opened before Submit. */
  referenceViewed?: boolean;
  /** Talking points ticked in the self-assessment. */
  covered?: string[];
  /**
   * "Predict, then run": each run of the round's board made with predictions, scored (oldest
   * first). Optional, so histories saved before it load unchanged (same version).
   */
  predictions?: PredictionRecord[];
}

export const ATTEMPTS_KEY = 'faultline:attempts';
export const ATTEMPTS_VERSION = 1;
const MAX_ATTEMPTS = 50;
/** Scored prediction runs kept per attempt. */
export const MAX_PREDICTION_RUNS = 20;

/** The grader, injectable for tests (default: the grading worker). */
export type Grader = typeof gradeInWorker;
let grader: Grader = gradeInWorker;
export function setGrader(g: Grader | null) {
  grader = g ?? gradeInWorker;
}

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
  /** Talking points ticked in the self-assessment (only offered after Submit). */
  ticked: string[];
  /** The candidate's notes for the round: what they would say. Kept with the attempt. */
  notes: string;
  /** The reference design was opened before Submit; the attempt is marked. */
  referenceViewed: boolean;
  /** Runs of the round's board made with predictions, scored; kept with the attempt. */
  predictions: PredictionRecord[];
  grading: boolean;
  gradeProgress: number;
  result: GradeResult | null;
  /** The board as it was submitted: re-scoring after a tick grades this one, not later edits. */
  submittedBoard: Board | null;
  gradeError: string | null;
  attempts: Record<string, Attempt[]>;
  /** Where keyboard focus should go next: into the round after Start, to the score after Submit. */
  focusRequest: 'round' | 'score' | null;
  clearFocusRequest: () => void;

  /** Starts a round on a board of its own (the user's other boards are never touched). */
  start: (scenario: Scenario) => void;
  begin: (scenarioId: string, boardId: string | null, timeBoxMin: number) => void;
  pauseTimer: () => void;
  resumeTimer: () => void;
  elapsedMs: (now: number) => number;
  showHint: () => void;
  setNotes: (text: string) => void;
  /** Keeps a scored prediction run with the round (and with its attempt, when already submitted). */
  recordPrediction: (record: PredictionRecord) => void;
  /** Grades the round's board in the worker and records the attempt. */
  submit: () => Promise<void>;
  /** Ticks or unticks a talking point and re-scores the submitted attempt (no new simulation). */
  toggleTalkingPoint: (id: string) => Promise<void>;
  /** Opens the reference design on a board of its own; before Submit it asks first and marks the attempt. */
  openReference: () => Promise<boolean>;
  backToBoard: () => void;
  setGrading: (p: {
    grading: boolean;
    progress?: number;
    result?: GradeResult | null;
    error?: string | null;
  }) => void;
  recordAttempt: (scenarioId: string, attempt: Attempt) => void;
  end: () => void;
}

const isAttempt = (a: unknown): a is Attempt =>
  typeof a === 'object' &&
  a !== null &&
  typeof (a as Attempt).score === 'number' &&
  typeof (a as Attempt).at === 'string';

/**
 * An attempt's optional fields, checked one by one: a field that does not parse is dropped and the
 * attempt kept (a damaged prediction record never costs the score beside it).
 */
function readAttempt(a: Attempt): Attempt {
  const raw = a as unknown as Record<string, unknown>;
  if (!('predictions' in raw)) return a;
  const { predictions, ...rest } = a;
  const kept = readPredictionRecords(predictions).slice(-MAX_PREDICTION_RUNS);
  return kept.length > 0 ? { ...rest, predictions: kept } : rest;
}

export function validateAttempts(data: unknown): Record<string, Attempt[]> | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const out: Record<string, Attempt[]> = {};
  for (const [k, list] of Object.entries(data as Record<string, unknown>)) {
    if (k === '__proto__' || !Array.isArray(list)) continue;
    out[k] = list.filter(isAttempt).map(readAttempt).slice(-MAX_ATTEMPTS);
  }
  return out;
}

/**
 * Reads the attempts history through io/versioned (reliability #26: another version's history is
 * discarded with a notice; the boards are never touched). The first release saved
 * `{ version: 1, attempts }`; that shape is rewritten as `{ version: 1, data }` first.
 */
export function loadAttempts(storage: StorageLike | null): Record<string, Attempt[]> {
  if (!storage) return {};
  try {
    const raw = storage.getItem(ATTEMPTS_KEY);
    const legacy = raw
      ? (JSON.parse(raw) as { version?: unknown; attempts?: unknown; data?: unknown })
      : null;
    if (legacy?.version === ATTEMPTS_VERSION && legacy.data === undefined && legacy.attempts !== undefined)
      saveVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION, legacy.attempts);
  } catch {
    /* unreadable: loadVersioned below discards it with a notice */
  }
  const r = loadVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION, {
    validate: validateAttempts,
    label: 'practice history',
  });
  if (r.ok) return r.data;
  if (r.reason !== 'none') notify({ level: 'info', text: r.notice });
  return {};
}

const browserStorage = (): StorageLike | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

const INITIAL_ROUND = {
  scenarioId: null,
  boardId: null,
  timeBoxMs: 0,
  elapsedBeforeMs: 0,
  runningSince: null,
  hintsShown: 0,
  ticked: [] as string[],
  notes: '',
  referenceViewed: false,
  predictions: [] as PredictionRecord[],
  grading: false,
  gradeProgress: 0,
  result: null,
  submittedBoard: null,
  gradeError: null,
  focusRequest: null,
} satisfies Partial<PracticeState>;

export const usePracticeStore = create<PracticeState>()((set, get) => {
  const getScenario = async (id: string) => (await import('../content/scenarios')).getScenario(id);

  /** The attempt as it stands now; replaces the last one recorded for this round. */
  const attemptNow = (score: number): Attempt => {
    const s = get();
    return {
      at: new Date().toISOString(),
      score,
      hintsUsed: s.hintsShown,
      elapsedMs: Math.round(s.elapsedMs(performance.now())),
      ...(s.notes.trim() ? { notes: s.notes } : {}),
      ...(s.referenceViewed ? { referenceViewed: true } : {}),
      covered: [...s.ticked],
      ...(s.predictions.length > 0 ? { predictions: [...s.predictions] } : {}),
    };
  };
  /** The attempt recorded at this round's last Submit, so re-scoring updates it instead of adding one. */
  let recordedAt: string | null = null;

  return {
    ...INITIAL_ROUND,
    attempts: loadAttempts(browserStorage()),

    start(s) {
      const board = s.startBoard
        ? { ...s.startBoard, title: `Practice: ${s.title}`, scenario: s.id }
        : { ...createEmptyBoard(`Practice: ${s.title}`), scenario: s.id };
      const boardId = useBoardsStore.getState().createAndOpen(board);
      useRunStore.getState().setFaults(s.faultPlan.faults);
      // The Run tab tries the design as Submit will: the round's faults over the round's virtual time.
      if (s.durationMs !== undefined) useRunStore.getState().setDuration(s.durationMs);
      get().begin(s.id, boardId, s.timeBoxMin);
    },
    begin(scenarioId, boardId, timeBoxMin) {
      recordedAt = null;
      set({
        ...INITIAL_ROUND,
        scenarioId,
        boardId,
        timeBoxMs: timeBoxMin * 60_000,
        runningSince: performance.now(),
        focusRequest: 'round',
      });
    },
    pauseTimer() {
      const s = get();
      if (s.runningSince === null) return;
      set({
        elapsedBeforeMs: s.elapsedBeforeMs + (performance.now() - s.runningSince),
        runningSince: null,
      });
    },
    resumeTimer() {
      if (get().runningSince === null) set({ runningSince: performance.now() });
    },
    elapsedMs(now) {
      const s = get();
      return s.elapsedBeforeMs + (s.runningSince === null ? 0 : now - s.runningSince);
    },
    showHint: () => set((s) => ({ hintsShown: s.hintsShown + 1 })),
    setNotes: (notes) => set({ notes: notes.slice(0, 20_000) }),
    recordPrediction(record) {
      const { scenarioId } = get();
      if (!scenarioId) return;
      const predictions = [...get().predictions, record].slice(-MAX_PREDICTION_RUNS);
      set({ predictions });
      // After Submit the attempt is on record: it takes the new run too, as a re-score does.
      const list = get().attempts[scenarioId] ?? [];
      const last = list[list.length - 1];
      if (!last || last.at !== recordedAt) return;
      const attempts = { ...get().attempts, [scenarioId]: [...list.slice(0, -1), { ...last, predictions }] };
      set({ attempts });
      saveVersioned(browserStorage() ?? nullStorage, ATTEMPTS_KEY, ATTEMPTS_VERSION, attempts);
    },

    async submit() {
      const s = get();
      if (!s.scenarioId || s.grading) return;
      const scenarioId = s.scenarioId;
      // Grade the round's own board even when another board is open (the reference, say).
      if (s.boardId && useBoardsStore.getState().activeId !== s.boardId) s.backToBoard();
      const board = useEditorStore.getState().board;
      s.pauseTimer();
      set({ grading: true, gradeProgress: 0, gradeError: null });
      try {
        const result = await grader(
          { scenarioId, board, tickedTalkingPoints: s.ticked, hintsUsed: s.hintsShown },
          (done, total) => set({ gradeProgress: done / total }),
        );
        if (get().scenarioId !== scenarioId) return;
        set({ grading: false, gradeProgress: 1, result, submittedBoard: board, focusRequest: 'score' });
        const attempt = attemptNow(result.score);
        recordedAt = attempt.at;
        get().recordAttempt(scenarioId, attempt);
      } catch (e) {
        set({ grading: false, gradeError: (e as Error).message });
      }
    },

    async toggleTalkingPoint(id) {
      const s = get();
      const ticked = s.ticked.includes(id) ? s.ticked.filter((x) => x !== id) : [...s.ticked, id];
      set({ ticked });
      const { result, submittedBoard, scenarioId } = get();
      if (!result || !submittedBoard || !scenarioId) return;
      const [{ gradeAttempt }, scenario] = await Promise.all([
        import('../grading/grade'),
        getScenario(scenarioId),
      ]);
      if (!scenario || get().result !== result) return;
      const next = gradeAttempt(scenario, submittedBoard, {
        behaviour: result.behavioural,
        tickedTalkingPoints: get().ticked,
        hintsUsed: get().hintsShown,
      });
      set({ result: next });
      const list = get().attempts[scenarioId] ?? [];
      const last = list[list.length - 1];
      if (last && last.at === recordedAt) {
        const attempts = {
          ...get().attempts,
          [scenarioId]: [...list.slice(0, -1), { ...last, score: next.score, covered: [...get().ticked] }],
        };
        set({ attempts });
        saveVersioned(browserStorage() ?? nullStorage, ATTEMPTS_KEY, ATTEMPTS_VERSION, attempts);
      }
    },

    async openReference() {
      const s = get();
      if (!s.scenarioId) return false;
      if (!s.result) {
        const ok = await useConfirm.getState().ask({
          title: 'Open the reference design now?',
          body: 'You have not submitted yet. Seeing the reference first marks this attempt “reference viewed” in your history.',
          confirmLabel: 'Open reference',
        });
        if (!ok) return false;
        set({ referenceViewed: true });
      }
      const scenario = await getScenario(s.scenarioId);
      if (!scenario) return false;
      useBoardsStore.getState().createAndOpen({
        ...scenario.reference,
        title: `Reference: ${scenario.title}`,
        scenario: scenario.id,
      });
      return true;
    },

    clearFocusRequest: () => set({ focusRequest: null }),
    backToBoard() {
      const id = get().boardId;
      if (id) useBoardsStore.getState().open(id);
    },

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
        [scenarioId]: [...(get().attempts[scenarioId] ?? []), attempt].slice(-MAX_ATTEMPTS),
      };
      set({ attempts });
      const storage = browserStorage();
      if (storage) saveVersioned(storage, ATTEMPTS_KEY, ATTEMPTS_VERSION, attempts);
    },
    end() {
      recordedAt = null;
      set({ ...INITIAL_ROUND });
    },
  };
});

const nullStorage: StorageLike = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
  key: () => null,
  length: 0,
};

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
