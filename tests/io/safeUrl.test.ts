// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeUrl, MAX_URL_CHARS, toSafeHref } from '../../src/io/safeUrl';

/** docs/reliability.md #14: [vector, safe?] */
const VECTORS: [string, boolean][] = [
  ['https://example.com/docs?q=1#x', true],
  ['http://localhost:5173/', true],
  ['HTTPS://EXAMPLE.COM', true],
  ['mailto:team@example.com?subject=hi', true],
  ['  https://example.com  ', true],
  ['javascript:alert(1)', false],
  [' JaVaScRiPt:alert(1)', false],
  ['\tjavascript:alert(1)', false],
  ['java\tscript:alert(1)', false],
  ['java\nscript:alert(1)', false],
  ['java\rscript:alert(1)', false],
  ['\u0000javascript:alert(1)', false],
  ['\u0001\u001fjavascript:alert(1)', false],
  ['javascript\u0000:alert(1)', false],
  ['javascript&colon;alert(1)', false],
  ['javascript&#58;alert(1)', false],
  ['javascript&#x3A;alert(1)', false],
  ['javascript&#0000058alert(1)', false],
  ['jav&#x09;ascript:alert(1)', false],
  ['&#106;avascript:alert(1)', false],
  ['javascript://example.com/%0aalert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', false],
  ['DATA:image/svg+xml,<svg onload=alert(1)>', false],
  ['vbscript:msgbox(1)', false],
  ['file:///etc/passwd', false],
  ['blob:https://example.com/1234', false],
  ['ftp://example.com', false],
  ['about:blank', false],
  ['chrome://settings', false],
  ['intent://x#Intent;end', false],
  ['https:javascript:alert(1)', false],
  ['/docs/page', false],
  ['./page', false],
  ['page.html', false],
  ['//evil.example.com', false],
  ['', false],
  ['   ', false],
];

describe('isSafeUrl: http, https and mailto only', () => {
  it.each(VECTORS)('%j ⇒ %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
  it.each([[null], [undefined], [42], [{ toString: () => 'https://x.com' }]])(
    '%j (not a string) ⇒ false',
    (v) => {
      expect(isSafeUrl(v)).toBe(false);
    },
  );
  it('refuses very long URLs', () => {
    expect(isSafeUrl(`https://example.com/${'a'.repeat(MAX_URL_CHARS)}`)).toBe(false);
  });
});

describe('relative links, when allowed', () => {
  it.each([
    ['/docs/page', true],
    ['./page', true],
    ['page.html', true],
    ['//evil.example.com', true], // resolves to https: still an allowed protocol
    ['javascript:alert(1)', false],
    ['data:,x', false],
    // Relative as written, but an HTML parser (an exported SVG or Markdown) would decode them.
    ['javascript&colon;alert(1)', false],
    ['javascript&#58;alert(1)', false],
    ['javascript&#x3a alert(1)', false],
    ['&#x6A;avascript:alert(1)', false],
  ])('%j ⇒ %s', (url, safe) => {
    expect(isSafeUrl(url, { allowRelative: true })).toBe(safe);
  });
});

describe('toSafeHref', () => {
  it('returns the normalised href that was checked', () => {
    expect(toSafeHref('  HTTPS://Example.com/a b ')).toBe('https://example.com/a%20b');
    expect(toSafeHref('java\tscript:alert(1)')).toBeNull();
  });
  it('any string: a safe answer is always an http(s) or mailto href (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.webUrl(),
          fc.string().map((s) => `javascript:${s}`),
          fc.string().map((s) => `${s}:${s}`),
        ),
        (s) => {
          const href = toSafeHref(s);
          if (href !== null) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
          if (/^\s*javascript:/i.test(s)) expect(href).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('web URLs are accepted (property)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
        (url) => {
          expect(isSafeUrl(url)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
