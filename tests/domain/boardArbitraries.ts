import fc from 'fast-check';
import {
  BOARD_FORMAT,
  BOARD_VERSION,
  CATALOG,
  COORD_LIMIT,
  FORBIDDEN_KEYS,
  MAX_ID_CHARS,
  MAX_LABEL_CHARS,
  type Board,
  type BoardEdge,
  type BoardNode,
  type Config,
  type ConfigField,
} from '../../src/domain';

/**
 * fast-check arbitraries shared by the domain and io property tests.
 * - `validBoardArb`: boards the loader accepts unchanged (a fixed point of load → save → load).
 * - `messyBoardArb`: board-shaped JSON with every kind of damage docs/reliability.md lists.
 */

// Characters the loader removes (C0 controls but tab/newline/CR, and DEL).
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Any Unicode text (RTL, emoji, lone surrogates) that the loader keeps as is: no controls, ≤ max units. */
export const cleanTextArb = (max: number, minLength = 0) =>
  fc
    .string({ unit: 'binary', maxLength: max })
    .map((s) => s.replace(CONTROLS, '').slice(0, max))
    .filter((s) => s.length >= minLength);

const idArb = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 12 })
  .map((s) => s.replace(CONTROLS, '').slice(0, MAX_ID_CHARS))
  .filter((s) => s.length > 0 && !FORBIDDEN_KEYS.has(s));

const fieldValueArb = (f: ConfigField): fc.Arbitrary<string | number | boolean> => {
  switch (f.type) {
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...f.options);
    case 'number':
      // fc.integer stops at 2^31; some fields (periods in ms) go far past it.
      return f.integer
        ? fc.oneof(
            fc.integer({ min: Math.max(f.min, -(2 ** 31)), max: Math.min(f.max, 2 ** 31 - 1) }),
            fc.double({ min: f.min, max: f.max, noNaN: true }).map((v) => Math.round(v) + 0),
            fc.constantFrom(f.min, f.max, f.default),
          )
        : fc.double({ min: f.min, max: f.max, noNaN: true }).map((v) => v + 0);
  }
};

/** A config with every field of a known kind at a valid value. */
const knownConfigArb = (kind: string): fc.Arbitrary<Config> => {
  const def = CATALOG.find((d) => d.kind === kind)!;
  return fc.record(Object.fromEntries(def.fields.map((f) => [f.key, fieldValueArb(f)])));
};

const extraKeyArb = fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !FORBIDDEN_KEYS.has(k));
const extraValueArb = fc.oneof(
  cleanTextArb(MAX_LABEL_CHARS),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
);

const coordArb = fc.double({ min: -COORD_LIMIT, max: COORD_LIMIT, noNaN: true }).map((v) => v + 0);

/** A node of a known kind (full valid config), or sometimes of an unknown kind with primitive config. */
const nodeArb = (id: string, withUnknown: boolean): fc.Arbitrary<BoardNode> => {
  const known = fc
    .constantFrom(...CATALOG.map((d) => d.kind))
    .chain((kind) => fc.record({ kind: fc.constant(kind), config: knownConfigArb(kind) }));
  const unknown = fc.record({
    kind: fc.constantFrom('legacy-cache', 'rate-limiter', 'x'),
    config: fc.dictionary(extraKeyArb, extraValueArb, { maxKeys: 3 }),
  });
  return fc
    .record({
      kc: withUnknown ? fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: unknown }) : known,
      label: cleanTextArb(MAX_LABEL_CHARS),
      x: coordArb,
      y: coordArb,
      notes: fc.option(cleanTextArb(300, 1), { nil: undefined }),
    })
    .map(({ kc, label, x, y, notes }) => ({
      id,
      kind: kc.kind,
      label,
      position: { x, y },
      config: kc.config,
      ...(notes !== undefined ? { notes } : {}),
    }));
};

/**
 * A board the loader must return exactly as given. With `withUnknown`, some nodes have kinds the
 * catalog does not know (kept as placeholders, so still a fixed point, but reported).
 */
