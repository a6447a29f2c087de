// @vitest-environment node
import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decompressUriSafeBounded } from '../../src/io/lzBounded';
import { lzBomb } from './helpers';

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const BIG = 1 << 30;

/** lz-string's own answer, with a throw turned into a value. */
function reference(input: string): string | null | undefined | { threw: true } {
  try {
    return decompressFromEncodedURIComponent(input);
  } catch {
    return { threw: true };
  }
}

describe('decompressUriSafeBounded matches lz-string', () => {
  it('on the output of lz-string for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const c = compressToEncodedURIComponent(s);
        expect(decompressUriSafeBounded(c, BIG)).toEqual({ ok: true, text: s });
      }),
      { numRuns: 500 },
    );
  });
  it('on arbitrary input in its alphabet: whenever it succeeds, lz-string gives the same text (property)', () => {
    const alphabetString = fc
      .array(fc.constantFrom(...Array.from(URI_SAFE)), { maxLength: 60 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(alphabetString, fc.string({ maxLength: 40 })), (input) => {
        const ours = decompressUriSafeBounded(input, BIG);
        const theirs = reference(input);
        if (ours.ok) expect(theirs).toBe(ours.text);
        // Where lz-string returns real text and the first two bits are not the "3" it mishandles,
        // ours must succeed too.
        const first = URI_SAFE.indexOf(input.replace(/ /g, '+').charAt(0));
        if (typeof theirs === 'string' && theirs !== '' && first >= 0 && first < 48)
          expect(ours).toEqual({ ok: true, text: theirs });
      }),
      { numRuns: 2000 },
    );
  });
  it('on truncations of real output', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), (s, cut) => {
        const c = compressToEncodedURIComponent(s);
        const t = c.slice(0, cut % c.length);
        const ours = decompressUriSafeBounded(t, BIG);
        const theirs = reference(t);
        if (ours.ok) expect(theirs).toBe(ours.text);
        else expect(typeof theirs !== 'string' || theirs === '').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the output cap', () => {
  it('the crafted bomb of the tests is what lz-string itself expands quadratically', () => {
    const { fragment, expandsTo } = lzBomb(300);
    expect(decompressFromEncodedURIComponent(fragment)).toBe('a'.repeat(expandsTo));
    expect(expandsTo).toBeGreaterThan((300 * 300) / 2);
  });
  it('stops a decompression bomb as soon as the output passes maxChars', () => {
    const { fragment, expandsTo } = lzBomb(3000);
    expect(fragment.length).toBeLessThan(7000);
    expect(decompressUriSafeBounded(fragment, 1_000_000)).toEqual({ ok: false, reason: 'too-large' });
    expect(decompressUriSafeBounded(fragment, expandsTo)).toEqual({ ok: true, text: 'a'.repeat(expandsTo) });
    expect(decompressUriSafeBounded(fragment, expandsTo - 1)).toEqual({ ok: false, reason: 'too-large' });
  });
  it('empty input is corrupt, as lz-string returns null for it', () => {
    expect(decompressUriSafeBounded('', 10)).toEqual({ ok: false, reason: 'corrupt' });
  });
});
