import { isPlainRecord } from '../domain';
import { safeRead, safeRemove, safeWrite } from './storageAccess';
import type { StorageLike, WriteResult } from './storageTypes';

/**
 * Saved state that is not a board — the last run, a practice round in progress — stored as
 * `{ version, data }`. Unlike a board it is cheap to lose, so a value from another version is
 * discarded with a notice instead of migrated (docs/reliability.md #26); the boards are never touched.
 */

export type VersionedLoad<T> =
  | { ok: true; data: T }
  /** Nothing saved under the key. */
  | { ok: false; reason: 'none' }
  /** Something was saved but cannot be used; `notice` is for the user. */
  | { ok: false; reason: 'older' | 'newer' | 'corrupt' | 'unavailable'; notice: string };

export interface VersionedOptions<T> {
  /** Checks the data's shape; null refuses it (treated as corrupt). */
  validate?: (data: unknown) => T | null;
  /** What the state is, for the notice: "practice round", "last run". */
  label?: string;
}

export function saveVersioned(store: StorageLike, key: string, version: number, data: unknown): WriteResult {
  let raw: string;
  try {
    raw = JSON.stringify({ version, data });
  } catch (cause) {
    return {
      ok: false,
      code: 'unavailable',
      cause,
      message: 'This state cannot be saved (it is not plain data).',
    };
  }
  return safeWrite(store, key, raw);
}

/**
 * Loads state saved by saveVersioned. Older or unreadable state is removed; state from a newer
 * Faultline is left in place (that version can still use it) and ignored here. Never throws.
 */
export function loadVersioned<T = unknown>(
  store: StorageLike,
  key: string,
  currentVersion: number,
  options: VersionedOptions<T> | ((data: unknown) => T | null) = {},
): VersionedLoad<T> {
  const { validate, label = 'saved state' } = typeof options === 'function' ? { validate: options } : options;
  const r = safeRead(store, key);
  if (!r.ok)
    return {
      ok: false,
      reason: 'unavailable',
      notice: `Your ${label} could not be read from browser storage.`,
    };
  if (r.value === null) return { ok: false, reason: 'none' };
  const discard = (reason: 'older' | 'corrupt', why: string): VersionedLoad<T> => {
    safeRemove(store, key);
    return {
      ok: false,
      reason,
      notice: `Your ${label} ${why} and was discarded. Your boards are not affected.`,
    };
  };
  let value: unknown;
  try {
    value = JSON.parse(r.value);
  } catch {
    return discard('corrupt', 'was unreadable');
  }
  if (!isPlainRecord(value) || typeof value.version !== 'number' || !Number.isFinite(value.version))
    return discard('corrupt', 'was unreadable');
  if (value.version < currentVersion) return discard('older', 'was saved by an older version of Faultline');
  if (value.version > currentVersion) {
    return {
      ok: false,
      reason: 'newer',
      notice: `Your ${label} was saved by a newer version of Faultline and cannot be used here. Your boards are not affected.`,
    };
  }
  if (!validate) return { ok: true, data: value.data as T };
  let data: T | null;
  try {
    data = validate(value.data);
  } catch {
    data = null;
  }
  return data === null ? discard('corrupt', 'did not have the expected shape') : { ok: true, data };
}
