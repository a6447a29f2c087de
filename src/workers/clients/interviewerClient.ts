import type { AttackResult, RepairResult } from '../../grading/attack';
import type { InterviewerReply, InterviewerRequest, LiveVerdict } from '../interviewerProtocol';

type Job = Exclude<InterviewerRequest, { type: 'cancel' }>;
type Answer<T extends Job['type']> = T extends 'attack'
  ? AttackResult
  : T extends 'repair'
    ? RepairResult
    : { verdicts: LiveVerdict[]; durationMs: number };
type JobInput<T extends Job['type']> = Omit<Extract<Job, { type: T }>, 'type' | 'jobId'>;

export interface JobHandle<R> {
  promise: Promise<R>;
  cancel(): void;
}

/**
 * A typed client of one interviewer worker. `run('attack', …)` resolves with the attack result,
 * `run('repair', …)` with the suggestions, `run('check', …)` with live verdicts; `cancel()` asks the
 * worker to stop at its next step and rejects the promise with "cancelled".
 */
export class InterviewerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<
    number,
    {
      resolve: (v: unknown) => void;
      reject: (e: Error) => void;
      onProgress?: ((phase: string, done: number, total: number) => void) | undefined;
    }
  >();

  constructor(private readonly name: string) {}

  private get(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../interviewerWorker.ts', import.meta.url), {
      type: 'module',
      name: this.name,
    });
    w.onmessage = (e: MessageEvent<InterviewerReply>) => {
      const m = e.data;
      const p = this.pending.get(m.jobId);
      if (!p) return;
      if (m.type === 'progress') {
        p.onProgress?.(m.phase, m.done, m.total);
        return;
      }
      this.pending.delete(m.jobId);
      if (m.type === 'error') p.reject(new Error(m.message));
      else if (m.type === 'attack') p.resolve(m.result);
      else if (m.type === 'repair') p.resolve(m.result);
      else p.resolve({ verdicts: m.verdicts, durationMs: m.durationMs });
    };
    w.onerror = (e) => {
      const err = new Error(e.message || 'the interviewer worker crashed');
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      w.terminate();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }

  run<T extends Job['type']>(
    type: T,
    input: JobInput<T>,
    onProgress?: (phase: string, done: number, total: number) => void,
  ): JobHandle<Answer<T>> {
    const jobId = this.nextId++;
    const promise = new Promise<Answer<T>>((resolve, reject) => {
      this.pending.set(jobId, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.get().postMessage({ ...input, type, jobId });
    });
    return {
      promise,
      cancel: () => {
        const p = this.pending.get(jobId);
        if (!p) return;
        this.pending.delete(jobId);
        this.worker?.postMessage({ type: 'cancel', jobId } satisfies InterviewerRequest);
        p.reject(new Error('cancelled'));
      },
    };
  }
}

/** The attack and repair jobs (one at a time). */
export const interviewerClient = new InterviewerClient('faultline-interviewer');
/** Live verdict checks: a second worker, so a check never waits behind an attack. */
export const liveCheckClient = new InterviewerClient('faultline-live-check');
