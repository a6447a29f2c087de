// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  COORD_LIMIT,
  MAX_EDGES,
  MAX_FILE_BYTES,
  MAX_ID_CHARS,
  MAX_LABEL_CHARS,
  MAX_NODES,
  MAX_NOTES_CHARS,
  parseBoardText,
  parseBoardValue,
  serializeBoard,
  validateBoardForRun,
  type Board,
  type BoardLoadError,
  type BoardLoadResult,
} from '../../src/domain';

/** A minimal valid document with the given nodes and edges. */
const doc = (parts: { nodes?: unknown[]; edges?: unknown[]; [k: string]: unknown } = {}) => ({
  format: 'faultline/design',
  version: 1,
  title: 'T',
  nodes: [],
  edges: [],
  ...parts,
});
const node = (id: string, kind = 'queue', extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  label: id,
  position: { x: 0, y: 0 },
  config: {},
  ...extra,
});

function expectOk(
  r: BoardLoadResult,
): Board & { repairs: { path: string; problem: string; action: string }[] } {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return Object.assign(r.board, { repairs: r.repairs });
}
function expectError(r: BoardLoadResult, code: BoardLoadError['code']): BoardLoadError {
  if (r.ok) throw new Error(`expected ${code}, got ok`);
  expect(r.error.code).toBe(code);
  return r.error;
}
const paths = (b: { repairs: { path: string }[] }) => b.repairs.map((r) => r.path);

describe('#1 empty, truncated, non-JSON or binary text ⇒ not-a-board', () => {
  it.each([
    ['empty', ''],
    ['only whitespace', '  \n\t '],
    ['only a BOM', '\uFEFF'],
  ])('%s', (_name, text) => {
    expect(expectError(parseBoardText(text), 'not-a-board').message).toMatch(/empty/);
  });

  it.each([
    [
      'truncated',
      serializeBoard({ format: 'faultline/design', version: 1, title: 'x', nodes: [], edges: [] }).slice(
        0,
        40,
      ),
    ],
    ['not JSON', 'hello, world'],
    ['binary (PNG header)', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'],
    ['NUL bytes', '\u0000\u0000\u0000'],
    ['a JSON prefix', '{"format": "faultline/design",'],
  ])('%s keeps the JSON error as the cause', (_name, text) => {
    const r = parseBoardText(text);
    const e = expectError(r, 'not-a-board');
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.code === 'not-a-board' && e.cause).toBeInstanceOf(SyntaxError);
  });

  it('accepts a board that starts with a byte-order mark', () => {
    expectOk(parseBoardText(`\uFEFF${JSON.stringify(doc())}`));
  });
});

describe('#2 JSON of the wrong shape ⇒ not-a-board naming what is wrong', () => {
  it.each([
    ['null', null, /found null/],
    ['an array', [doc()], /found a list/],
    ['a number', 42, /found the number 42/],
    ['a string', 'faultline/design', /found "faultline\/design"/],
    ['missing format', { version: 1, nodes: [] }, /format: missing/],
    [
      'wrong format',
      { format: 'excalidraw', version: 1, nodes: [] },
      /format: expected "faultline\/design", found "excalidraw"/,
    ],
    [
      'missing version',
      { format: 'faultline/design', nodes: [] },
      /version: expected a whole number, found nothing/,
    ],
    ['fractional version', { format: 'faultline/design', version: 0.5, nodes: [] }, /version/],
    ['negative version', { format: 'faultline/design', version: -1, nodes: [] }, /version/],
    ['string version', { format: 'faultline/design', version: '1', nodes: [] }, /version/],
    ['nodes not a list', { format: 'faultline/design', version: 1, nodes: {} }, /nodes: expected a list/],
    [
      'edges not a list',
      { format: 'faultline/design', version: 1, nodes: [], edges: 'e1' },
      /edges: expected a list/,
    ],
  ])('%s', (_name, value, message) => {
    expect(expectError(parseBoardValue(value), 'not-a-board').message).toMatch(message);
    expect(expectError(parseBoardText(JSON.stringify(value)), 'not-a-board').message).toMatch(message);
  });
});

describe('#3 a board from a newer version ⇒ version-too-new', () => {
  it('refuses it, naming both versions, without migrating anything', () => {
    const e = expectError(parseBoardValue({ ...doc(), version: 2 }), 'version-too-new');
    expect(e.code === 'version-too-new' && e.version).toBe(2);
    expect(e.message).toMatch(/version 2.*up to version 1/);
  });
  it('refuses an absurdly large version too', () => {
    expectError(
      parseBoardText('{"format":"faultline/design","version":1e300,"nodes":[]}'),
      'version-too-new',
    );
  });
});

