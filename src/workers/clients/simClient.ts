import { isPlainRecord } from '../../domain/ids';
import type { InvariantResult, SimResult } from '../../sim';
import type { MainToWorker, RunSpec, WorkerToMain } from '../protocol';
import { createWorkerClient, type CallHandle } from './rpc';

export type RunRequest = RunSpec;
export interface RunOutcome {
  /** The verdicts; the examples' paths are empty until `explainInWorker` traces them. */
  result: SimResult;
  durationMs: number;
  /** Set when the examples' paths are still to be traced (always, from the worker). */
  pathsPending?: true;
}
export interface ExplainOutcome {
  /** The same run's verdicts, with the examples' paths. */
  invariants: InvariantResult[];
  durationMs: number;
}
export type RunHandle = CallHandle<RunOutcome>;

type Call = { type: 'run'; spec: RunSpec } | { type: 'explain'; spec: RunSpec; messageIds: string[] };
type Outcome = ({ type: 'run' } & RunOutcome) | ({ type: 'explain' } & ExplainOutcome);

const client = createWorkerClient<Call, Outcome>({
  // The engine runs off the main thread; Vite bundles the worker into its own chunk.
  create: () =>
    new Worker(new URL('../simWorker.ts', import.meta.url), { type: 'module', name: 'faultline-sim' }),
  request: (runId, call): MainToWorker =>
    call.type === 'run'
      ? { type: 'run', runId, ...call.spec }
      : { type: 'explain', runId, messageIds: call.messageIds, ...call.spec },
  cancel: (runId): MainToWorker => ({ type: 'cancel', runId }),
  decode: (data) => {
    if (!isPlainRecord(data) || typeof data.runId !== 'number') return null;
    const m = data as WorkerToMain;
    switch (m.type) {
      case 'progress':
        return { id: m.runId, kind: 'progress', done: m.done, total: m.total };
      case 'result':
        return {
          id: m.runId,
          kind: 'done',
          value: { type: 'run', result: m.result, durationMs: m.durationMs },
        };
      case 'explained':
        return {
          id: m.runId,
          kind: 'done',
          value: { type: 'explain', invariants: m.invariants, durationMs: m.durationMs },
        };
      case 'error':
        return { id: m.runId, kind: 'error', message: m.message };
    }
  },
  crashMessage: 'the simulation worker crashed',
});

/** A call's outcome of the expected type (the worker answers each call with the type it was asked). */
function answered<T extends Outcome['type']>(h: CallHandle<Outcome>, type: T) {
  return {
    cancel: h.cancel,
    promise: h.promise.then((o) => {
      if (o.type !== type) throw new Error(`the simulation worker answered ${o.type} to ${type}`);
      return o as Extract<Outcome, { type: T }>;
    }),
  };
}

/**
 * Runs the simulation in the Web Worker and resolves with its verdicts (examples without paths).
 * `cancel()` rejects at once with CancelledError and asks the worker to stop, which it does at the
 * end of its current chunk (src/workers/simWorker.ts).
 */
export function runInWorker(req: RunRequest, onProgress?: (done: number, total: number) => void): RunHandle {
  const h = answered(client.call({ type: 'run', spec: req }, onProgress), 'run');
  return {
    cancel: h.cancel,
    promise: h.promise.then(({ result, durationMs }) => ({
      result,
      durationMs,
      pathsPending: true as const,
    })),
  };
}

/**
 * Traces the examples `messageIds` of the run `req` made (one more pass of the same run) and resolves
 * with its verdicts, paths included. Cancellable like a run.
 */
export function explainInWorker(
  req: RunRequest,
  messageIds: string[],
  onProgress?: (done: number, total: number) => void,
): CallHandle<ExplainOutcome> {
  const h = answered(client.call({ type: 'explain', spec: req, messageIds }, onProgress), 'explain');
  return {
    cancel: h.cancel,
    promise: h.promise.then(({ invariants, durationMs }) => ({ invariants, durationMs })),
  };
}
