import { vi } from 'vitest';
import type { RunOutcome } from '../../src/workers/clients/simClient';

/**
 * The worker client, replaced in component tests: each run waits in `pending` until the test settles
 * it with a real engine result. Use as
 * `vi.mock('../../src/workers/clients/simClient', () => import('./pendingSimClient'))`.
 */
export const pending: ((v: RunOutcome) => void)[] = [];
/** Each pending run's progress callback (same index), for tests that report progress. */
export const progressOf: (((done: number, total: number) => void) | undefined)[] = [];

export function runInWorker(_request: unknown, progress?: (done: number, total: number) => void) {
  let resolve!: (v: RunOutcome) => void;
  const promise = new Promise<RunOutcome>((res) => (resolve = res));
  pending.push(resolve);
  progressOf.push(progress);
  return { promise, cancel: vi.fn() };
}
