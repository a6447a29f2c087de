import { vi } from 'vitest';
import type { RunOutcome } from '../../src/workers/clients/simClient';

/**
 * The worker client, replaced in component tests: each run waits in `pending` until the test settles
 * it with a real engine result. Use as
 * `vi.mock('../../src/workers/clients/simClient', () => import('./pendingSimClient'))`.
 */
export const pending: ((v: RunOutcome) => void)[] = [];

export function runInWorker() {
  let resolve!: (v: RunOutcome) => void;
  const promise = new Promise<RunOutcome>((res) => (resolve = res));
  pending.push(resolve);
  return { promise, cancel: vi.fn() };
}
