import {
  BOARD_FORMAT,
  BOARD_VERSION,
  CATALOG,
  errorMessage,
  isPlainRecord,
  MAX_FILE_BYTES,
  parseBoardValue,
  type LoadNote,
} from '../domain';
import { unescapeMermaidLabel } from './escape';
import { toImportResult, type ImportResult } from './json';
import { parseMermaidStatement, type MermaidNodeRef } from './mermaidStatement';

/** The prefix of the comments that carry what Mermaid itself cannot (ids, kinds, title). */
export const MERMAID_META_PREFIX = '%% faultline:';

/** Grid spacing of imported boards (Mermaid has no positions): columns by depth, rows within one. */
export const MERMAID_LAYOUT = { columnPx: 260, rowPx: 140 } as const;

const DEFAULT_KIND = 'worker';
const HEADER = /^(?:flowchart|graph)(?:\s+(?:TB|TD|BT|RL|LR))?\s*;?\s*$/i;
const IGNORED = /^(?:classDef|class|style|linkStyle|direction|accTitle|accDescr|end)\b/;
const KIND_BY_NAME = new Map<string, string>(
  CATALOG.flatMap(
    (d) =>
      [
        [d.kind, d.kind],
        [d.displayName.toLowerCase(), d.kind],
      ] as const,
  ),
);

interface ParsedNode {
  mermaidId: string;
  label?: string | undefined;
  line: number;
}

/**
 * Reads a Mermaid flowchart back into a board: the subset boardToMermaid writes, and simple
 * hand-written charts (`A --> B`, `A[Label] --> B`, `A -->|label| B`, `A -- label --> B`, `A & B --> C`).
 * Kinds come from our `%% faultline:node` comments, a hand-written `%% A kind: queue` comment, or a
 * label / id that names a kind ("Queue", "queue"); anything else becomes a `worker` and is reported.
 * Positions are laid out on a grid. Never throws.
 */
export function mermaidToBoard(text: string): ImportResult {
  try {
    return readMermaid(text);
  } catch (cause) {
    return {
      ok: false,
      error: {
        code: 'not-a-board',
        message: `The Mermaid text could not be read: ${errorMessage(cause)}`,
        cause,
      },
    };
  }
}

function readMermaid(text: string): ImportResult {
  if (typeof text !== 'string')
    return { ok: false, error: { code: 'not-a-board', message: 'The Mermaid text is not text.' } };
  if (text.length > MAX_FILE_BYTES)
    return {
      ok: false,
      error: {
        code: 'too-large',
        message: `The text is ${(text.length / 1048576).toFixed(1)} MB; boards are limited to ${MAX_FILE_BYTES / 1048576} MB.`,
      },
    };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const notes: LoadNote[] = [];
  const note = (line: number, problem: string, action: string) =>
    notes.push({ path: `line ${line}`, problem, action });

  let i = skipPreamble(lines);
  if (i >= lines.length || !HEADER.test(lines[i]!.trim())) {
    return {
      ok: false,
      error: {
        code: 'not-a-board',
        message: `Expected a Mermaid flowchart starting with "flowchart LR" or "graph TD"${i < lines.length ? ` on line ${i + 1}` : ''}.`,
      },
    };
  }
  const nodes = new Map<string, ParsedNode>();
  const edges: { source: string; target: string; label?: string; line: number }[] = [];
  const meta = {
    board: {} as Record<string, unknown>,
    nodes: new Map<string, Record<string, unknown>>(),
    edges: new Map<number, Record<string, unknown>>(),
    kinds: new Map<string, string>(),
  };
  const addNode = (ref: MermaidNodeRef, line: number) => {
    const known = nodes.get(ref.id);
    if (!known) nodes.set(ref.id, { mermaidId: ref.id, label: ref.label, line });
    else if (known.label === undefined && ref.label !== undefined) known.label = ref.label;
  };

  let lastNode: string | undefined;
  for (i += 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (line.startsWith('%%')) {
      readComment(line, meta, lastNode, lineNo, note);
      continue;
    }
    if (IGNORED.test(line)) continue;
    if (/^subgraph\b/.test(line)) {
      note(lineNo, 'subgraphs are not part of a board', 'kept the components, dropped the grouping');
      continue;
    }
    if (/^click\b/.test(line)) {
      note(lineNo, 'click actions and links are not imported', 'ignored');
      continue;
    }
    const parsed = parseMermaidStatement(line);
    if (!parsed.ok) {
      note(
        lineNo,
        `could not read "${line.length > 60 ? `${line.slice(0, 60)}…` : line}": ${parsed.reason}`,
        'skipped the line',
      );
      continue;
    }
    for (const s of parsed.statements) {
      s.nodes.forEach((ref) => addNode(ref, lineNo));
      lastNode = s.nodes.at(-1)?.id ?? lastNode;
      for (const e of s.edges) edges.push({ ...e, line: lineNo });
    }
  }

  const order = [...nodes.values()];
  const positions = layoutGrid(
    order.map((n) => n.mermaidId),
    edges,
  );
  const docNodes = order.map((n) => {
    const m = meta.nodes.get(n.mermaidId) ?? {};
    const label = n.label === undefined ? undefined : unescapeMermaidLabel(n.label);
    const kind = typeof m.kind === 'string' ? m.kind : inferKind(n, label, meta.kinds.get(n.mermaidId), note);
    return {
      id: typeof m.id === 'string' ? m.id : n.mermaidId,
      kind,
      label: label ?? n.mermaidId,
      position: positions.get(n.mermaidId)!,
      config: {},
      ...(typeof m.region === 'string' ? { region: m.region } : {}),
    };
  });
  const idOf = new Map(order.map((n, k) => [n.mermaidId, docNodes[k]!.id]));
  const docEdges = edges.map((e, k) => {
    const id = meta.edges.get(k)?.id;
    const kind = meta.edges.get(k)?.kind;
    return {
      id: typeof id === 'string' ? id : `e${k + 1}`,
      source: idOf.get(e.source)!,
      target: idOf.get(e.target)!,
      ...(e.label !== undefined ? { label: unescapeMermaidLabel(e.label) } : {}),
      ...(typeof kind === 'string' ? { kind } : {}),
    };
  });
  const b = meta.board;
  const doc = {
    format: BOARD_FORMAT,
    version: BOARD_VERSION,
    title: typeof b.title === 'string' ? b.title : 'Imported from Mermaid',
    ...(typeof b.scenario === 'string' ? { scenario: b.scenario } : {}),
    nodes: docNodes,
    edges: docEdges,
  };
  const result = toImportResult(parseBoardValue(doc, 'repair'));
  const byLine = (n: LoadNote) => Number(n.path.slice('line '.length));
  return result.ok
    ? { ...result, report: [...notes.sort((a, b) => byLine(a) - byLine(b)), ...result.report] }
    : result;
}

