import type { Board } from '../domain/document';
import type { FaultPlan } from '../domain/faultPlan';
import type { InvariantId } from '../domain/invariants';
import type { InvariantResult, SimResult } from '../sim/types';

/** What a run needs: the board, the fault plan, the seed and the size of the workload. */
export interface RunSpec {
  board: Board;
  faultPlan: FaultPlan;
  seed: number;
  events: number;
  /** Virtual time the workload is spread over (ms); absent = the producers' rates. */
  durationMs?: number;
  invariants?: InvariantId[];
}

/**
 * The typed messages between the UI and the simulation worker (docs/conventions.md: the UI talks to the
 * simulation only through this protocol). Every message carries the `runId` it belongs to; a
 * message for a run the receiver no longer knows is ignored.
 *
 * A `run` answers with the verdicts only: the examples' message paths (`path: []`) come from an
 * `explain` of the same spec with the examples' ids, made when the user opens Explain — a second pass
 * of the whole run that the verdicts need not wait for (docs/performance.md).
 */
export type MainToWorker =
  | ({ type: 'run'; runId: number } & RunSpec)
  | ({ type: 'explain'; runId: number; messageIds: string[] } & RunSpec)
  | { type: 'cancel'; runId: number };

export type WorkerToMain =
  | { type: 'progress'; runId: number; done: number; total: number }
  | { type: 'result'; runId: number; result: SimResult; durationMs: number }
  /** The same run's verdicts, with the examples' paths and the summaries that name where they went wrong. */
  | { type: 'explained'; runId: number; invariants: InvariantResult[]; durationMs: number }
  | { type: 'error'; runId: number; message: string };

/** Narrows an incoming value to a main→worker message (the worker trusts nothing it receives). */
export function isMainToWorker(v: unknown): v is MainToWorker {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  if (typeof m.runId !== 'number') return false;
  if (m.type === 'explain')
    return Array.isArray(m.messageIds) && m.messageIds.every((id) => typeof id === 'string');
  return m.type === 'cancel' || m.type === 'run';
}
