import { create } from 'zustand';
import type { InvariantId } from '../domain/invariants';
import type { Prediction, PredictionRecord } from '../grading/predictRecord';
import type { StorageLike } from '../io/storageTypes';
import { loadVersioned, saveVersioned } from '../io/versioned';

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

/** Whether the mode is on is kept in the browser (a practice habit outlives a reload); predictions are not. */
export const PREDICT_KEY = 'faultline:predict';
export const PREDICT_VERSION = 1;

const browserStorage = (): StorageLike | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

/** Reads the saved toggle; anything else than `{ enabled: boolean }` counts as off. */
export function loadPredictEnabled(storage: StorageLike | null = browserStorage()): boolean {
  if (!storage) return false;
  const r = loadVersioned(storage, PREDICT_KEY, PREDICT_VERSION, {
    validate: (d) =>
      typeof d === 'object' && d !== null && typeof (d as { enabled?: unknown }).enabled === 'boolean'
        ? (d as { enabled: boolean })
        : null,
    label: 'prediction setting',
  });
  return r.ok && r.data.enabled;
}

export const usePredictStore = create<PredictState>()((set) => ({
  enabled: loadPredictEnabled(),
  predictions: {},
  outcome: null,
  outcomeKept: false,
  setEnabled: (enabled) => {
    set(enabled ? { enabled } : { enabled, outcome: null, outcomeKept: false });
    const storage = browserStorage();
    if (storage) saveVersioned(storage, PREDICT_KEY, PREDICT_VERSION, { enabled });
  },
  predict: (id, value) => set((s) => ({ predictions: { ...s.predictions, [id]: value } })),
}));
