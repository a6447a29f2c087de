import type { Board } from '../domain/document';
import type { InvariantId } from '../domain/invariants';
import type { Actual, Prediction, PredictionRecord, PredictionRow } from './predictRecord';
import { getApplicableInvariants } from '../sim/invariants/applicable';

/**
 * "Predict, then run" (docs/architecture.md, "Predict, then run"): before a run the user marks each
 * invariant the run will check as "holds" or "breaks"; after it, each prediction is compared with
 * the verdict. Pure: the store keeps the predictions, the run panel shows them.
 */

export type { Actual, Prediction, PredictionRecord, PredictionRow } from './predictRecord';
export { readPredictionRecord, readPredictionRecords } from './predictRecord';
export type Predictions = Partial<Record<InvariantId, Prediction>>;

/** The invariants the run panel's run will check on this board (the same rule as the engine's). */
export function predictableInvariants(board: Board): InvariantId[] {
  return getApplicableInvariants(board);
}

/** The invariants of `ids` that have no prediction yet, in order. */
export function missingPredictions(ids: readonly InvariantId[], predictions: Predictions): InvariantId[] {
  return ids.filter((id) => predictions[id] === undefined);
}

/** The part of a run's verdict that scoring reads (SimResult's invariants fit). */
export interface VerdictLike {
  id: InvariantId;
  holds: boolean;
  inconclusive?: boolean;
}

/**
 * Compares predictions with a run's verdicts: one row per verdict, in the run's order. Predictions
 * for invariants the run did not check are ignored.
 */
export function scorePredictions(
  predictions: Predictions,
  verdicts: readonly VerdictLike[],
  at: string,
): PredictionRecord {
  const rows = verdicts.map((v): PredictionRow => {
    const actual: Actual = v.inconclusive ? 'inconclusive' : v.holds ? 'holds' : 'breaks';
    const predicted = predictions[v.id] ?? null;
    const correct = predicted === null || actual === 'inconclusive' ? null : predicted === actual;
    return { id: v.id, predicted, actual, correct };
  });
  return {
    at,
    rows,
    correct: rows.filter((r) => r.correct === true).length,
    scored: rows.filter((r) => r.correct !== null).length,
  };
}

/** "4/5", or "—" when nothing could be scored. */
export function formatScore(r: { correct: number; scored: number }): string {
  return r.scored === 0 ? '—' : `${r.correct}/${r.scored}`;
}

/** Several runs' predictions added up (an attempt may hold a few). */
export function totalScore(records: readonly PredictionRecord[]): { correct: number; scored: number } {
  return records.reduce((t, r) => ({ correct: t.correct + r.correct, scored: t.scored + r.scored }), {
    correct: 0,
    scored: 0,
  });
}
