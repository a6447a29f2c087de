import { errorMessage } from '../domain/ids';
import type { SaveResult } from './storageTypes';

/** How often autosave writes while the user keeps editing (a drag is many edits). */
export const SAVE_THROTTLE_MS = 1000;
/** First retry after a failed save; doubles per failure up to SAVE_RETRY_MAX_MS. */
export const SAVE_RETRY_MS = 5000;
export const SAVE_RETRY_MAX_MS = 60_000;

/** Timers and clock, injectable so tests run without real waiting. */
export interface SaverTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface ThrottledSaverOptions {
  waitMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
  timers?: SaverTimers;
  /** Called with every attempt's result: the UI shows or clears its "not saved" banner from it. */
  onResult?: (result: SaveResult) => void;
}

export interface ThrottledSaver<T> {
  /** Asks for `value` to be saved; only the latest scheduled value is written, at most once per waitMs. */
  schedule(value: T): void;
  /** Saves the pending value now, synchronously (for `pagehide` / `visibilitychange`). */
  flush(): SaveResult | undefined;
  /** Drops the pending value and any timer. */
  cancel(): void;
  /** Whether a value is waiting to be written (or to be retried). */
  readonly pending: boolean;
  /** Cancels and ignores every later call. */
  dispose(): void;
}

const realTimers: SaverTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

/**
 * A throttled, guarded autosave (after tldraw's TLLocalSyncClient and Excalidraw's LocalData): the
 * latest value is written at most once per `waitMs`; a failed write keeps the value and retries
 * with backoff (newer edits replace it); a `conflict` is not retried, since only the user can
 * settle it — the next `schedule` or `flush` tries again. A `save` that throws counts as a failure:
 * nothing escapes to the caller.
 */
export function createThrottledSaver<T>(
  save: (value: T) => SaveResult,
  options: ThrottledSaverOptions = {},
): ThrottledSaver<T> {
  const {
    waitMs = SAVE_THROTTLE_MS,
    retryMs = Math.max(waitMs, SAVE_RETRY_MS),
    maxRetryMs = SAVE_RETRY_MAX_MS,
    timers = realTimers,
    onResult,
  } = options;
  let value: T | undefined;
  let hasPending = false;
  let timer: unknown = null;
  let lastAttemptAt = -Infinity;
  let failures = 0;
  let disposed = false;

  const arm = (ms: number) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(
      () => {
        timer = null;
        attempt();
      },
      Math.max(0, ms),
    );
  };
  const clear = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const attempt = (): SaveResult | undefined => {
    if (!hasPending || disposed) return undefined;
    const v = value as T;
    hasPending = false;
    lastAttemptAt = timers.now();
    let result: SaveResult;
    try {
      result = save(v);
    } catch (cause) {
      result = {
        ok: false,
        code: 'unavailable',
        cause,
        message: `Saving failed: ${errorMessage(cause)}`,
      };
    }
    if (result.ok) failures = 0;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- save() may call schedule() re-entrantly; narrowing cannot see it
    else if (!hasPending) {
      // Keep the unsaved value unless a newer one was scheduled meanwhile.
      value = v;
      hasPending = true;
    }
    try {
      onResult?.(result);
    } catch {
      // A listener's bug must not stop autosave.
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- onResult() may have called dispose()
    if (!result.ok && result.code !== 'conflict' && !disposed) {
      failures++;
      arm(Math.min(retryMs * 2 ** (failures - 1), maxRetryMs));
    } else if (result.ok && hasPending && timer === null) arm(waitMs);
    return result;
  };

  return {
    schedule(next) {
      if (disposed) return;
      value = next;
      hasPending = true;
      // A pending throttle or retry timer already covers this value.
      if (timer === null) arm(lastAttemptAt + waitMs - timers.now());
    },
    flush() {
      if (!hasPending || disposed) return undefined;
      clear();
      return attempt();
    },
    cancel() {
      clear();
      hasPending = false;
      value = undefined;
    },
    get pending() {
      return hasPending;
    },
    dispose() {
      this.cancel();
      disposed = true;
    },
  };
}
