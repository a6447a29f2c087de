import type { Board } from '../domain/document';
import type { FaultPlan } from '../domain/faultPlan';
import type { InvariantId } from '../domain/invariants';
import type { AttackResult, RepairResult } from '../grading/attack';

/**
 * Messages between the UI and the interviewer worker (`interviewerWorker.ts`): the attack search,
 * repair suggestions and live verdict checks. Every message carries the `jobId` it belongs to; a
 * reply for a job the client no longer waits for is ignored.
 */
export type InterviewerRequest =
  | {
      type: 'attack';
      jobId: number;
      board: Board;
      seed: number;
      events: number;
      invariants?: InvariantId[];
      maxTries?: number;
    }
  | {
      type: 'repair';
      jobId: number;
      board: Board;
      plan: FaultPlan;
      seed: number;
      events: number;
      invariant: InvariantId;
    }
  | {
      type: 'check';
      jobId: number;
      board: Board;
      plan: FaultPlan;
      seed: number;
      events: number;
      invariants?: InvariantId[];
    }
  | { type: 'cancel'; jobId: number };

/** A live verdict: one invariant on the current board under the current plan. */
export interface LiveVerdict {
  id: InvariantId;
  holds: boolean;
  count: number;
  summary: string;
}

export type InterviewerReply =
  | { type: 'progress'; jobId: number; phase: 'search' | 'shrink' | 'check'; done: number; total: number }
  | { type: 'attack'; jobId: number; result: AttackResult }
  | { type: 'repair'; jobId: number; result: RepairResult }
  | { type: 'check'; jobId: number; verdicts: LiveVerdict[]; durationMs: number }
  | { type: 'error'; jobId: number; message: string };

/** Narrows an incoming value to a request (the worker trusts nothing it receives). */
export function isInterviewerRequest(v: unknown): v is InterviewerRequest {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m.jobId === 'number' &&
    (m.type === 'attack' || m.type === 'repair' || m.type === 'check' || m.type === 'cancel')
  );
}