describe('#6 unknown kinds and unknown config keys are kept and reported', () => {
  it('keeps an unknown kind as a placeholder with its config, and saves it back', () => {
    const input = doc({
      nodes: [node('r1', 'rate-limiter', { config: { burst: 10, mode: 'token', strict: true } })],
    });
    const b = expectOk(parseBoardValue(input));
    expect(b.nodes[0]).toMatchObject({
      id: 'r1',
      kind: 'rate-limiter',
      config: { burst: 10, mode: 'token', strict: true },
    });
    expect(b.repairs).toContainEqual(
      expect.objectContaining({ path: 'nodes.0.kind', action: 'kept as an unsupported placeholder' }),
    );
    const again = expectOk(parseBoardText(serializeBoard(b)));
    expect(again.nodes[0]).toEqual(b.nodes[0]);
  });
  it('keeps an unknown config key of a known kind; drops one with an object value', () => {
    const b = expectOk(
      parseBoardValue(
        doc({ nodes: [node('q1', 'queue', { config: { partitions: 12, nested: { a: 1 } } })] }),
      ),
    );
    expect(b.nodes[0]!.config).toEqual({
      orderedByKey: true,
      visibilityTimeoutMs: 30000,
      maxReceives: 5,
      delivery: 'broadcast',
      partitions: 12,
    });
    expect(b.repairs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes.0.config.partitions', action: 'kept as is' }),
        expect.objectContaining({ path: 'nodes.0.config.nested', action: 'dropped' }),
      ]),
    );
  });
  it('fills missing config with the naive defaults, silently', () => {
    const b = expectOk(parseBoardValue(doc({ nodes: [node('a1', 'aggregator')] })));
    expect(b.nodes[0]!.config).toEqual({ windowMs: 60000, graceMs: 0, latePolicy: 'drop' });
    expect(b.repairs).toEqual([]);
  });
  it('resets an invalid config value to its default, naming the path', () => {
    const b = expectOk(
      parseBoardValue(
        doc({ nodes: [node('a1', 'aggregator', { config: { graceMs: -5, latePolicy: 'shrug' } })] }),
      ),
    );
    expect(b.nodes[0]!.config).toMatchObject({ graceMs: 0, latePolicy: 'drop' });
    expect(b.repairs).toEqual(
      expect.arrayContaining([
        {
          path: 'nodes.0.config.graceMs',
          problem: 'expected a number ≥ 0',
          action: 'reset to the default 0',
        },
        expect.objectContaining({
          path: 'nodes.0.config.latePolicy',
          problem: 'expected one of drop, correction-log',
        }),
      ]),
    );
  });
  it('drops a component without a kind and the connections to it, reporting both', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [node('a'), { id: 'b', label: 'no kind' }],
          edges: [{ id: 'e1', source: 'a', target: 'b' }],
        }),
      ),
    );
    expect(b.nodes.map((n) => n.id)).toEqual(['a']);
    expect(b.edges).toEqual([]);
    expect(paths(b)).toEqual(expect.arrayContaining(['nodes.1.kind', 'edges.0.target']));
  });
});

