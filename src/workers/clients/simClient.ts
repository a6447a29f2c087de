import type { Board, FaultPlan, InvariantId } from '../../domain';
import { isPlainRecord } from '../../domain/ids';
import type { SimResult } from '../../sim';
import type { MainToWorker, WorkerToMain } from '../protocol';
import { createWorkerClient, type CallHandle } from './rpc';

export interface RunRequest {
  board: Board;
  faultPlan: FaultPlan;
  seed: number;
  events: number;
  durationMs?: number;
  invariants?: InvariantId[];
}
export interface RunOutcome {
  result: SimResult;
  durationMs: number;
}
export type RunHandle = CallHandle<RunOutcome>;

const client = createWorkerClient<RunRequest, RunOutcome>({
  // The engine runs off the main thread; Vite bundles the worker into its own chunk.
  create: () =>
    new Worker(new URL('../simWorker.ts', import.meta.url), { type: 'module', name: 'faultline-sim' }),
  request: (runId, req): MainToWorker => ({ type: 'run', runId, ...req }),
  cancel: (runId): MainToWorker => ({ type: 'cancel', runId }),
  decode: (data) => {
    if (!isPlainRecord(data) || typeof data.runId !== 'number') return null;
    const m = data as WorkerToMain;
    switch (m.type) {
      case 'progress':
        return { id: m.runId, kind: 'progress', done: m.done, total: m.total };
      case 'result':
        return { id: m.runId, kind: 'done', value: { result: m.result, durationMs: m.durationMs } };
      case 'error':
        return { id: m.runId, kind: 'error', message: m.message };
    }
  },
  crashMessage: 'the simulation worker crashed',
});

/**
 * Runs the simulation in the Web Worker. `cancel()` rejects at once with CancelledError and asks the
 * worker to stop, which it does at the end of its current chunk (src/workers/simWorker.ts).
 */
export function runInWorker(req: RunRequest, onProgress?: (done: number, total: number) => void): RunHandle {
  return client.call(req, onProgress);
}
