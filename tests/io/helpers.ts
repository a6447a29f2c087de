/** Shared helpers for the io tests. */
import { createMemoryStorage } from '../../src/io/storageAccess';
import type { StorageLike } from '../../src/io/storageTypes';

/** True when `s` has no lone surrogate (String.prototype.isWellFormed, which our TS lib lacks). */
export function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/**
 * A crafted lz-string (URI-safe) stream: one literal "a", then `codes` codes that each name the
 * entry being defined (LZW's KwKwK case), so the output is "a", "aa", "aaa"… — about codes²/2
 * characters from a few codes. Writing it directly takes microseconds; compressing the same text
 * with lz-string takes seconds.
 */
export function lzBomb(codes: number): { fragment: string; expandsTo: number } {
  const out: string[] = [];
  let value = 0;
  let used = 0;
  const write = (n: number, bits: number) => {
    for (let k = 0; k < bits; k++) {
      value = (value << 1) | ((n >> k) & 1);
      if (++used === 6) {
        out.push(URI_SAFE[value]!);
        value = 0;
        used = 0;
      }
    }
  };
  write(0, 2);
  write('a'.charCodeAt(0), 8);
  let dictSize = 4;
  let enlargeIn = 4;
  let numBits = 3;
  let expandsTo = 1;
  for (let i = 0; i < codes; i++) {
    write(dictSize, numBits);
    expandsTo += i + 2;
    dictSize++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  write(2, numBits);
  while (used !== 0) write(0, 1);
  return { fragment: out.join(''), expandsTo };
}

/**
 * A Storage fake with switches: `throwOn` makes reads, writes, or both throw like a browser
 * (QuotaExceededError / SecurityError); `quotaChars` makes writes past a size throw QuotaExceeded.
 */
export function createFakeStorage(opts: { quotaChars?: number } = {}) {
  const inner = createMemoryStorage(opts);
  const state = { throwOnRead: null as Error | null, throwOnWrite: null as Error | null, writes: 0 };
  const storage: StorageLike & { dump(): Record<string, string> } = {
    getItem(k) {
      if (state.throwOnRead) throw state.throwOnRead;
      return inner.getItem(k);
    },
    setItem(k, v) {
      if (state.throwOnWrite) throw state.throwOnWrite;
      inner.setItem(k, v);
      state.writes++;
    },
    removeItem(k) {
      if (state.throwOnWrite) throw state.throwOnWrite;
      inner.removeItem(k);
    },
    key: (i) => inner.key(i),
    get length() {
      return inner.length;
    },
    dump: () => inner.dump(),
  };
  return { storage, state };
}

export const quotaError = () =>
  Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError', code: 22 });
export const securityError = () =>
  Object.assign(new Error('The operation is insecure.'), { name: 'SecurityError', code: 18 });