describe('#7 duplicate ids are renamed, unique, reported', () => {
  it('renames later duplicates; edges keep pointing at the first', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [node('q1'), node('q1', 'worker'), node('q1', 'ledger')],
          edges: [
            { id: 'e', source: 'q1', target: 'q1' },
            { id: 'e', source: 'q1', target: 'q1' },
          ],
        }),
      ),
    );
    const ids = b.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe('q1');
    expect(b.nodes.map((n) => n.kind)).toEqual(['queue', 'worker', 'ledger']);
    expect(new Set(b.edges.map((e) => e.id)).size).toBe(2);
    expect(b.repairs.filter((r) => /duplicate id/.test(r.problem)).map((r) => r.path)).toEqual([
      'nodes.1.id',
      'nodes.2.id',
      'edges.1.id',
    ]);
  });
  it('a renamed id is unique even when its natural rename is taken', () => {
    const b = expectOk(parseBoardValue(doc({ nodes: [node('a'), node('a-3'), node('a'), node('a')] })));
    expect(new Set(b.nodes.map((n) => n.id)).size).toBe(4);
  });
  it('regression: renaming a 64-character duplicate id stays within the id limit and loads unchanged again', () => {
    const long = 'x'.repeat(MAX_ID_CHARS);
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [node(long), node(long)],
          edges: [
            { id: long, source: long, target: long },
            { id: long, source: long, target: long },
          ],
        }),
      ),
    );
    for (const item of [...b.nodes, ...b.edges]) expect(item.id.length).toBeLessThanOrEqual(MAX_ID_CHARS);
    const again = expectOk(parseBoardText(serializeBoard(b)));
    expect(again.repairs).toEqual([]);
    expect(validateBoardForRun(JSON.parse(serializeBoard(b))).ok).toBe(true);
  });
  it('connections follow a component whose id was replaced (reserved, control characters, too long)', () => {
    const long = 'L'.repeat(MAX_ID_CHARS + 6);
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [node('__proto__'), node('i\u0000d'), node(long), node('z')],
          edges: [
            { id: 'e1', source: '__proto__', target: 'i\u0000d' },
            { id: 'e2', source: long, target: 'z' },
          ],
        }),
      ),
    );
    const [proto, ctl, longNode] = b.nodes;
    expect(b.edges).toEqual([
      { id: 'e1', source: proto!.id, target: ctl!.id },
      { id: 'e2', source: longNode!.id, target: 'z' },
    ]);
    expect(ctl!.id).toBe('id');
    expect(longNode!.id).toBe('L'.repeat(MAX_ID_CHARS));
  });
  it('a fresh id never takes an id written later, so connections to that one stay right', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [{ kind: 'queue' }, node('n1', 'worker')],
          edges: [{ id: 'e1', source: 'n1', target: 'n1' }],
        }),
      ),
    );
    expect(b.nodes.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(b.edges[0]).toMatchObject({ source: 'n1', target: 'n1' });
    expect(b.nodes.find((n) => n.id === 'n1')!.kind).toBe('worker');
  });
  it('gives missing and reserved ids a fresh one', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [
            { ...node('x'), id: undefined },
            node('__proto__'),
            node('constructor'),
            { ...node('y'), id: 7 },
          ],
        }),
      ),
    );
    expect(b.nodes.every((n) => /^n\d+$/.test(n.id))).toBe(true);
    expect(new Set(b.nodes.map((n) => n.id)).size).toBe(4);
  });
});

describe('#8 edges to missing components are dropped and listed', () => {
  it('drops dangling and malformed connections with a path for each', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          nodes: [node('a'), node('b')],
          edges: [
            { id: 'ok', source: 'a', target: 'b' },
            { id: 'gone', source: 'a', target: 'zzz' },
            { id: 'nosrc', target: 'b' },
            'e-as-string',
            { id: 'num', source: 1, target: 'b' },
          ],
        }),
      ),
    );
    expect(b.edges).toEqual([{ id: 'ok', source: 'a', target: 'b' }]);
    expect(b.repairs).toEqual(
      expect.arrayContaining([
        { path: 'edges.1.target', problem: 'no component with id "zzz"', action: 'dropped the connection' },
        { path: 'edges.2.source', problem: 'missing source', action: 'dropped the connection' },
        expect.objectContaining({ path: 'edges.3', action: 'dropped' }),
        expect.objectContaining({ path: 'edges.4.source' }),
      ]),
    );
  });
});

describe('#9 coordinates: non-finite, huge and strings are clamped or coerced', () => {
  it.each([
    ['NaN (from a value)', Number.NaN, 0],
    ['Infinity', Infinity, 0],
    ['-Infinity', -Infinity, 0],
    ['1e15', 1e15, COORD_LIMIT],
    ['-1e15', -1e15, -COORD_LIMIT],
    ['a numeric string', '120.5', 120.5],
    ['a numeric string past the limit', '1e15', COORD_LIMIT],
    ['a non-numeric string', 'left', 0],
    ['an empty string', '', 0],
    ['null', null, 0],
    ['-0', -0, 0],
  ])('%s', (_name, x, expected) => {
    const b = expectOk(parseBoardValue(doc({ nodes: [node('a', 'queue', { position: { x, y: 5 } })] })));
    expect(Object.is(b.nodes[0]!.position.x, expected)).toBe(true);
    expect(b.nodes[0]!.position.y).toBe(5);
    if (!Object.is(x, -0)) expect(paths(b)).toContain('nodes.0.position.x');
  });
  it('1e999 in JSON text parses as Infinity and is set to 0', () => {
    const b = expectOk(
      parseBoardText(
        '{"format":"faultline/design","version":1,"nodes":[{"id":"a","kind":"queue","position":{"x":1e999,"y":-1e999}}]}',
      ),
    );
    expect(b.nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });
  it('a missing or malformed position becomes 0, 0', () => {
    const b = expectOk(
      parseBoardValue(doc({ nodes: [{ id: 'a', kind: 'queue' }, node('b', 'queue', { position: [1, 2] })] })),
    );
    expect(b.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 0 },
    ]);
    expect(paths(b)).toEqual(expect.arrayContaining(['nodes.0.position', 'nodes.1.position']));
  });
  it('numeric strings in number config fields are read as numbers', () => {
    const b = expectOk(
      parseBoardValue(
        doc({ nodes: [node('a', 'aggregator', { config: { graceMs: '5000', windowMs: 'soon' } })] }),
      ),
    );
    expect(b.nodes[0]!.config).toMatchObject({ graceMs: 5000, windowMs: 60000 });
  });
});

