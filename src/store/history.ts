/** Undo history of immutable snapshots. Pure: every function returns a new history. */
export interface History<T> {
  past: T[];
  future: T[];
  /** Consecutive edits with the same key (typing in one field) collapse into one undo step. */
  lastKey?: string | undefined;
}

export const HISTORY_LIMIT = 200;

export function createHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records `before` as the state to return to; clears redo. */
export function recordChange<T>(h: History<T>, before: T, coalesceKey?: string): History<T> {
  if (coalesceKey !== undefined && h.lastKey === coalesceKey && h.future.length === 0) return h;
  const past =
    h.past.length >= HISTORY_LIMIT ? h.past.slice(h.past.length - HISTORY_LIMIT + 1) : h.past.slice();
  past.push(before);
  return { past, future: [], lastKey: coalesceKey };
}

/** Steps back: returns the state to show and the new history, or null when there is nothing to undo. */
export function undo<T>(h: History<T>, current: T): { state: T; history: History<T> } | null {
  if (h.past.length === 0) return null;
  const past = h.past.slice(0, -1);
  return { state: h.past[h.past.length - 1]!, history: { past, future: [current, ...h.future] } };
}

export function redo<T>(h: History<T>, current: T): { state: T; history: History<T> } | null {
  if (h.future.length === 0) return null;
  const [next, ...future] = h.future;
  return { state: next!, history: { past: [...h.past, current], future } };
}