/** Skips blank lines, comments, `%%{init}%%` directives and a `---` front-matter block. */
function skipPreamble(lines: string[]): number {
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
    if (close > 0) i = close + 1;
  }
  while (i < lines.length && (lines[i]!.trim() === '' || lines[i]!.trim().startsWith('%%'))) i++;
  return i;
}

type Meta = {
  board: Record<string, unknown>;
  nodes: Map<string, Record<string, unknown>>;
  edges: Map<number, Record<string, unknown>>;
  kinds: Map<string, string>;
};

function readComment(
  line: string,
  meta: Meta,
  lastNode: string | undefined,
  lineNo: number,
  note: (l: number, p: string, a: string) => void,
): void {
  const ours = /^%%\s*faultline:(board|node\s+(\S+)|edge\s+(\d+))\s+(\{.*\})\s*$/.exec(line);
  if (ours) {
    let value: unknown;
    try {
      value = JSON.parse(ours[4]!);
    } catch {
      note(lineNo, 'a faultline comment is not valid JSON', 'ignored it');
      return;
    }
    if (!isPlainRecord(value)) return;
    if (ours[1] === 'board') meta.board = value;
    else if (ours[2] !== undefined) meta.nodes.set(ours[2], value);
    else meta.edges.set(Number(ours[3]), value);
    return;
  }
  // Hand-written: `%% A kind: queue`, or `%% kind: queue` for the last component mentioned above it.
  const hand = /^%%\s*(?:([\p{L}\p{N}_][\p{L}\p{N}_.-]*)\s+)?kind\s*:\s*(.+?)\s*$/u.exec(line);
  const target = hand?.[1] ?? lastNode;
  if (hand && target !== undefined) meta.kinds.set(target, hand[2]!);
}

function inferKind(
  n: ParsedNode,
  label: string | undefined,
  commentKind: string | undefined,
  note: (l: number, p: string, a: string) => void,
): string {
  if (commentKind !== undefined) return KIND_BY_NAME.get(commentKind.toLowerCase()) ?? commentKind;
  const named =
    KIND_BY_NAME.get((label ?? '').trim().toLowerCase()) ?? KIND_BY_NAME.get(n.mermaidId.toLowerCase());
  if (named) return named;
  note(
    n.line,
    `no component kind given for "${n.mermaidId}"`,
    `made it a ${DEFAULT_KIND}; change its kind in the inspector`,
  );
  return DEFAULT_KIND;
}

/**
 * Columns by breadth-first depth from the nodes nothing points to (cycles start from the first
 * node not yet placed), rows in order of appearance within a column.
 */
export function layoutGrid(
  ids: string[],
  edges: { source: string; target: string }[],
): Map<string, { x: number; y: number }> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of edges) {
    out.get(e.source)?.push(e.target);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  const depth = new Map<string, number>();
  const visit = (roots: string[]) => {
    const queue = roots.filter((r) => !depth.has(r));
    queue.forEach((r) => depth.set(r, 0));
    for (let k = 0; k < queue.length; k++) {
      const id = queue[k]!;
      for (const next of out.get(id) ?? []) {
        if (depth.has(next)) continue;
        depth.set(next, depth.get(id)! + 1);
        queue.push(next);
      }
    }
  };
  visit(ids.filter((id) => indegree.get(id) === 0));
  for (const id of ids) if (!depth.has(id)) visit([id]);
  const rows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of ids) {
    const d = depth.get(id)!;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    positions.set(id, { x: d * MERMAID_LAYOUT.columnPx, y: row * MERMAID_LAYOUT.rowPx });
  }
  return positions;
}