describe('#10 __proto__ and constructor keys are ignored; Object.prototype untouched', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });
  it('parses JSON text with __proto__ in the document, a node and its config', () => {
    const text = `{
      "format": "faultline/design", "version": 1, "title": "p",
      "__proto__": { "polluted": true },
      "constructor": { "prototype": { "polluted": true } },
      "nodes": [
        { "id": "a", "kind": "queue", "label": "q", "position": { "x": 1, "y": 2, "__proto__": { "polluted": true } },
          "__proto__": { "polluted": true },
          "config": { "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, "prototype": 1, "orderedByKey": false } },
        { "id": "__proto__", "kind": "worker", "config": { "constructor": "x" } }
      ],
      "edges": [ { "id": "__proto__", "source": "a", "target": "a", "__proto__": { "polluted": true } } ]
    }`;
    const b = expectOk(parseBoardText(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const config = b.nodes[0]!.config;
    expect(config).toEqual({
      orderedByKey: false,
      visibilityTimeoutMs: 30000,
      maxReceives: 5,
      delivery: 'broadcast',
    });
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.keys(config)).not.toContain('__proto__');
    expect(Object.keys(b.nodes[1]!.config)).not.toContain('constructor');
    expect(b.nodes[1]!.id).not.toBe('__proto__');
    expect(b.edges[0]!.id).not.toBe('__proto__');
    expect(b.repairs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes.0.config.__proto__', action: 'ignored' }),
        expect.objectContaining({ path: 'nodes.0.config.constructor', action: 'ignored' }),
        expect.objectContaining({ path: 'nodes.1.id' }),
      ]),
    );
    // Saving the loaded board writes none of them back.
    expect(serializeBoard(b)).not.toMatch(/__proto__|constructor|polluted/);
  });
});

describe('#11 huge boards are refused with the limit named', () => {
  it('checks the size before parsing', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const e = expectError(parseBoardText(' '.repeat(MAX_FILE_BYTES + 1)), 'too-large');
      expect(e.message).toMatch(/limited to 8 MB/);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
  it('refuses too many components', () => {
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => ({ id: `n${i}`, kind: 'queue' }));
    expect(expectError(parseBoardValue(doc({ nodes })), 'too-large').message).toMatch(
      `nodes: ${MAX_NODES + 1} components; the limit is ${MAX_NODES}`,
    );
  });
  it('refuses too many connections', () => {
    const edges = Array.from({ length: MAX_EDGES + 1 }, (_, i) => ({
      id: `e${i}`,
      source: 'a',
      target: 'a',
    }));
    expect(expectError(parseBoardValue(doc({ nodes: [node('a')], edges })), 'too-large').message).toMatch(
      `the limit is ${MAX_EDGES}`,
    );
  });
  it.each([
    ['missing ids', () => ({ kind: 'queue' })],
    ['one id repeated', () => ({ id: 'same', kind: 'queue' })],
  ])(
    'regression: %s on every one of MAX_NODES components load in linear time (was 12–30 s)',
    (_name, make) => {
      const start = performance.now();
      const b = expectOk(
        parseBoardValue(
          doc({
            nodes: Array.from({ length: MAX_NODES }, make),
            edges: Array.from({ length: MAX_NODES }, () => ({ source: 'same', target: 'same' })),
          }),
        ),
      );
      expect(performance.now() - start).toBeLessThan(3000);
      expect(new Set(b.nodes.map((n) => n.id)).size).toBe(MAX_NODES);
    },
  );
  it('accepts a board right at the node limit', () => {
    const nodes = Array.from({ length: MAX_NODES }, (_, i) => ({
      id: `n${i}`,
      kind: 'queue',
      position: { x: i, y: 0 },
    }));
    expect(expectOk(parseBoardValue(doc({ nodes }))).nodes).toHaveLength(MAX_NODES);
  });
});

