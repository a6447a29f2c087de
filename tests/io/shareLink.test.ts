// @vitest-environment node
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { createEmptyBoard, MAX_FILE_BYTES, type Board } from '../../src/domain';
import {
  buildShareUrl,
  decodeShareFragment,
  encodeShareFragment,
  MAX_SHARE_FRAGMENT_CHARS,
} from '../../src/io/shareLink';
import { validBoardArb } from '../domain/boardArbitraries';
import { lzBomb } from './helpers';

function sample(): Board {
  const b = createEmptyBoard('Shared');
  b.nodes.push({
    id: 'q1',
    kind: 'queue',
    label: 'events 😀 <script>',
    position: { x: 1, y: 2 },
    config: { orderedByKey: false, visibilityTimeoutMs: 30000, maxReceives: 5, delivery: 'broadcast' },
  });
  return b;
}

/** A board whose text does not compress well: labels from a seeded generator. */
function incompressibleBoard(nodes: number): Board {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const b = createEmptyBoard('Big');
  for (let i = 0; i < nodes; i++) {
    const label = Array.from({ length: 150 }, () => String.fromCharCode(33 + (rand() % 90))).join('');
    b.nodes.push({ id: `n${i}`, kind: 'ledger', label, position: { x: i, y: i }, config: {} });
  }
  return b;
}

function encoded(b: Board): string {
  const r = encodeShareFragment(b);
  if (!r.ok) throw new Error(r.message);
  return r.fragment;
}

describe('encodeShareFragment / decodeShareFragment', () => {
  it('round-trips a board through #board=…, board=… and a full URL', () => {
    const b = sample();
    const fragment = encoded(b);
    expect(fragment).toMatch(/^board=[A-Za-z0-9+\-$]+$/);
    for (const hash of [`#${fragment}`, fragment, `#other=1&${fragment}`]) {
      expect(decodeShareFragment(hash)).toEqual({ ok: true, board: b, report: [] });
    }
    const url = buildShareUrl('https://faultline.dev/app?x=1#old', fragment);
    expect(url).toBe(`https://faultline.dev/app?x=1#${fragment}`);
    expect(decodeShareFragment(new URL(url).hash)).toMatchObject({ ok: true, board: b });
  });
  it('round-trips any valid board (property)', () => {
    fc.assert(
      fc.property(validBoardArb({ withUnknown: true }), (b) => {
        const r = decodeShareFragment(`#${encoded(b)}`);
        expect(r.ok === true && r.board).toEqual(b);
      }),
      { numRuns: 150 },
    );
  });
  it('accepts a fragment a mail client percent-encoded or whose + became a space', () => {
    const fragment = encoded(sample());
    const [, payload] = fragment.split('=');
    expect(decodeShareFragment(`#board=${encodeURIComponent(payload!)}`)).toMatchObject({ ok: true });
    expect(decodeShareFragment(`#board=${payload!.replace(/\+/g, ' ')}`)).toMatchObject({ ok: true });
  });
  it.each([[''], ['#'], ['#section-2'], ['#boards=1'], ['#x=board=1']])(
    '%j holds no board ⇒ none',
    (hash) => {
      expect(decodeShareFragment(hash)).toEqual({ ok: 'none' });
    },
  );
});

describe('#15 a malformed share link gives a message, never an exception', () => {
  it.each([
    ['empty payload', '#board=', /empty/],
    ['garbage', '#board=!!!!', /damaged/],
    ['bad percent-encoding', '#board=%E0%A4%A', /damaged/],
    ['cut off', `#${encoded(sample()).slice(0, 30)}`, /damaged/],
  ])('%s', (_name, hash, message) => {
    const r = decodeShareFragment(hash);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.message).toMatch(message);
    expect(r.ok === false && r.message).toMatch(/not changed/);
  });
  it('a link that holds JSON that is not a board says so, with the loader error', () => {
    const r = decodeShareFragment(
      `#board=${compressToEncodedURIComponent('{"format":"faultline/design","version":9,"nodes":[]}')}`,
    );
    expect(r.ok === false && r.error?.code).toBe('version-too-new');
    expect(r.ok === false && r.message).toMatch(/share link's board cannot be opened.*newer Faultline/s);
  });
  it('a link that decompresses past the board size limit is refused before building the text', () => {
    const { fragment: bomb, expandsTo } = lzBomb(4200);
    expect(expandsTo).toBeGreaterThan(MAX_FILE_BYTES);
    expect(bomb.length).toBeLessThan(MAX_SHARE_FRAGMENT_CHARS);
    const start = performance.now();
    const r = decodeShareFragment(`#board=${bomb}`);
    expect(r.ok === false && r.message).toMatch(/expands to more than 8 MB/);
    expect(performance.now() - start).toBeLessThan(2000);
  });
  it('a link longer than any we create is refused', () => {
    const r = decodeShareFragment(`#board=${'A'.repeat(MAX_SHARE_FRAGMENT_CHARS + 1)}`);
    expect(r.ok === false && r.message).toMatch(/too long/);
  });
  it('decoding never throws, on any text or on any damage to a real link (property)', () => {
    const damaged = fc
      .tuple(validBoardArb({ maxNodes: 3 }), fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 4 }))
      .map(([b, at, del, ins]) => {
        const f = encoded(b);
        const i = at % f.length;
        return `#${f.slice(0, i)}${ins}${f.slice(i + del)}`;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `#board=${s}`),
          damaged,
        ),
        (hash) => {
          const r = decodeShareFragment(hash);
          expect([true, false, 'none']).toContain(r.ok);
          if (r.ok === false) expect(r.message.length).toBeGreaterThan(10);
          if (r.ok === true) expect(new Set(r.board.nodes.map((n) => n.id)).size).toBe(r.board.nodes.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('#17 a board too large for a link is refused with a file export offered', () => {
  it('refuses with code too-long and a message naming the size and the alternative', () => {
    const r = encodeShareFragment(incompressibleBoard(700));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('too-long');
    expect(!r.ok && r.message).toMatch(
      /too large for a link \(\d+ kB; links hold up to 64 kB\)\. Export it as a JSON file/,
    );
  });
  it('accepts the same kind of board when it fits', () => {
    const r = encodeShareFragment(incompressibleBoard(50));
    expect(r.ok && r.fragment.length).toBeLessThanOrEqual(MAX_SHARE_FRAGMENT_CHARS);
  });
});
