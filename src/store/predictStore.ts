import { create } from 'zustand';
import type { InvariantId } from '../domain/invariants';
import {
  missingPredictions,
  predictableInvariants,
  scorePredictions,
  type Prediction,
  type PredictionRecord,
  type Predictions,
} from '../grading/predict';
import { useBoardsStore } from './boardsStore';
import { useEditorStore } from './editorStore';
import { usePracticeStore } from './practiceStore';
import { useRunStore } from './runStore';

/**
 * "Predict, then run" (docs/architecture.md): an optional mode of the run panel. While it is on, the
 * user marks every invariant the next run will check as holds or breaks, and Run waits until all
 * are marked. When the run starts its predictions are locked; when its result arrives they are
 * scored against the verdicts, shown beside them, and — on a practice round's own board — kept
 * with the round's attempt. The next run needs fresh predictions.
 */
export interface PredictState {
  enabled: boolean;
  /** Predictions for the next run. */
  predictions: Predictions;
  /** The last run's predictions against its verdicts (cleared when a new run starts). */
  outcome: PredictionRecord | null;
  /** The outcome was kept with the practice round's attempt history. */
  outcomeKept: boolean;
  setEnabled: (on: boolean) => void;
  predict: (id: InvariantId, value: Prediction) => void;
}

/** The invariants the next run checks that still have no prediction (none while the mode is off). */
export function unpredicted(s: Pick<PredictState, 'enabled' | 'predictions'> = usePredictStore.getState()) {
  if (!s.enabled) return [];
  return missingPredictions(predictableInvariants(useEditorStore.getState().board), s.predictions);
}

/** Predictions locked when a run started, waiting for its result. */
let locked: { predictions: Predictions; boardId: string | null } | null = null;

export const usePredictStore = create<PredictState>()((set) => ({
  enabled: false,
  predictions: {},
  outcome: null,
  outcomeKept: false,
  setEnabled: (enabled) => set(enabled ? { enabled } : { enabled, outcome: null, outcomeKept: false }),
  predict: (id, value) => set((s) => ({ predictions: { ...s.predictions, [id]: value } })),
}));

useRunStore.subscribe((run, prev) => {
  if (run.computing && !prev.computing) {
    const p = usePredictStore.getState();
    const any = Object.keys(p.predictions).length > 0;
    locked =
      p.enabled && any ? { predictions: p.predictions, boardId: useBoardsStore.getState().activeId } : null;
    if (p.enabled) usePredictStore.setState({ outcome: null, outcomeKept: false });
    return;
  }
  if (!run.computing && prev.computing) {
    const l = locked;
    locked = null;
    // A reset, a failure or a board switch ends the run without verdicts: nothing to score.
    if (!l || !run.result || run.result.stopped) return;
    const record = scorePredictions(l.predictions, run.result.invariants, new Date().toISOString());
    const practice = usePracticeStore.getState();
    const kept = practice.scenarioId !== null && practice.boardId !== null && practice.boardId === l.boardId;
    if (kept) practice.recordPrediction(record);
    // Fresh predictions for the next run: the last ones are in the outcome.
    usePredictStore.setState({ outcome: record, outcomeKept: kept, predictions: {} });
  }
});

/** A new board (or another one opened) starts with no predictions and no outcome. */
useEditorStore.subscribe((s, prev) => {
  if (s.openCount === prev.openCount) return;
  locked = null;
  usePredictStore.setState({ predictions: {}, outcome: null, outcomeKept: false });
});
