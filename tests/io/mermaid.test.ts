// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COORD_LIMIT, createEmptyBoard, type Board } from '../../src/domain';
import { boardToMermaid, MERMAID_LAYOUT, mermaidToBoard } from '../../src/io/mermaid';
import type { ImportResult } from '../../src/io/json';
import { validBoardArb } from '../domain/boardArbitraries';

const XSS = '<script>alert("x")</script>';

function sample(): Board {
  const b = createEmptyBoard('Metering "pipeline"');
  b.nodes.push(
    { id: 'p1', kind: 'producer', label: 'usage events', position: { x: 0, y: 0 }, config: {} },
    { id: 'q1', kind: 'queue', label: XSS, position: { x: 200, y: 0 }, config: {} },
    {
      id: 'd1',
      kind: 'database',
      label: 'a | b [c] {d} #quot; %% end',
      position: { x: 400, y: 0 },
      config: {},
    },
    { id: 'x1', kind: 'rate-limiter', label: 'two\nlines', position: { x: 600, y: 0 }, config: { burst: 5 } },
  );
  b.edges.push(
    { id: 'e1', source: 'p1', target: 'q1', label: 'usage|"quoted"' },
    { id: 'e2', source: 'q1', target: 'd1' },
    { id: 'e3', source: 'd1', target: 'x1', label: 'end' },
  );
  return b;
}

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}

