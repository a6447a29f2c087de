// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmptyBoard, type Board } from '../../src/domain';
import { boardToMarkdown, type MarkdownExtras } from '../../src/io/markdown';
import { mermaidToBoard } from '../../src/io/mermaid';
import { cleanTextArb, validBoardArb } from '../domain/boardArbitraries';

const XSS = '<img src=x onerror=alert(1)>';

function sample(): Board {
  const b = createEmptyBoard(`Billing <b>board</b> \`\`\``);
  b.notes = `# not a heading\n<script>alert(1)</script>\n\`\`\`\nfence`;
  b.nodes.push(
    {
      id: 'q1',
      kind: 'queue',
      label: `events | ${XSS}`,
      position: { x: 0, y: 0 },
      config: { orderedByKey: false, visibilityTimeoutMs: 30000 },
      notes: '*keyed* by tenant',
    },
    {
      id: 'a1',
      kind: 'aggregator',
      label: 'roll-up',
      position: { x: 0, y: 0 },
      config: { windowMs: 60000, graceMs: 5000, latePolicy: 'drop' },
    },
    { id: 'x1', kind: 'mystery', label: 'legacy', position: { x: 0, y: 0 }, config: { mode: '<i>raw</i>' } },
  );
  b.edges.push({ id: 'e1', source: 'q1', target: 'a1', label: 'usage|events' });
  return b;
}

const extras: MarkdownExtras = {
  scenario: {
    title: 'Metering <pipeline>',
    prompt: 'Design metering.\n\n- must not double bill\n<script>x</script>',
  },
  simulation: {
    seed: 42,
    events: 10000,
    invariants: [
      { id: 'usage-billed-exactly-once', holds: false, count: 17, summary: 'tenant 3 billed 17 | too many' },
      { id: 'no-event-lost', holds: true, count: 0 },
    ],
  },
  grading: {
    score: 72,
    breakdown: 'structure 40/50\nbehaviour 32/50',
    missedKeyPoints: ['dedup before <aggregate>', 'late `events`'],
    gaps: ['nothing deduplicates between queue and aggregator'],
  },
};

/** The text outside fenced code blocks. */
function outsideFences(md: string): string {
  return md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}
/** Cells of a table row, splitting on pipes that are not backslash-escaped. */
const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/);

describe('boardToMarkdown', () => {
  const md = boardToMarkdown(sample(), extras);

  it('has the title, prompt, design, components, connections, notes, simulation and grading in order', () => {
    const headings = md.split('\n').filter((l) => /^#{1,3} /.test(l));
    expect(headings).toEqual([
      '# Billing &lt;b&gt;board&lt;/b&gt; \\`\\`\\`',
      '## Scenario: Metering &lt;pipeline&gt;',
      '## Design',
      '## Components',
      '### Component notes',
      '## Connections',
      '## Notes',
      '## Simulation',
      '## Grading',
      '### Missed key points',
      '### Gaps against the reference design',
    ]);
  });
  it('embeds the Mermaid code of the board, which reads back to the same board', () => {
    const block = /^(`{3,})mermaid\n([\s\S]*?)\n\1$/m.exec(md);
    expect(block).not.toBeNull();
    const back = mermaidToBoard(block![2]!);
    expect(back.ok && back.board.nodes.map((n) => n.label)).toEqual(sample().nodes.map((n) => n.label));
  });
  it('lists components with config; values changed from the default are bold', () => {
    const row = md.split('\n').find((l) => l.startsWith('| roll-up'))!;
    expect(cells(row).map((c) => c.trim())).toEqual([
      'roll-up',
      'Aggregator',
      'a1',
      'windowMs: 60000 · **graceMs: 5000** · latePolicy: drop',
    ]);
    expect(md).toContain('**orderedByKey: false**');
    expect(md).toContain('(unsupported kind)');
  });
  it('keeps every table row at its column count despite pipes in user text', () => {
    const tables = outsideFences(md)
      .split('\n\n')
      .filter((t) => t.startsWith('|'));
    expect(tables.length).toBe(3);
    for (const t of tables) {
      const rows = t.trim().split('\n');
      const n = cells(rows[0]!).length;
      for (const r of rows) expect(cells(r)).toHaveLength(n);
    }
  });
  it('#13 no user text becomes HTML or Markdown structure', () => {
    const outside = outsideFences(md);
    expect(outside).not.toMatch(/</);
    expect(outside).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(outside).toContain('\\# not a heading');
    expect(outside).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The notes' ``` did not open a code block: the only fence is the Mermaid one.
    expect(md.match(/^`{3,}/gm)).toHaveLength(2);
  });
  it('shows the invariant table and the grade', () => {
    expect(md).toContain('Seed 42, 10000 events: 1 of 2 invariants held.');
    expect(md).toContain(
      '| usage-billed-exactly-once | ❌ violated | 17 | tenant 3 billed 17 \\| too many |',
    );
    expect(md).toContain('| no-event-lost | ✅ holds | 0 |   |');
    expect(md).toContain('**Score:** 72');
    expect(md).toContain('- dedup before &lt;aggregate&gt;');
    expect(md).toContain('- late \\`events\\`');
  });
  it("carries the candidate's interview notes, escaped, and the reference-viewed mark", () => {
    const md = boardToMarkdown(createEmptyBoard('r'), {
      round: { notes: 'Dedup on <b>event id</b>\n# not a heading', referenceViewed: true },
    });
    expect(md).toContain('## Interview notes');
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(/^# not a heading/m);
    expect(md).toContain('_The reference design was viewed before Submit._');
    expect(boardToMarkdown(createEmptyBoard('r'), { round: { notes: '  ' } })).not.toContain(
      'Interview notes',
    );
  });

  it('a bare board has no scenario, simulation or grading sections', () => {
    const bare = boardToMarkdown(createEmptyBoard('Plain'));
    expect(bare).toMatch(/^# Plain\n/);
    expect(bare).toContain('_No components yet._');
    expect(bare).not.toMatch(/## (Scenario|Simulation|Grading)/);
  });
  it('for any board and any user text: no raw <, the Mermaid fence stays closed, rows stay whole (property)', () => {
    fc.assert(
      fc.property(
        validBoardArb({ withUnknown: true }),
        cleanTextArb(120),
        fc.array(cleanTextArb(40), { maxLength: 3 }),
        (b, prompt, missed) => {
          const out = boardToMarkdown(b, {
            scenario: { title: prompt, prompt },
            grading: { score: 1, missedKeyPoints: missed },
            simulation: {
              seed: 1,
              events: 1,
              invariants: [{ id: prompt, holds: true, count: 0, summary: prompt }],
            },
          });
          const outside = outsideFences(out);
          expect(outside).not.toMatch(/</);
          expect(out.match(/^`{3,}/gm)).toHaveLength(2);
          for (const t of outside.split('\n\n').filter((x) => x.startsWith('|'))) {
            const rows = t.trim().split('\n');
            for (const r of rows) expect(cells(r)).toHaveLength(cells(rows[0]!).length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
