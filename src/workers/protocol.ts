import type { Board } from '../domain/document';
import type { FaultPlan } from '../domain/faultPlan';
import type { InvariantId } from '../domain/invariants';
import type { SimResult } from '../sim/types';

/**
 * The typed messages between the UI and the simulation worker (docs/conventions.md: the UI talks to the
 * simulation only through this protocol). Every message carries the `runId` it belongs to; a
 * message for a run the receiver no longer knows is ignored.
 */
export type MainToWorker =
  | {
      type: 'run';
      runId: number;
      board: Board;
      faultPlan: FaultPlan;
      seed: number;
      events: number;
      /** Virtual time the workload is spread over (ms); absent = the producers' rates. */
      durationMs?: number;
      invariants?: InvariantId[];
    }
  | { type: 'cancel'; runId: number };

export type WorkerToMain =
  | { type: 'progress'; runId: number; done: number; total: number }
  | { type: 'result'; runId: number; result: SimResult; durationMs: number }
  | { type: 'error'; runId: number; message: string };

/** Narrows an incoming value to a main→worker message (the worker trusts nothing it receives). */
export function isMainToWorker(v: unknown): v is MainToWorker {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  if (typeof m.runId !== 'number') return false;
  return m.type === 'cancel' || m.type === 'run';
}
