// @vitest-environment node
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BOARD_VERSION,
  MIGRATIONS,
  migrateDocument,
  MigrationError,
  parseBoardText,
  parseBoardValue,
} from '../../src/domain';

/**
 * Every migration's own cases (docs/reliability.md #4). The meta-test below fails when a migration is
 * added to MIGRATIONS without an entry here — after tldraw's migrations.test.ts.
 */
const MIGRATION_CASES: Record<
  number,
  { name: string; input: Record<string, unknown>; expected: Record<string, unknown> }[]
> = {
  0: [
    {
      name: 'renames type/x/y to kind/position and from/to to source/target',
      input: {
        format: 'faultline/design',
        version: 0,
        title: 'proto',
        nodes: [{ id: 'q1', type: 'queue', label: 'events', x: 10, y: 20, config: { orderedByKey: false } }],
        edges: [{ id: 'e1', from: 'p1', to: 'q1', label: 'usage' }],
      },
      expected: {
        format: 'faultline/design',
        version: 1,
        title: 'proto',
        nodes: [
          {
            id: 'q1',
            kind: 'queue',
            label: 'events',
            position: { x: 10, y: 20 },
            config: { orderedByKey: false },
          },
        ],
        edges: [{ id: 'e1', source: 'p1', target: 'q1', label: 'usage' }],
      },
    },
    {
      name: 'prefers fields already in the new shape',
      input: {
        format: 'faultline/design',
        version: 0,
        nodes: [{ id: 'a', kind: 'worker', type: 'queue', position: { x: 1, y: 2 }, x: 9, y: 9 }],
        edges: [{ id: 'e', source: 'a', from: 'b', target: 'a' }],
      },
      expected: {
        format: 'faultline/design',
        version: 1,
        nodes: [{ id: 'a', kind: 'worker', position: { x: 1, y: 2 } }],
        edges: [{ id: 'e', source: 'a', target: 'a' }],
      },
    },
    {
      name: 'leaves non-object items and missing lists for the loader to report',
      input: { format: 'faultline/design', version: 0, nodes: ['junk', null], edges: 'nope' },
      expected: { format: 'faultline/design', version: 1, nodes: ['junk', null], edges: [] },
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('migrations meta-test', () => {
  it('every migration in MIGRATIONS has cases, and the chain reaches the current version', () => {
    const versions = Object.keys(MIGRATIONS)
      .map(Number)
      .sort((a, b) => a - b);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions)
      expect(MIGRATION_CASES[v]?.length ?? 0, `migration ${v} needs test cases`).toBeGreaterThan(0);
    // Append-only and gap-free: 0, 1, …, BOARD_VERSION - 1.
    expect(versions).toEqual(Array.from({ length: BOARD_VERSION }, (_, i) => i));
  });

  for (const [version, cases] of Object.entries(MIGRATION_CASES)) {
    for (const c of cases) {
      it(`migration ${version}: ${c.name} (input frozen, so any mutation throws)`, () => {
        const before = structuredClone(c.input);
        const out = MIGRATIONS[Number(version)]!(deepFreeze(structuredClone(c.input)));
        expect(out).toEqual(c.expected);
        expect(out.version).toBe(Number(version) + 1);
        expect(c.input).toEqual(before);
      });
    }
  }

  it('no migration mutates its input, whatever the input (property)', () => {
    for (const step of Object.values(MIGRATIONS)) {
      fc.assert(
        fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), (doc, nodes) => {
          const input = { ...doc, nodes, edges: nodes };
          const before = structuredClone(input);
          step(deepFreeze(input));
          expect(input).toEqual(before);
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('#4 a v0 board loads, migrated step by step', () => {
  it('loads the prototype format and reports migratedFrom', () => {
    const r = parseBoardText(JSON.stringify(MIGRATION_CASES[0]![0]!.input));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.migratedFrom).toBe(0);
    expect(r.board.version).toBe(BOARD_VERSION);
    expect(r.board.nodes[0]).toMatchObject({
      id: 'q1',
      kind: 'queue',
      position: { x: 10, y: 20 },
      config: { orderedByKey: false, visibilityTimeoutMs: 30000 },
    });
    // p1 does not exist: the migrated edge is dangling, dropped and reported like any other.
    expect(r.board.edges).toEqual([]);
    expect(r.repairs.map((n) => n.path)).toContain('edges.0.source');
  });
  it('migrateDocument runs nothing when the version is current', () => {
    const doc = deepFreeze({ version: BOARD_VERSION, nodes: [] });
    expect(migrateDocument(doc, BOARD_VERSION, BOARD_VERSION)).toBe(doc);
  });
});

describe('#5 a failing migration ⇒ migration-failed, input kept', () => {
  const original = MIGRATIONS[0]!;
  afterEach(() => {
    MIGRATIONS[0] = original;
  });

  it('reports the version and keeps the thrown error as the cause', () => {
    const boom = new TypeError('cannot read x of undefined');
    MIGRATIONS[0] = () => {
      throw boom;
    };
    const input = { format: 'faultline/design', version: 0, nodes: [] };
    const before = structuredClone(input);
    const r = parseBoardValue(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'migration-failed', fromVersion: 0, cause: boom });
    expect(r.error.message).toMatch(/from version 0: cannot read x of undefined/);
    expect(input).toEqual(before);
  });

  it('a missing migration step is a migration failure, not a guess', () => {
    delete MIGRATIONS[0];
    const r = parseBoardValue({ format: 'faultline/design', version: 0, nodes: [] });
    expect(!r.ok && r.error.code).toBe('migration-failed');
    expect(!r.ok && r.error.message).toMatch(/no migration from version 0/);
  });

  it('migrateDocument throws a MigrationError naming the step', () => {
    MIGRATIONS[0] = () => {
      throw new Error('nope');
    };
    expect(() => migrateDocument({}, 0, 1)).toThrow(MigrationError);
  });
});
