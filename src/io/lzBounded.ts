/**
 * lz-string's `decompressFromEncodedURIComponent`, with a cap on the output.
 *
 * Why not call lz-string directly: its output can grow quadratically with its input (each code can
 * name a dictionary entry one character longer than the last), so a crafted 64 kB link can expand
 * to hundreds of MB and freeze or crash the tab before any size check runs. This port of lz-string
 * 1.5's `_decompress` (MIT, Pieroxy) stops as soon as the output passes `maxChars`. For every input
 * whose output fits, it returns exactly what lz-string returns (tests/io/lzBounded.test.ts checks
 * this against lz-string itself).
 */

const URI_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE_OF = new Map<string, number>(Array.from(URI_SAFE_ALPHABET, (c, i) => [c, i]));
const BITS_PER_CHAR = 6;

export type DecompressResult =
  | { ok: true; text: string }
  /** `corrupt`: not lz-string data (lz-string itself returns null or ""); `too-large`: past maxChars. */
  | { ok: false; reason: 'corrupt' | 'too-large' };

/** Decompresses an lz-string URI-safe string; never throws and never builds more than maxChars. */
export function decompressUriSafeBounded(input: string, maxChars: number): DecompressResult {
  if (input === '') return { ok: false, reason: 'corrupt' };
  const data = input.replace(/ /g, '+');
  // Characters outside the alphabet read as 0, as in lz-string.
  const reader = new BitReader((i) => VALUE_OF.get(data.charAt(i)) ?? 0);

  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;
  let total = 0;
  const result: string[] = [];

  let w: string;
  switch (reader.read(2)) {
    case 0:
      w = String.fromCharCode(reader.read(8));
      break;
    case 1:
      w = String.fromCharCode(reader.read(16));
      break;
    case 2:
      return { ok: true, text: '' }; // the compressed empty string
    default:
      return { ok: false, reason: 'corrupt' }; // lz-string goes on with `undefined` here
  }
  dictionary[3] = w;
  result.push(w);
  total = 1;
  let dictSize = 4;

  for (;;) {
    if (reader.index > data.length) return { ok: false, reason: 'corrupt' }; // truncated: lz-string ""
    let c = reader.read(numBits);
    switch (c) {
      case 0:
      case 1:
        dictionary[dictSize++] = String.fromCharCode(reader.read(c === 0 ? 8 : 16));
        c = dictSize - 1;
        enlargeIn--;
        break;
      case 2:
        return { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (c < dictSize && dictionary[c]) entry = dictionary[c]!;
    else if (c === dictSize) entry = w + w.charAt(0);
    else return { ok: false, reason: 'corrupt' }; // lz-string: null
    total += entry.length;
    if (total > maxChars) return { ok: false, reason: 'too-large' };
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

/** Reads little-endian bit groups from 6-bit characters, most significant bit of each first. */
class BitReader {
  index = 1;
  private value: number;
  private position = 1 << (BITS_PER_CHAR - 1);
  constructor(private readonly valueAt: (i: number) => number) {
    this.value = valueAt(0);
  }
  read(bits: number): number {
    let out = 0;
    for (let power = 1, k = 0; k < bits; k++, power *= 2) {
      const bit = this.value & this.position;
      this.position >>= 1;
      if (this.position === 0) {
        this.position = 1 << (BITS_PER_CHAR - 1);
        this.value = this.valueAt(this.index++);
      }
      if (bit > 0) out += power;
    }
    return out;
  }
}
