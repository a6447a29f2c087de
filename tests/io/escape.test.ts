// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormed } from './helpers';
import {
  escapeMarkdownBlock,
  escapeMarkdownText,
  escapeMermaidLabel,
  escapeXml,
  unescapeMermaidLabel,
} from '../../src/io/escape';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('escapeXml (#13: SVG/HTML exports)', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &#39;single&#39;'],
    ['&amp;', '&amp;amp;'],
    [XSS, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ['nul\u0000 bell\u0007 tab\t nl\n', 'nul bell tab\t nl\n'],
    ['lone \uD800 surrogate, pair 😀 kept', 'lone  surrogate, pair 😀 kept'],
    ['مرحبا \u202E', 'مرحبا \u202E'],
  ])('%j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
  it('never leaves a markup character or an XML-invalid character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeXml(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
        expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
        expect(isWellFormed(out)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeMarkdownText (#13: Markdown notes)', () => {
  it.each([
    [XSS, '&lt;script&gt;alert("x")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ['*bold* _em_ `code`', '\\*bold\\* \\_em\\_ \\`code\\`'],
    ['[link](javascript:alert(1))', '\\[link\\](javascript:alert(1))'],
    ['a | b', 'a \\| b'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['> quote', '&gt; quote'],
    ['line\nbreak\r\nagain', 'line break again'],
    ['&lt; stays literal', '&amp;lt; stays literal'],
    ['~~strike~~', '\\~\\~strike\\~\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['usage-events v1.2', 'usage-events v1.2'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdownText(input)).toBe(expected);
  });
  it('never emits a raw <, a line break or an unescaped pipe (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeMarkdownText(s);
        expect(out).not.toMatch(/[<>\n\r]/);
        expect(out).not.toMatch(/(^|[^\\])(\\\\)*\|/);
        expect(out).not.toMatch(/(^|[^\\])(\\\\)*`/);
      }),
      { numRuns: 500 },
    );
  });
  it('escapeMarkdownBlock keeps lines as hard breaks and escapes each', () => {
    expect(escapeMarkdownBlock('# a\n<b>')).toBe('\\# a  \n&lt;b&gt;');
  });
});

describe('escapeMermaidLabel / unescapeMermaidLabel', () => {
  it.each([
    ['say "hi"', 'say #34;hi#34;'],
    ['<b>x</b>', '#60;b#62;x#60;/b#62;'],
    ['a | b', 'a #124; b'],
    ['#quot; is literal', '#35;quot#59; is literal'],
    ['100% %%{init}%%', '100#37; #37;#37;#123;init#125;#37;#37;'],
    ['two\nlines', 'two<br>lines'],
    ['end', 'end'],
    ['`md`', '#96;md#96;'],
    ['[x](y){z}', '#91;x#93;#40;y#41;#123;z#125;'],
    ['😀 مرحبا', '😀 مرحبا'],
  ])('%j', (input, expected) => {
    expect(escapeMermaidLabel(input)).toBe(expected);
    expect(unescapeMermaidLabel(expected)).toBe(input);
  });
  it('reads hand-written entities and line breaks', () => {
    expect(
      unescapeMermaidLabel(
        'A #quot;q#quot; &amp; &lt;b&gt; &#35; &#x41; #9829; a<br/>b<BR >c #bogus; &nope;',
      ),
    ).toBe('A "q" & <b> # A ♥ a\nb\nc #bogus; &nope;');
  });
  it('round-trips any string exactly, and escaped text has nothing Mermaid would read as syntax (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeMermaidLabel(s);
        expect(unescapeMermaidLabel(out)).toBe(s);
        const withoutOurs = out.replace(/#\d+;/g, '').replace(/<br>/g, '');
        // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
        expect(withoutOurs).not.toMatch(/["#&<>`|%;\\[\]{}()\u0000-\u001F\u2028\u2029]/);
        expect(isWellFormed(out)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