describe('#12 long, RTL, emoji and NUL text is capped and cleaned', () => {
  it('caps labels, titles and notes, reporting each', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          title: 't'.repeat(1000),
          notes: 'n'.repeat(MAX_NOTES_CHARS + 5),
          nodes: [node('a', 'queue', { label: 'l'.repeat(10_000), notes: 'm'.repeat(MAX_NOTES_CHARS + 1) })],
        }),
      ),
    );
    expect(b.title).toHaveLength(MAX_LABEL_CHARS);
    expect(b.notes).toHaveLength(MAX_NOTES_CHARS);
    expect(b.nodes[0]!.label).toHaveLength(MAX_LABEL_CHARS);
    expect(b.nodes[0]!.notes).toHaveLength(MAX_NOTES_CHARS);
    expect(paths(b)).toEqual(expect.arrayContaining(['title', 'notes', 'nodes.0.label', 'nodes.0.notes']));
  });
  it('never cuts an emoji in half', () => {
    const label = `${'a'.repeat(MAX_LABEL_CHARS - 1)}😀tail`;
    const b = expectOk(parseBoardValue(doc({ nodes: [node('a', 'queue', { label })] })));
    expect(b.nodes[0]!.label).toBe('a'.repeat(MAX_LABEL_CHARS - 1));
    expect(b.nodes[0]!.label).not.toMatch(/[\uD800-\uDBFF]$/);
  });
  it('keeps RTL, emoji and combining text as typed', () => {
    const label = 'مرحبا 👩🏽‍💻 שלום e\u0301 \u202Eevil';
    expect(expectOk(parseBoardValue(doc({ nodes: [node('a', 'queue', { label })] }))).nodes[0]!.label).toBe(
      label,
    );
  });
  it('removes NUL and other control characters from text, ids and kinds; keeps tabs and newlines', () => {
    const b = expectOk(
      parseBoardValue(
        doc({
          title: 'a\u0000b',
          nodes: [node('i\u0000d', 'que\u0000ue', { label: 'x\u0000\u0007y\tz\nw' })],
          edges: [{ id: 'e\u0001', source: 'id', target: 'id', label: '\u0000' }],
        }),
      ),
    );
    expect(b.title).toBe('ab');
    expect(b.nodes[0]).toMatchObject({ id: 'id', kind: 'queue', label: 'xy\tz\nw' });
    expect(b.edges[0]!.id).toBe('e');
    expect(b.edges[0]!.label).toBeUndefined();
    expect(paths(b)).toEqual(
      expect.arrayContaining(['title', 'nodes.0.id', 'nodes.0.kind', 'nodes.0.label']),
    );
  });
});

describe('strict mode (running) refuses what repair mode would fix, naming each path', () => {
  it('names nodes.0.config.graceMs', () => {
    const e = expectError(
      validateBoardForRun(doc({ nodes: [node('a', 'aggregator', { config: { graceMs: -1 } })] })),
      'invalid',
    );
    expect(e.code === 'invalid' && e.issues).toEqual([
      { path: 'nodes.0.config.graceMs', message: 'expected a number ≥ 0' },
    ]);
    expect(e.message).toBe('nodes.0.config.graceMs: expected a number ≥ 0');
  });
  it('refuses unknown kinds, unknown keys, duplicates, dangling edges and bad coordinates', () => {
    const e = expectError(
      parseBoardValue(
        doc({
          nodes: [
            node('a', 'mystery'),
            node('b', 'queue', { config: { extra: 1 } }),
            node('b'),
            node('c', 'queue', { position: { x: Infinity, y: 0 } }),
          ],
          edges: [{ id: 'e1', source: 'a', target: 'nope' }],
        }),
        'strict',
      ),
      'invalid',
    );
    expect(e.code === 'invalid' && e.issues.map((i) => i.path)).toEqual([
      'nodes.0.kind',
      'nodes.1.config.extra',
      'nodes.2.id',
      'nodes.3.position.x',
      'edges.0.target',
    ]);
  });
  it('accepts a valid board as given, defaults filled', () => {
    const b = expectOk(validateBoardForRun(doc({ nodes: [node('q', 'queue')] })));
    expect(b.nodes[0]!.config).toEqual({
      orderedByKey: true,
      visibilityTimeoutMs: 30000,
      maxReceives: 5,
      delivery: 'broadcast',
    });
  });
  it('refuses a board that is not a board with the same errors as repair mode', () => {
    expectError(validateBoardForRun(null), 'not-a-board');
    expectError(validateBoardForRun({ ...doc(), version: 9 }), 'version-too-new');
  });
});

describe('a loader bug never escapes: parseBoardValue reports instead of throwing', () => {
  it('turns a throwing getter into not-a-board with the cause', () => {
    const evil = doc();
    Object.defineProperty(evil, 'nodes', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    const e = expectError(parseBoardValue(evil), 'not-a-board');
    expect(e.code === 'not-a-board' && (e.cause as Error).message).toBe('boom');
  });
});
