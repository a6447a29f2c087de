import type { Board } from '../domain/document';
import { INVARIANT_IDS, type InvariantId } from '../domain/invariants';
import { getApplicableInvariants } from '../sim/invariants/applicable';

/**
 * "Predict, then run" (docs/architecture.md, "Predict, then run"): before a run the user marks each
 * invariant the run will check as "holds" or "breaks"; after it, each prediction is compared with
 * the verdict. Pure: the store keeps the predictions, the run panel shows them.
 */

export type Prediction = 'holds' | 'breaks';
export type Predictions = Partial<Record<InvariantId, Prediction>>;
/** What the run said: inconclusive (a run stopped early) proves nothing and is not scored. */
export type Actual = 'holds' | 'breaks' | 'inconclusive';

export interface PredictionRow {
  id: InvariantId;
  /** null: no prediction was made for it (a run started another way); the row is not scored. */
  predicted: Prediction | null;
  actual: Actual;
  /** null when not scored (no prediction, or an inconclusive verdict). */
  correct: boolean | null;
}

/** One scored run, as kept in the attempt history. */
export interface PredictionRecord {
  /** ISO time of the run's result. */
  at: string;
  rows: PredictionRow[];
  /** Predictions that matched the verdict. */
  correct: number;
  /** Predictions that could be scored (made, and the verdict conclusive). */
  scored: number;
}

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

const INVARIANTS: ReadonlySet<string> = new Set(INVARIANT_IDS);
const isPrediction = (v: unknown): v is Prediction => v === 'holds' || v === 'breaks';
const isActual = (v: unknown): v is Actual => v === 'holds' || v === 'breaks' || v === 'inconclusive';

/**
 * Reads one saved record, trusting nothing: rows that do not parse are dropped, the totals are
 * recomputed from the rows that remain, and a record with no readable row (or no time) is null.
 */
export function readPredictionRecord(value: unknown): PredictionRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.at !== 'string' || !Array.isArray(v.rows)) return null;
  const rows: PredictionRow[] = [];
  for (const r of v.rows as unknown[]) {
    if (typeof r !== 'object' || r === null) continue;
    const row = r as Record<string, unknown>;
    if (typeof row.id !== 'string' || !INVARIANTS.has(row.id) || !isActual(row.actual)) continue;
    const predicted = isPrediction(row.predicted) ? row.predicted : null;
    const actual = row.actual;
    rows.push({
      id: row.id as InvariantId,
      predicted,
      actual,
      correct: predicted === null || actual === 'inconclusive' ? null : predicted === actual,
    });
  }
  if (rows.length === 0) return null;
  return {
    at: v.at,
    rows,
    correct: rows.filter((r) => r.correct === true).length,
    scored: rows.filter((r) => r.correct !== null).length,
  };
}

/** Reads a saved list of records; anything unreadable is dropped, the rest kept. */
export function readPredictionRecords(value: unknown): PredictionRecord[] {
  if (!Array.isArray(value)) return [];
  return value.map(readPredictionRecord).filter((r): r is PredictionRecord => r !== null);
}
