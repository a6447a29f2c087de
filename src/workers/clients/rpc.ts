/**
 * One small typed request/reply client for a Web Worker, shared by the simulation and the grading
 * worker. Each call gets an id; the worker answers with progress, a value or an error for that id.
 *
 * - One `message` and one `error` listener per worker instance, installed when the worker is created:
 *   calls never add listeners, so nothing leaks however many calls are made.
 * - Cancel is cooperative: the client forgets the call (its promise rejects with `CancelledError` at
 *   once) and, when the protocol has a cancel message, tells the worker, which stops at its next
 *   yield. The worker is never terminated to cancel; only a crashed worker is replaced.
 *
 * Why not Comlink: both protocols are three reply kinds and a cancel, already typed in
 * `src/workers/protocol.ts` and `gradeWorker.ts`; Comlink's proxies would add a dependency and hide
 * the progress stream and the cancel message behind callbacks it proxies across threads.
 */

/** A worker reply, decoded: which call it answers and what it says. */
export type Reply<R> =
  | { id: number; kind: 'progress'; done: number; total: number }
  | { id: number; kind: 'done'; value: R }
  | { id: number; kind: 'error'; message: string };

export interface WorkerProtocol<Req, R> {
  /** Creates the worker (a literal `new Worker(new URL(…), …)`, so that Vite bundles it). */
  create: () => Worker;
  /** The message that starts call `id`. */
  request: (id: number, req: Req) => unknown;
  /** The message that asks the worker to stop call `id`, when the worker supports one. */
  cancel?: (id: number) => unknown;
  /** Reads a message from the worker; null for anything that is not a reply. */
  decode: (data: unknown) => Reply<R> | null;
  /** The error message when the worker crashes without one. */
  crashMessage: string;
}

export interface CallHandle<R> {
  promise: Promise<R>;
  cancel: () => void;
}

/** The rejection of a cancelled call. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

interface Pending<R> {
  resolve: (v: R) => void;
  reject: (e: Error) => void;
  onProgress: ((done: number, total: number) => void) | undefined;
}

export interface WorkerClient<Req, R> {
  call: (req: Req, onProgress?: (done: number, total: number) => void) => CallHandle<R>;
  /** Calls in flight (for tests and diagnostics). */
  pendingCount: () => number;
  /** Rejects every call in flight and terminates the worker (page teardown, tests). */
  dispose: () => void;
}

export function createWorkerClient<Req, R>(protocol: WorkerProtocol<Req, R>): WorkerClient<Req, R> {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending<R>>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const getWorker = (): Worker => {
    if (worker) return worker;
    const w = protocol.create();
    w.addEventListener('message', (e: MessageEvent<unknown>) => {
      const reply = protocol.decode(e.data);
      if (!reply) return;
      const p = pending.get(reply.id);
      if (!p) return; // cancelled, or not ours
      if (reply.kind === 'progress') {
        p.onProgress?.(reply.done, reply.total);
        return;
      }
      pending.delete(reply.id);
      if (reply.kind === 'done') p.resolve(reply.value);
      else p.reject(new Error(reply.message));
    });
    w.addEventListener('error', (e: ErrorEvent) => {
      // A crashed worker cannot answer: fail what it held and start a fresh one on the next call.
      failAll(new Error(e.message || protocol.crashMessage));
      w.terminate();
      if (worker === w) worker = null;
    });
    worker = w;
    return w;
  };

  return {
    call(req, onProgress) {
      const id = nextId++;
      const promise = new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
      });
      getWorker().postMessage(protocol.request(id, req));
      return {
        promise,
        cancel: () => {
          const p = pending.get(id);
          if (!p) return;
          pending.delete(id);
          if (protocol.cancel && worker) worker.postMessage(protocol.cancel(id));
          p.reject(new CancelledError());
        },
      };
    },
    pendingCount: () => pending.size,
    dispose: () => {
      failAll(new CancelledError());
      worker?.terminate();
      worker = null;
    },
  };
}
