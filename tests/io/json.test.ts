// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmptyBoard, serializeBoard, type BoardLoadError } from '../../src/domain';
import { describeLoadError, describeLoadNote, exportBoardJson, importBoardFile } from '../../src/io/json';
import { validBoardArb } from '../domain/boardArbitraries';

describe('exportBoardJson / importBoardFile', () => {
  it('exports the canonical document and imports it back unchanged with an empty report', () => {
    fc.assert(
      fc.property(validBoardArb(), (b) => {
        const text = exportBoardJson(b);
        expect(text).toBe(serializeBoard(b));
        const r = importBoardFile(text);
        expect(r).toEqual({ ok: true, board: b, report: [] });
      }),
      { numRuns: 100 },
    );
  });
  it('reports repairs with paths', () => {
    const r = importBoardFile(
      JSON.stringify({
        format: 'faultline/design',
        version: 1,
        nodes: [{ id: 'a', kind: 'aggregator', config: { graceMs: -1 } }],
      }),
    );
    expect(r.ok && r.report.map(describeLoadNote)).toEqual([
      'nodes.0.position: expected {x, y}, found nothing — placed at 0, 0',
      'nodes.0.config.graceMs: expected a number ≥ 0 — reset to the default 0',
    ]);
  });
  it('#4 an older board is migrated and the report says so first', () => {
    const r = importBoardFile(
      JSON.stringify({
        format: 'faultline/design',
        version: 0,
        nodes: [{ id: 'q', type: 'queue', x: 1, y: 2 }],
      }),
    );
    expect(r.ok && r.report[0]).toEqual({
      path: 'version',
      problem: 'saved by an older version (0)',
      action: 'upgraded to version 1',
    });
    expect(r.ok && r.board.nodes[0]!.position).toEqual({ x: 1, y: 2 });
  });
  it.each([
    ['', 'not-a-board'],
    ['{', 'not-a-board'],
    ['null', 'not-a-board'],
    ['{"format":"faultline/design","version":7,"nodes":[]}', 'version-too-new'],
  ])('%j ⇒ %s', (text, code) => {
    const r = importBoardFile(text);
    expect(!r.ok && r.error.code).toBe(code);
  });
  it('never throws, and every failure has a message for the user (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const r = importBoardFile(text);
          if (!r.ok) expect(describeLoadError(r.error).length).toBeGreaterThan(20);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('keeps the cause of a JSON error (#1)', () => {
    const r = importBoardFile('{"format":');
    expect(!r.ok && r.error.code === 'not-a-board' && r.error.cause).toBeInstanceOf(SyntaxError);
  });
  it('an import result never shares objects with the caller’s open board', () => {
    const open = createEmptyBoard('open');
    const r = importBoardFile(exportBoardJson(open));
    expect(r.ok && r.board).not.toBe(open);
    expect(open.title).toBe('open');
  });
});

describe('describeLoadError says what and where, for every code', () => {
  const cases: [BoardLoadError, RegExp[]][] = [
    [
      { code: 'not-a-board', message: 'format: missing; expected "faultline/design".' },
      [/not a Faultline board/, /format: missing/],
    ],
    [
      { code: 'too-large', message: 'nodes: 30000 components; the limit is 20000.' },
      [/too large/, /nodes: 30000/],
    ],
    [
      { code: 'version-too-new', message: 'Update Faultline to open it.', version: 3 },
      [/newer Faultline/, /version 3/, /Nothing was changed/],
    ],
    [
      {
        code: 'migration-failed',
        message: 'could not migrate the board from version 0: boom',
        fromVersion: 0,
        cause: new Error('boom'),
      },
      [/older version \(0\)/, /boom/, /not changed/],
    ],
    [
      {
        code: 'invalid',
        message: '',
        issues: [{ path: 'nodes.3.config.graceMs', message: 'expected a number ≥ 0' }],
      },
      [/1 problem:/, /- nodes\.3\.config\.graceMs: expected a number ≥ 0/],
    ],
  ];
  it.each(cases)('%j', (error, patterns) => {
    const text = describeLoadError(error);
    for (const p of patterns) expect(text).toMatch(p);
  });
  it('lists at most ten issues and counts the rest', () => {
    const issues = Array.from({ length: 14 }, (_, i) => ({ path: `nodes.${i}.kind`, message: 'unknown' }));
    const text = describeLoadError({ code: 'invalid', message: '', issues });
    expect(text.split('\n')).toHaveLength(12);
    expect(text).toMatch(/…and 4 more\.$/);
  });
  it('covers every code of the union (a new code must get a message)', () => {
    const covered = new Set(cases.map(([e]) => e.code));
    const all: Record<BoardLoadError['code'], true> = {
      'not-a-board': true,
      'too-large': true,
      'version-too-new': true,
      'migration-failed': true,
      invalid: true,
    };
    expect([...covered].sort()).toEqual(Object.keys(all).sort());
  });
  it('still answers for a code from outside the types', () => {
    expect(describeLoadError({ code: 'weird' } as unknown as BoardLoadError)).toMatch(
      /could not be opened \(weird\)/,
    );
  });
});
