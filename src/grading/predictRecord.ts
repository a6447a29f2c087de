/**
 * A scored "Predict, then run" record as the attempt history keeps it, and its reader. Apart from
 * src/grading/predict.ts so that the practice store (first load) reads saved histories without the
 * scoring and the applicability rule.
 */

export type Prediction = 'holds' | 'breaks';
/** What the run said: inconclusive (a run stopped early) proves nothing and is not scored. */
export type Actual = 'holds' | 'breaks' | 'inconclusive';

export interface PredictionRow {
  /**
   * An invariant id. Typed as a string: a history saved by a later version may name invariants this
   * one does not know, and they are kept, not dropped (the first load does not carry the id list).
   */
  id: string;
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

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
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
    if (typeof row.id !== 'string' || !ID.test(row.id) || !isActual(row.actual)) continue;
    const predicted = isPrediction(row.predicted) ? row.predicted : null;
    const actual = row.actual;
    rows.push({
      id: row.id,
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
