import { create } from 'zustand';
import type { InvariantId } from '../domain/invariants';
import type { Prediction, PredictionRecord } from '../grading/predictRecord';

/**
 * "Predict, then run" (docs/architecture.md): an optional mode of the run panel. While it is on, the
 * user marks every invariant the next run will check as holds or breaks, and Run waits until all
 * are marked. This is its state only (the canvas's live badges read `enabled` at first paint);
 * locking, scoring and keeping the outcome live in ./predictRuns, loaded with the run panel — the
 * only place the mode can be turned on.
 */
export interface PredictState {
  enabled: boolean;
  /** Predictions for the next run. */
  predictions: Partial<Record<InvariantId, Prediction>>;
  /** The last run's predictions against its verdicts (cleared when a new run starts). */
  outcome: PredictionRecord | null;
  /** The outcome was kept with the practice round's attempt history. */
  outcomeKept: boolean;
  setEnabled: (on: boolean) => void;
  predict: (id: InvariantId, value: Prediction) => void;
}

export const usePredictStore = create<PredictState>()((set) => ({
  enabled: false,
  predictions: {},
  outcome: null,
  outcomeKept: false,
  setEnabled: (enabled) => set(enabled ? { enabled } : { enabled, outcome: null, outcomeKept: false }),
  predict: (id, value) => set((s) => ({ predictions: { ...s.predictions, [id]: value } })),
}));
