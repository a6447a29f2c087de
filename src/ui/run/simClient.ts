import type { Board, FaultPlan, InvariantId } from '../../domain';
import type { SimResult } from '../../sim';
import type { WorkerToMain } from '../../workers/protocol';

export interface RunRequest {
  board: Board;
  faultPlan: FaultPlan;
  seed: number;
  events: number;
  durationMs?: number;
  invariants?: InvariantId[];
}
export interface RunHandle {
  promise: Promise<{ result: SimResult; durationMs: number }>;
  cancel(): void;
}

let worker: Worker | null = null;
let nextRunId = 1;
const pending = new Map<
  number,
  {
    resolve: (v: { result: SimResult; durationMs: number }) => void;
    reject: (e: Error) => void;
    onProgress?: ((done: number, total: number) => void) | undefined;
  }
>();

function getWorker(): Worker {
  if (worker) return worker;
  // The engine runs off the main thread; Vite bundles the worker into its own chunk.
  worker = new Worker(new URL('../../workers/simWorker.ts', import.meta.url), {
    type: 'module',
    name: 'faultline-sim',
  });
  worker.onmessage = (e: MessageEvent<WorkerToMain>) => {
    const msg = e.data;
    const p = pending.get(msg.runId);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.done, msg.total);
    else if (msg.type === 'result') {
      pending.delete(msg.runId);
      p.resolve({ result: msg.result, durationMs: msg.durationMs });
    } else {
      pending.delete(msg.runId);
      p.reject(new Error(msg.message));
    }
  };
  worker.onerror = (e) => {
    const err = new Error(e.message || 'the simulation worker crashed');
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Runs the simulation in the Web Worker. Cancelling terminates the worker (a run cannot be interrupted otherwise). */
export function runInWorker(req: RunRequest, onProgress?: (done: number, total: number) => void): RunHandle {
  const runId = nextRunId++;
  const promise = new Promise<{ result: SimResult; durationMs: number }>((resolve, reject) => {
    pending.set(runId, { resolve, reject, onProgress });
    getWorker().postMessage({ type: 'run', runId, ...req });
  });
  return {
    promise,
    cancel() {
      const p = pending.get(runId);
      if (!p) return;
      pending.delete(runId);
      worker?.terminate();
      worker = null;
      p.reject(new Error('cancelled'));
    },
  };
}
