import { CATEGORIES, getKindDefinition, type Board, type Category, type EdgeKind } from '../domain';
import { escapeMermaidLabel } from './escape';
import { MERMAID_META_PREFIX } from './mermaidImport';

export { mermaidToBoard, MERMAID_META_PREFIX, MERMAID_LAYOUT } from './mermaidImport';

/**
 * Mermaid export. The diagram shows each component with a shape per category and each connection
 * with its label. Mermaid ids are `n0`, `n1`… in board order, so no user id ever reaches Mermaid's
 * syntax; the real ids and kinds ride along in `%% faultline:…` comments (invisible when rendered)
 * so that `mermaidToBoard` (mermaidImport.ts) gets the same ids, kinds, labels and connections back.
 * Positions, config and notes are not carried: Mermaid lays the chart out itself, and the JSON
 * export is the lossless format.
 */

/** Opening and closing brackets of a node shape, per category (`unsupported` for unknown kinds). */
export const MERMAID_SHAPES: Record<Category | 'unsupported', readonly [string, string]> = {
  ingest: ['([', '])'],
  processing: ['[', ']'],
  storage: ['[(', ')]'],
  money: ['[[', ']]'],
  orchestration: ['{{', '}}'],
  reliability: ['(', ')'],
  unsupported: ['>', ']'],
};

/** The arrow per edge kind: call solid, signal dotted, update thick, query dotted with a circle end. */
export const MERMAID_ARROWS: Record<EdgeKind, string> = {
  call: '-->',
  signal: '-.->',
  update: '==>',
  query: '-.-o',
};

const CLASS_STYLES: Record<Category | 'unsupported', string> = {
  ingest: 'fill:#e0f2fe,stroke:#0369a1',
  processing: 'fill:#f1f5f9,stroke:#334155',
  storage: 'fill:#fef9c3,stroke:#a16207',
  money: 'fill:#dcfce7,stroke:#15803d',
  orchestration: 'fill:#ede9fe,stroke:#6d28d9',
  reliability: 'fill:#ffe4e6,stroke:#be123c',
  unsupported: 'fill:#ffffff,stroke:#6b7280,stroke-dasharray:4 3',
};

/**
 * A Mermaid `flowchart LR` of the board.
 * @example boardToMermaid(board) // 'flowchart LR\n  n0(["usage-events"]):::ingest\n  …'
 */
export function boardToMermaid(board: Board): string {
  const mermaidId = new Map<string, string>();
  board.nodes.forEach((n, i) => {
    if (!mermaidId.has(n.id)) mermaidId.set(n.id, `n${i}`);
  });
  const lines: string[] = ['flowchart LR'];
  const meta = (what: string, value: unknown) =>
    lines.push(`  ${MERMAID_META_PREFIX}${what} ${metaJson(value)}`);

  meta('board', {
    title: board.title,
    ...(board.scenario !== undefined ? { scenario: board.scenario } : {}),
  });
  const used = new Set<Category | 'unsupported'>();
  board.nodes.forEach((n, i) => {
    const category = getKindDefinition(n.kind)?.category ?? 'unsupported';
    used.add(category);
    const [open, close] = MERMAID_SHAPES[category];
    meta(`node n${i}`, { id: n.id, kind: n.kind, ...(n.region !== undefined ? { region: n.region } : {}) });
    lines.push(`  n${i}${open}"${escapeMermaidLabel(n.label)}"${close}:::${category}`);
  });
  let edgeCount = 0;
  board.edges.forEach((e) => {
    const source = mermaidId.get(e.source);
    const target = mermaidId.get(e.target);
    // A board straight from the loader never has a dangling edge; one built by hand might.
    if (source === undefined || target === undefined) return;
    // Numbered in the order written, which is the order mermaidToBoard reads them back.
    meta(`edge ${edgeCount++}`, { id: e.id, ...(e.kind !== undefined ? { kind: e.kind } : {}) });
    const label = e.label !== undefined && e.label !== '' ? `|"${escapeMermaidLabel(e.label)}"|` : '';
    lines.push(`  ${source} ${MERMAID_ARROWS[e.kind ?? 'call']}${label} ${target}`);
  });
  for (const c of [...CATEGORIES, 'unsupported'] as const) {
    if (used.has(c)) lines.push(`  classDef ${c} ${CLASS_STYLES[c]}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * JSON for a comment line: on one line (JSON escapes line breaks; U+2028/2029 escaped too), and with
 * `%`, `#`, `<`, `>`, `&` and backticks escaped so that no `%%{init}%%` directive, entity or code
 * fence (Markdown export) can hide in a value.
 * These characters only occur inside JSON strings, where `\uXXXX` means the same.
 */
function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[%#<>&`\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
