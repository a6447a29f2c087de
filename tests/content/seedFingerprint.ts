/**
 * The "copy nothing from the seed" check. Scenario prose is grounded in an interview-prep document
 * (the seed) but must be written afresh. The repository does not carry the seed itself, only a
 * fingerprint: a 53-bit hash of every run of SHINGLE_WORDS consecutive words in it. A scenario
 * sentence sharing any such run with the seed is flagged.
 */
export const SHINGLE_WORDS = 8;

/** Lower-case words, punctuation dropped (so "at-least-once," and "at least once" match). */
export function toWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[a-z0-9']+/g) ?? []
  );
}

/** cyrb53: a fast 53-bit string hash, returned in base 36. */
export function hash53(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Every run of `n` consecutive words, joined by spaces. */
export function shingles(text: string, n = SHINGLE_WORDS): string[] {
  const w = toWords(text);
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** The sorted, de-duplicated hashes of a text's shingles. */
export function fingerprint(text: string, n = SHINGLE_WORDS): string[] {
  return [...new Set(shingles(text, n).map(hash53))].sort();
}

/** Every string inside a JSON value, with its path (`keyPoints.2.text`). */
export function collectStrings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value))
    return value.flatMap((v, i) => collectStrings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => collectStrings(v, path ? `${path}.${k}` : k));
  return [];
}