export const validBoardArb = (opts: { maxNodes?: number; withUnknown?: boolean } = {}): fc.Arbitrary<Board> =>
  fc.uniqueArray(idArb, { maxLength: opts.maxNodes ?? 8 }).chain((ids) =>
    fc
      .record({
        title: cleanTextArb(MAX_LABEL_CHARS),
        scenario: fc.option(cleanTextArb(MAX_ID_CHARS, 1), { nil: undefined }),
        notes: fc.option(cleanTextArb(500, 1), { nil: undefined }),
        nodes: fc.tuple(...ids.map((id) => nodeArb(id, opts.withUnknown ?? false))),
        edges:
          ids.length === 0
            ? fc.constant([] as BoardEdge[])
            : fc
                .uniqueArray(
                  fc.record({
                    id: idArb,
                    source: fc.constantFrom(...ids),
                    target: fc.constantFrom(...ids),
                    label: fc.option(cleanTextArb(60, 1), { nil: undefined }),
                  }),
                  { selector: (e) => e.id, maxLength: 10 },
                )
                .map((es) => es.map(({ label, ...e }) => (label !== undefined ? { ...e, label } : e))),
      })
      .map(({ title, scenario, notes, nodes, edges }) => ({
        format: BOARD_FORMAT,
        version: BOARD_VERSION,
        title,
        ...(scenario !== undefined ? { scenario } : {}),
        nodes,
        edges,
        ...(notes !== undefined ? { notes } : {}),
      })),
  );

/** Numbers and number-likes that must never reach React Flow as they are. */
export const wildCoordArb = fc.oneof(
  fc.double(), // includes NaN, ±Infinity, -0, huge
  fc.constantFrom(1e15, -1e15, Number.MAX_VALUE, 1e308, Number.NaN, Infinity, -Infinity, -0),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('12', ' 7 ', '1e15', 'NaN', 'Infinity', '', 'abc', '0x10'),
  fc.constant(null),
  fc.boolean(),
);

/**
 * Board-shaped JSON with damage: duplicate ids, dangling edges, wild coordinates, long and
 * control-laden text, wrong types, unknown kinds and keys, `__proto__`/`constructor` keys.
 */
export const messyBoardArb: fc.Arbitrary<Record<string, unknown>> = (() => {
  const someIds = [
    'a',
    'b',
    'c',
    'a-1',
    '__proto__',
    'constructor',
    '',
    'x'.repeat(64),
    'x'.repeat(70),
    'i\u0000d',
  ];
  const idLike = fc.oneof(
    fc.constantFrom(...someIds),
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.constant(undefined),
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 190, maxLength: 260 }),
    fc.integer(),
    fc.constant(null),
    fc.jsonValue(),
  );
  const config = fc.oneof(
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'graceMs',
          'retries',
          'ack',
          'orderedByKey',
          'ttlMs',
          '__proto__',
          'constructor',
          'prototype',
        ),
        fc.string({ maxLength: 8 }),
      ),
      fc.jsonValue(),
      { maxKeys: 5 },
    ),
    fc.jsonValue(),
  );
  const node = fc.record(
    {
      id: idLike,
      kind: fc.oneof(
        fc.constantFrom(...CATALOG.map((d) => d.kind)),
        fc.string({ maxLength: 80 }),
        fc.constant(undefined),
        fc.integer(),
      ),
      label: text,
      position: fc.oneof(fc.record({ x: wildCoordArb, y: wildCoordArb }), fc.jsonValue()),
      config,
      notes: text,
    },
    { requiredKeys: [] },
  );
  const edge = fc.record({ id: idLike, source: idLike, target: idLike, label: text }, { requiredKeys: [] });
  return fc.record(
    {
      format: fc.constant(BOARD_FORMAT),
      version: fc.constantFrom(0, 1, 1),
      title: text,
      scenario: text,
      notes: text,
      nodes: fc.array(fc.oneof({ weight: 6, arbitrary: node }, { weight: 1, arbitrary: fc.jsonValue() }), {
        maxLength: 10,
      }),
      edges: fc.array(fc.oneof({ weight: 6, arbitrary: edge }, { weight: 1, arbitrary: fc.jsonValue() }), {
        maxLength: 12,
      }),
    },
    { requiredKeys: ['format', 'version', 'nodes'] },
  );
})();
