import type { StorageLike, WriteResult } from './storageTypes';

/**
 * Guarded access to a Web Storage: every call that can throw (SecurityError when storage is
 * blocked, QuotaExceededError when full, anything from a broken polyfill) is caught here and turned
 * into a value, so no storage exception ever escapes into a store action (docs/reliability.md #19, #20).
 */

export type ReadResult = { ok: true; value: string | null } | { ok: false; cause: unknown };

export function safeRead(storage: StorageLike, key: string): ReadResult {
  try {
    const value = storage.getItem(key);
    return { ok: true, value: typeof value === 'string' ? value : null };
  } catch (cause) {
    return { ok: false, cause };
  }
}

export function safeWrite(storage: StorageLike, key: string, value: string): WriteResult {
  try {
    storage.setItem(key, value);
    return { ok: true };
  } catch (cause) {
    return isQuotaError(cause)
      ? {
          ok: false,
          code: 'quota',
          cause,
          message:
            'Browser storage is full, so this change was not saved. It is still open here: download the board, or delete boards you no longer need, and saving will resume.',
        }
      : {
          ok: false,
          code: 'unavailable',
          cause,
          message:
            'Browser storage refused the save, so this change was not saved. It is still open here: download the board to keep it.',
        };
  }
}

export function safeRemove(storage: StorageLike, key: string): WriteResult {
  try {
    storage.removeItem(key);
    return { ok: true };
  } catch (cause) {
    return { ok: false, code: 'unavailable', cause, message: 'Browser storage could not remove an entry.' };
  }
}

/** Every key that starts with `prefix`, or null when the storage cannot be listed. */
export function listKeys(storage: StorageLike, prefix: string): string[] | null {
  try {
    const keys: string[] = [];
    const n = storage.length;
    for (let i = 0; i < n; i++) {
      const k = storage.key(i);
      if (typeof k === 'string' && k.startsWith(prefix)) keys.push(k);
    }
    return keys;
  } catch {
    return null;
  }
}

/** Recognises QuotaExceededError across browsers (Chrome/Safari: code 22; old Firefox: 1014). */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return (
    name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
  );
}

/**
 * Whether a storage can be used: it must answer a read, and accept a write unless it is merely full
 * (a full storage still holds boards worth reading). Safari's old private mode threw on every write
 * to an empty storage: that counts as unavailable.
 */
export function probeStorage(storage: StorageLike | null | undefined, probeKey: string): boolean {
  if (!storage) return false;
  if (!safeRead(storage, probeKey).ok) return false;
  const w = safeWrite(storage, probeKey, '1');
  if (w.ok) {
    safeRemove(storage, probeKey);
    return true;
  }
  if (w.code !== 'quota') return false;
  try {
    return storage.length > 0;
  } catch {
    return false;
  }
}

/** `window.localStorage`, or null where reading the property itself throws (blocked cookies). */
export function getBrowserStorage(): StorageLike | null {
  try {
    return (globalThis as { localStorage?: StorageLike }).localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * An in-memory Storage: the fallback when the browser's is unavailable (the app keeps working and
 * says changes are not saved), and the base of test fakes. `quotaChars` makes setItem throw a
 * QuotaExceededError like a browser once keys and values exceed it.
 */
export function createMemoryStorage(
  opts: { quotaChars?: number } = {},
): StorageLike & { dump(): Record<string, string> } {
  const map = new Map<string, string>();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem(key, value) {
      if (
        opts.quotaChars !== undefined &&
        used() - (map.has(key) ? key.length + map.get(key)!.length : 0) + key.length + value.length >
          opts.quotaChars
      ) {
        throw Object.assign(new Error('The quota has been exceeded.'), {
          name: 'QuotaExceededError',
          code: 22,
        });
      }
      map.set(key, value);
    },
    removeItem: (k) => {
      map.delete(k);
    },
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
    dump: () => Object.fromEntries(map),
  };
}
