import { getDisplayName, getKindDefinition, type Board, type BoardNode } from '../domain';
import { escapeMarkdownBlock, escapeMarkdownText as md } from './escape';
import { boardToMermaid } from './mermaid';

/** What a practice round adds to the notes; every part is optional. */
export interface MarkdownExtras {
  scenario?: { title: string; prompt: string };
  simulation?: {
    seed: number;
    events: number;
    invariants: { id: string; holds: boolean; count: number; summary?: string }[];
  };
  grading?: { score: number; breakdown?: string; missedKeyPoints: string[]; gaps?: string[] };
  /** The candidate's own notes for the round (what they would say), and whether the reference was seen first. */
  round?: { notes?: string; referenceViewed?: boolean };
}

/**
 * Markdown notes of a board (docs/formats.md, "Exports"): title, prompt, the Mermaid code of the board, its
 * components with their config (values changed from the naive default in bold), connections, the
 * last simulation's invariants, the grade and the missed key points. All user text is escaped:
 * nothing a user typed can become Markdown structure or HTML (docs/reliability.md #13).
 */
export function boardToMarkdown(board: Board, extras: MarkdownExtras = {}): string {
  const out: string[] = [`# ${md(board.title || 'Untitled board')}`, ''];
  if (extras.scenario) {
    out.push(
      `## Scenario: ${md(extras.scenario.title)}`,
      '',
      escapeMarkdownBlock(extras.scenario.prompt),
      '',
    );
  }
  out.push('## Design', '', ...codeBlock('mermaid', boardToMermaid(board)), '');
  out.push(...stickyNotesSection(board));
  out.push(...componentsSection(board), ...connectionsSection(board));
  if (board.notes) out.push('## Notes', '', escapeMarkdownBlock(board.notes), '');
  if (extras.round?.notes?.trim() || extras.round?.referenceViewed) {
    out.push('## Interview notes', '');
    if (extras.round.notes?.trim()) out.push(escapeMarkdownBlock(extras.round.notes), '');
    if (extras.round.referenceViewed) out.push('_The reference design was viewed before Submit._', '');
  }
  if (extras.simulation) out.push(...simulationSection(extras.simulation));
  if (extras.grading) out.push(...gradingSection(extras.grading));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** The sticky notes' text, right under the diagram, each under the frame that holds it (if any). */
function stickyNotesSection(board: Board): string[] {
  const notes = (board.stickyNotes ?? []).filter((n) => n.text.trim() !== '');
  if (notes.length === 0) return [];
  const frameOf = new Map((board.frames ?? []).flatMap((f) => f.members.map((m) => [m, f.title] as const)));
  const out = ['## Notes on the board', ''];
  for (const n of notes) {
    const where = frameOf.get(n.id);
    const [first = '', ...rest] = n.text.trim().split(/\r?\n/);
    out.push(`- ${where ? `_(${md(where)})_ ` : ''}${md(first)}`, ...rest.map((l) => `  ${md(l)}`));
  }
  out.push('');
  return out;
}

function componentsSection(board: Board): string[] {
  if (board.nodes.length === 0) return ['_No components yet._', ''];
  const rows = board.nodes.map((n) =>
    row([md(n.label), md(getDisplayName(n.kind)), md(n.id), configCell(n)]),
  );
  const out = [
    '## Components',
    '',
    row(['Component', 'Kind', 'Id', 'Configuration']),
    row(['---', '---', '---', '---']),
    ...rows,
    '',
  ];
  const withNotes = board.nodes.filter((n) => n.notes);
  if (withNotes.length > 0) {
    out.push('### Component notes', '');
    for (const n of withNotes) out.push(`- **${md(n.label)}**: ${md(n.notes!)}`);
    out.push('');
  }
  return out;
}

/** `key: value` pairs joined by ` · `; a value that differs from the kind's default is bold. */
function configCell(node: BoardNode): string {
  const def = getKindDefinition(node.kind);
  const defaults = new Map<string, unknown>(def?.fields.map((f) => [f.key, f.default]) ?? []);
  const parts = Object.entries(node.config).map(([key, value]) => {
    const text = `${md(key)}: ${md(String(value))}`;
    return defaults.has(key) && defaults.get(key) === value ? text : `**${text}**`;
  });
  const suffix = def ? '' : ' (unsupported kind)';
  return parts.length > 0 ? parts.join(' · ') + suffix : `—${suffix}`;
}

function connectionsSection(board: Board): string[] {
  if (board.edges.length === 0) return [];
  const label = new Map(board.nodes.map((n) => [n.id, n.label]));
  const name = (id: string) => md(label.get(id) ?? id);
  return [
    '## Connections',
    '',
    row(['From', 'To', 'Label']),
    row(['---', '---', '---']),
    ...board.edges.map((e) => row([name(e.source), name(e.target), e.label ? md(e.label) : ''])),
    '',
  ];
}

function simulationSection(sim: NonNullable<MarkdownExtras['simulation']>): string[] {
  const held = sim.invariants.filter((i) => i.holds).length;
  return [
    '## Simulation',
    '',
    `Seed ${safeNumber(sim.seed)}, ${safeNumber(sim.events)} events: ${held} of ${sim.invariants.length} invariants held.`,
    '',
    row(['Invariant', 'Result', 'Violations', 'Summary']),
    row(['---', '---', '---:', '---']),
    ...sim.invariants.map((i) =>
      row([
        md(i.id),
        i.holds ? '✅ holds' : '❌ violated',
        safeNumber(i.count),
        i.summary ? md(i.summary) : '',
      ]),
    ),
    '',
  ];
}

function gradingSection(g: NonNullable<MarkdownExtras['grading']>): string[] {
  const out = ['## Grading', '', `**Score:** ${safeNumber(g.score)}`, ''];
  if (g.breakdown) out.push(escapeMarkdownBlock(g.breakdown), '');
  out.push('### Missed key points', '');
  out.push(
    ...(g.missedKeyPoints.length > 0
      ? g.missedKeyPoints.map((k) => `- ${md(k)}`)
      : ['_None — every key point was covered._']),
    '',
  );
  if (g.gaps && g.gaps.length > 0)
    out.push('### Gaps against the reference design', '', ...g.gaps.map((k) => `- ${md(k)}`), '');
  return out;
}

const row = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
function codeBlock(lang: string, content: string): string[] {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, content.replace(/\n$/, ''), fence];
}

function safeNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : '—';
}