// What a line of our export may look like: a header, a meta comment, a node, an edge or a classDef.
const EXPORT_LINE = [
  /^flowchart LR$/,
  /^ {2}%% faultline:(board|node n\d+|edge \d+) \{[^\n%#<>&`]*\}$/,
  /^ {2}n\d+(\(\[|\[|\[\(|\[\[|\{\{|\(|>)"[^"\n]*"(\]\)|\]|\)\]|\]\]|\}\}|\)):::[a-z]+$/,
  /^ {2}n\d+ -->(\|"[^"\n|]*"\|)? n\d+$/,
  /^ {2}classDef [a-z]+ [a-z0-9:#,.\- ]+$/,
];

describe('boardToMermaid', () => {
  it('writes a flowchart with safe ids, a shape per category, labels as entities and edge labels', () => {
    const text = boardToMermaid(sample());
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(text).toContain('n0(["usage events"]):::ingest');
    expect(text).toContain('n1(["#60;script#62;alert#40;#34;x#34;#41;#60;/script#62;"]):::ingest');
    expect(text).toContain('n2[("a #124; b #91;c#93; #123;d#125; #35;quot#59; #37;#37; end")]:::storage');
    expect(text).toContain('n3>"two<br>lines"]:::unsupported');
    expect(text).toContain('n0 -->|"usage#124;#34;quoted#34;"| n1');
    expect(text).toContain('n1 --> n2');
    expect(text).toContain('%% faultline:node n3 {"id":"x1","kind":"rate-limiter"}');
    for (const line of lines)
      expect(
        EXPORT_LINE.some((re) => re.test(line)),
        line,
      ).toBe(true);
    expect(text).not.toContain('<script');
  });
  it('every line of the export is well formed, whatever the labels, ids and kinds (property)', () => {
    fc.assert(
      fc.property(validBoardArb({ withUnknown: true }), (b) => {
        for (const line of boardToMermaid(b).trimEnd().split('\n')) {
          expect(
            EXPORT_LINE.some((re) => re.test(line)),
            line,
          ).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('skips an edge whose end is missing (a board built by hand), keeping edge comments in step', () => {
    const b = sample();
    b.edges.unshift({ id: 'dangling', source: 'p1', target: 'nowhere' });
    const back = ok(mermaidToBoard(boardToMermaid(b))).board;
    expect(back.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });
  it('an empty board is a valid empty flowchart', () => {
    const text = boardToMermaid(createEmptyBoard('Empty'));
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(ok(mermaidToBoard(text)).board).toMatchObject({ title: 'Empty', nodes: [], edges: [] });
  });
});

describe('mermaidToBoard(boardToMermaid(b)) keeps ids and their order, kinds, labels and edges', () => {
  it('for the sample board', () => {
    const b = sample();
    const back = ok(mermaidToBoard(boardToMermaid(b))).board;
    expect(back.title).toBe(b.title);
    expect(back.nodes.map(({ id, kind, label }) => ({ id, kind, label }))).toEqual(
      b.nodes.map(({ id, kind, label }) => ({ id, kind, label })),
    );
    expect(back.edges).toEqual(b.edges);
  });
  it('for any valid board (property)', () => {
    fc.assert(
      fc.property(validBoardArb({ withUnknown: true }), (b) => {
        const r = ok(mermaidToBoard(boardToMermaid(b)));
        expect(r.board.title).toBe(b.title);
        expect(r.board.scenario).toBe(b.scenario);
        expect(r.board.nodes.map(({ id, kind, label }) => ({ id, kind, label }))).toEqual(
          b.nodes.map(({ id, kind, label }) => ({ id, kind, label })),
        );
        expect(r.board.edges).toEqual(b.edges);
        // Only the loader's "kept" notes for unknown kinds: nothing was guessed.
        expect(r.report.filter((n) => n.path.startsWith('line'))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('mermaidToBoard reads simple hand-written charts', () => {
  it('A --> B, labels, shapes, chains, & and ;', () => {
    const r = ok(
      mermaidToBoard(
        [
          'graph TD',
          '  P[Producer] --> Q[(Queue)]',
          '  Q -->|raw events| W(Worker) --> L[[Ledger]]',
          '  W -- "writes" --> D[(usage db)]',
          '  D & L -.-> R{{Reconciler}}; R ==> X',
          '  %% D kind: database',
          '  X[email]',
          '  %% kind: notification',
        ].join('\n'),
      ),
    );
    const kinds = Object.fromEntries(r.board.nodes.map((n) => [n.id, n.kind]));
    expect(kinds).toEqual({
      P: 'producer',
      Q: 'queue',
      W: 'worker',
      L: 'ledger',
      D: 'database',
      R: 'reconciler',
      X: 'notification',
    });
    expect(r.board.nodes.find((n) => n.id === 'X')!.label).toBe('email');
    expect(r.board.edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['P', 'Q', undefined],
      ['Q', 'W', 'raw events'],
      ['W', 'L', undefined],
      ['W', 'D', 'writes'],
      ['D', 'R', undefined],
      ['L', 'R', undefined],
      ['R', 'X', undefined],
    ]);
    expect(new Set(r.board.edges.map((e) => e.id)).size).toBe(7);
    expect(r.report).toEqual([]);
  });
  it('a label or id that names a kind ("Queue", "queue", "Dead-letter queue") sets the kind', () => {
    const r = ok(mermaidToBoard('flowchart LR\n a[queue] --> b[Dead-letter queue]\n Cache --> b'));
    expect(r.board.nodes.map((n) => n.kind)).toEqual(['queue', 'dead-letter-queue', 'cache']);
  });
  it('an unknown component becomes a worker and is reported; a %% kind comment keeps an unknown kind', () => {
    const r = ok(
      mermaidToBoard('flowchart LR\n A[Billing service] --> B[Rate limiter]\n %% B kind: rate-limiter'),
    );
    expect(r.board.nodes.map((n) => n.kind)).toEqual(['worker', 'rate-limiter']);
    expect(r.report).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'line 2', problem: 'no component kind given for "A"' }),
        expect.objectContaining({ path: 'nodes.1.kind', action: 'kept as an unsupported placeholder' }),
      ]),
    );
  });
  it('lays components out on a grid by depth', () => {
    const r = ok(mermaidToBoard('flowchart LR\n a[Producer] --> b[Queue] --> c[Worker]\n a --> d[Ledger]'));
    const at = Object.fromEntries(r.board.nodes.map((n) => [n.id, n.position]));
    expect(at).toEqual({
      a: { x: 0, y: 0 },
      b: { x: MERMAID_LAYOUT.columnPx, y: 0 },
      c: { x: 2 * MERMAID_LAYOUT.columnPx, y: 0 },
      d: { x: MERMAID_LAYOUT.columnPx, y: MERMAID_LAYOUT.rowPx },
    });
  });
  it('a cycle is still laid out', () => {
    const r = ok(mermaidToBoard('flowchart LR\n a[Worker] --> b[Queue] --> a'));
    expect(r.board.nodes.map((n) => n.position.x)).toEqual([0, MERMAID_LAYOUT.columnPx]);
  });
  it('reads a subgraph as a frame; skips lines it cannot read and clicks, reporting each', () => {
    const r = ok(
      mermaidToBoard(
        'flowchart LR\n subgraph one\n a[Queue] --> b[Worker]\n end\n click a "javascript:alert(1)"\n c[[broken\n classDef x fill:#fff\n style a fill:#f00',
      ),
    );
    expect(r.board.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(r.board.frames?.map((f) => [f.title, f.members])).toEqual([['one', ['a', 'b']]]);
    expect(r.report.map((n) => n.path)).toEqual(['line 5', 'line 6']);
    expect(JSON.stringify(r.board)).not.toContain('javascript');
  });
  it('accepts front matter and init directives before the header', () => {
    expect(
      ok(mermaidToBoard('---\ntitle: x\n---\n%%{init: {"theme":"dark"}}%%\nflowchart TB\n a[Queue]')).board
        .nodes,
    ).toHaveLength(1);
  });
  it('keeps __proto__ and constructor as plain data', () => {
    const r = ok(
      mermaidToBoard(
        'flowchart LR\n __proto__[Queue] --> constructor[Worker]\n %% faultline:node __proto__ {"id":"__proto__","kind":"queue"}',
      ),
    );
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    expect(r.board.nodes.map((n) => n.kind)).toEqual(['queue', 'worker']);
    expect(r.board.nodes.map((n) => n.id)).not.toContain('__proto__');
    expect(r.board.edges).toHaveLength(1);
  });
});

describe('mermaidToBoard refuses what is not a flowchart, and never throws', () => {
  it.each([
    ['empty', ''],
    ['a sequence diagram', 'sequenceDiagram\n A->>B: hi'],
    ['JSON', '{"format":"faultline/design"}'],
    ['only comments', '%% nothing\n%% here'],
  ])('%s ⇒ not-a-board', (_n, text) => {
    const r = mermaidToBoard(text);
    expect(!r.ok && r.error.code).toBe('not-a-board');
    expect(!r.ok && r.error.message).toMatch(/flowchart/);
  });
  it('refuses text over the size limit before reading it', () => {
    const r = mermaidToBoard(`flowchart LR\n${'a --> b\n'.repeat(1_100_000)}`);
    expect(!r.ok && r.error.code).toBe('too-large');
  });
  it('any text, and any damage to a real export, gives a result and a well-formed board (property)', () => {
    const damaged = fc
      .tuple(
        validBoardArb({ maxNodes: 4, withUnknown: true }),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 8 }),
      )
      .map(([b, at, len, insert]) => {
        const t = boardToMermaid(b);
        const i = at % (t.length + 1);
        return t.slice(0, i) + insert + t.slice(i + (len % 12));
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `flowchart LR\n${s}`),
          damaged,
        ),
        (text) => {
          const r = mermaidToBoard(text);
          if (!r.ok) {
            expect(r.error.message).not.toMatch(/could not be read/);
            return;
          }
          const ids = new Set(r.board.nodes.map((n) => n.id));
          expect(ids.size).toBe(r.board.nodes.length);
          for (const e of r.board.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
          for (const n of r.board.nodes)
            expect(Math.abs(n.position.x) <= COORD_LIMIT && Math.abs(n.position.y) <= COORD_LIMIT).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
  it.each([
    ['many "--" without an arrow (was quadratic: 64 s)', 'a -- '.repeat(50_000)],
    ['many "==" without an arrow', 'a == '.repeat(50_000)],
    ['a huge id and an unclosed shape', `${'A'.repeat(100_000)}[${'('.repeat(50_000)}`],
    ['a long & group', `${'a & '.repeat(40_000)}b`],
    ['a long chain', `${'a["x"] --> '.repeat(30_000)}b`],
  ])('a long hostile line is read in linear time: %s', (_name, line) => {
    const start = performance.now();
    mermaidToBoard(`flowchart LR\n${line}`);
    expect(performance.now() - start).toBeLessThan(1500);
  });
});

describe('frames as subgraphs', () => {
  it('a frame is written as a subgraph of its components and read back with its id, title and members', () => {
    const board = {
      format: 'faultline/design' as const,
      version: 1 as const,
      title: 'T',
      nodes: [
        { id: 'q1', kind: 'queue', label: 'Q', position: { x: 0, y: 0 }, config: {} },
        { id: 'w1', kind: 'worker', label: 'W', position: { x: 200, y: 0 }, config: {} },
        { id: 'l1', kind: 'ledger', label: 'L', position: { x: 400, y: 0 }, config: {} },
      ],
      edges: [{ id: 'e1', source: 'q1', target: 'w1' }],
      frames: [
        {
          id: 'frame-7',
          title: 'billing "ns" <us-east-1>',
          position: { x: -40, y: -60 },
          size: { width: 500, height: 300 },
          members: ['q1', 'w1'],
        },
      ],
    };
    const text = boardToMermaid(board);
    expect(text).toMatch(/subgraph f0\["billing #34;ns#34; #60;us-east-1#62;"\]\n {4}n0\n {4}n1\n {2}end/);
    const r = ok(mermaidToBoard(text));
    expect(r.board.frames).toHaveLength(1);
    const f = r.board.frames![0]!;
    expect([f.id, f.title, f.members]).toEqual(['frame-7', 'billing "ns" <us-east-1>', ['q1', 'w1']]);
    expect(r.report).toEqual([]);
  });
});
