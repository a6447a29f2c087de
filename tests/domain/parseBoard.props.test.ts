// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COORD_LIMIT,
  FORBIDDEN_KEYS,
  MAX_ID_CHARS,
  MAX_LABEL_CHARS,
  parseBoardText,
  parseBoardValue,
  serializeBoard,
  validateBoardForRun,
  type Board,
  type BoardLoadResult,
  type LoadNote,
} from '../../src/domain';
import { messyBoardArb, validBoardArb } from './boardArbitraries';

/** The message parseBoardValue gives when its own code threw: a bug, even though it is caught. */
const INTERNAL_BUG = /^The board could not be read:/;
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Notes a second load may still give: things kept on purpose (unknown kinds, unknown keys). */
const isKeptNote = (n: LoadNote) =>
  n.action === 'kept as is' || n.action === 'kept as an unsupported placeholder';

function loaded(r: BoardLoadResult): Board {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.board;
}

function expectNoInternalBug(r: BoardLoadResult) {
  if (!r.ok) expect(r.error.message).not.toMatch(INTERNAL_BUG);
}

/** Everything docs/reliability.md promises about a board after any load. */
function expectWellFormed(b: Board) {
  const nodeIds = b.nodes.map((n) => n.id);
  expect(new Set(nodeIds).size).toBe(nodeIds.length);
  expect(new Set(b.edges.map((e) => e.id)).size).toBe(b.edges.length);
  const ids = new Set(nodeIds);
  for (const e of b.edges) {
    expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(e.id.length).toBeLessThanOrEqual(MAX_ID_CHARS);
    expect(e.label ?? '').not.toMatch(CONTROL);
  }
  for (const n of b.nodes) {
    for (const v of [n.position.x, n.position.y]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThanOrEqual(COORD_LIMIT);
    }
    expect(n.id.length).toBeGreaterThan(0);
    expect(n.id.length).toBeLessThanOrEqual(MAX_ID_CHARS);
    expect(FORBIDDEN_KEYS.has(n.id)).toBe(false);
    expect(n.label.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
    for (const s of [n.id, n.kind, n.label, n.notes ?? '']) expect(s).not.toMatch(CONTROL);
    for (const [k, v] of Object.entries(n.config)) {
      expect(FORBIDDEN_KEYS.has(k)).toBe(false);
      expect(['string', 'number', 'boolean']).toContain(typeof v);
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    }
  }
  expect(b.title.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
}

describe('#1 parsing any text never throws', () => {
  it('any Unicode string (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = parseBoardText(s);
        expectNoInternalBug(r);
        if (!r.ok && r.error.code === 'not-a-board' && s.trim() !== '' && s !== '\uFEFF') {
          // Whatever failed, the message says so; JSON errors keep their SyntaxError.
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('any bytes read as UTF-8 or Latin-1 text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const encoding of ['utf-8', 'latin1']) {
          const r = parseBoardText(new TextDecoder(encoding).decode(bytes));
          expect(r.ok).toBe(false);
          expectNoInternalBug(r);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('any prefix of a real board file (a truncated download)', () => {
    fc.assert(
      fc.property(validBoardArb({ maxNodes: 4 }), fc.nat(), (b, cut) => {
        const text = serializeBoard(b);
        const r = parseBoardText(text.slice(0, cut % text.length));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('not-a-board');
      }),
      { numRuns: 200 },
    );
  });
});

describe('#2 any JSON value, or any JS value, never throws', () => {
  it('fc.jsonValue() as a value and as text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expectNoInternalBug(parseBoardValue(v));
        expectNoInternalBug(parseBoardText(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });
  it('fc.jsonValue() inside a board-shaped document', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.jsonValue(),
        fc.jsonValue(),
        fc.constantFrom(0, 1),
        (nodes, edges, title, version) => {
          for (const mode of ['repair', 'strict'] as const) {
            const r = parseBoardValue({ format: 'faultline/design', version, title, nodes, edges }, mode);
            expectNoInternalBug(r);
            if (r.ok) expectWellFormed(r.board);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
  it('fc.anything() (maps, sets, boxed values, null prototypes, sparse and typed arrays)', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withDate: true,
      withBigInt: true,
    });
    fc.assert(
      fc.property(anything, fc.array(anything, { maxLength: 4 }), (v, list) => {
        expectNoInternalBug(parseBoardValue(v));
        const r = parseBoardValue({
          format: 'faultline/design',
          version: 1,
          title: v,
          nodes: list.map((x) => ({ id: 'a', kind: 'queue', label: x, position: x, config: x })),
          edges: list,
        });
        expectNoInternalBug(r);
        if (r.ok) expectWellFormed(r.board);
      }),
      { numRuns: 300 },
    );
  });
});

describe('after any load the board is well formed (#6–#9, #12)', () => {
  it('ids unique, every edge has both ends, coordinates finite and in bounds, text clean and capped', () => {
    fc.assert(
      fc.property(messyBoardArb, (raw) => {
        const r = parseBoardValue(raw);
        expectNoInternalBug(r);
        if (r.ok) expectWellFormed(r.board);
      }),
      { numRuns: 400 },
    );
  });
  it('a label is the cleaned input cut to the limit: never invented text, never half an emoji', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (label) => {
        const b = loaded(
          parseBoardValue({
            format: 'faultline/design',
            version: 1,
            nodes: [{ id: 'a', kind: 'queue', label }],
          }),
        );
        // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
        const cleaned = label.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
        expect(cleaned.startsWith(b.nodes[0]!.label)).toBe(true);
        expect(b.nodes[0]!.label.length).toBeGreaterThanOrEqual(
          Math.min(cleaned.length, MAX_LABEL_CHARS) - 1,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('restoring a restored board changes nothing (idempotent load)', () => {
  it('load → save → load gives the same board, and only "kept" notes again', () => {
    fc.assert(
      fc.property(messyBoardArb, (raw) => {
        const r = parseBoardValue(raw);
        if (!r.ok) return;
        const again = parseBoardText(serializeBoard(r.board));
        expect(loaded(again)).toEqual(r.board);
        if (again.ok) expect(again.repairs.filter((n) => !isKeptNote(n))).toEqual([]);
        // Loading the loaded value itself (no JSON in between) is a fixed point as well.
        expect(loaded(parseBoardValue(r.board))).toEqual(r.board);
      }),
      { numRuns: 400 },
    );
  });
  it('a repaired board with only known kinds and keys passes strict validation (what the CLI runs)', () => {
    fc.assert(
      fc.property(messyBoardArb, (raw) => {
        const r = parseBoardValue(raw);
        if (!r.ok) return;
        const again = parseBoardValue(JSON.parse(serializeBoard(r.board)));
        const strict = validateBoardForRun(JSON.parse(serializeBoard(r.board)));
        expect(strict.ok).toBe(again.ok && again.repairs.length === 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parse(serialize(b)) equals b for valid boards', () => {
  it('boards of known kinds: equal, nothing reported, strict accepts them', () => {
    fc.assert(
      fc.property(validBoardArb(), (b) => {
        const r = parseBoardText(serializeBoard(b));
        expect(loaded(r)).toEqual(b);
        expect(r.ok && r.repairs).toEqual([]);
        expect(validateBoardForRun(JSON.parse(serializeBoard(b))).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('#6 with unknown kinds: every id, kind and config value survives the round trip', () => {
    fc.assert(
      fc.property(validBoardArb({ withUnknown: true }), (b) => {
        const r = parseBoardText(serializeBoard(b));
        expect(loaded(r)).toEqual(b);
        if (r.ok) expect(r.repairs.every(isKeptNote)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('load + serializeBoard is canonical: the same board gives the same text, whatever the key order', () => {
    fc.assert(
      fc.property(validBoardArb({ maxNodes: 4 }), (b) => {
        const reversed = JSON.stringify(
          JSON.parse(JSON.stringify(b), (_k, v: unknown) =>
            v && typeof v === 'object' && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).reverse())
              : v,
          ),
        );
        expect(serializeBoard(loaded(parseBoardText(reversed)))).toBe(serializeBoard(b));
      }),
      { numRuns: 100 },
    );
  });
});

/** Counterexamples fast-check found against the loader as first written; fixed in parseBoard.ts. */
describe('pinned counterexamples', () => {
  const long = 'x'.repeat(MAX_ID_CHARS);
  it.each([
    [
      'duplicate 64-character ids (rename went past MAX_ID_CHARS)',
      {
        format: 'faultline/design',
        version: 0,
        nodes: [
          { id: long, kind: ' ' },
          { id: long, kind: ' ' },
        ],
      },
    ],
    [
      '-0 coordinate (saved as 0, so load → save → load changed it)',
      { format: 'faultline/design', version: 0, nodes: [{ kind: ' ', position: { x: false, y: -0 } }] },
    ],
    [
      'NUL in a kind (kept by the loader)',
      { format: 'faultline/design', version: 1, nodes: [{ id: 'a', kind: 'que\u0000ue' }] },
    ],
  ])('%s', (_name, raw) => {
    const b = loaded(parseBoardValue(raw));
    expectWellFormed(b);
    const again = parseBoardText(serializeBoard(b));
    expect(loaded(again)).toEqual(b);
    expect(again.ok && again.repairs.filter((n) => !isKeptNote(n))).toEqual([]);
  });
});
