/**
 * A scanner for one line of a Mermaid flowchart: node references with any shape, chains of links
 * (`A --> B -->|x| C`, `A -- x --> B`, `A & B --> C`) and `;`-separated statements. Labels are
 * returned as written (still entity-escaped); the caller unescapes them. No regular expression here
 * can backtrack badly: every pattern is anchored (sticky) and linear.
 */

export interface MermaidNodeRef {
  id: string;
  label?: string;
}
export interface MermaidEdgeRef {
  source: string;
  target: string;
  label?: string;
}
export interface MermaidStatement {
  nodes: MermaidNodeRef[];
  edges: MermaidEdgeRef[];
}
export type StatementResult = { ok: true; statements: MermaidStatement[] } | { ok: false; reason: string };

const ID = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[.-](?![-.>=]))*/uy;
// Longest opener first: `([` before `[`, `(((` before `((` before `(`.
const SHAPES: readonly (readonly [string, readonly string[]])[] = [
  ['(((', [')))']],
  ['([', ['])']],
  ['[(', [')]']],
  ['[[', [']]']],
  ['[/', ['/]', '\\]']],
  ['[\\', ['\\]', '/]']],
  ['((', ['))']],
  ['{{', ['}}']],
  ['[', [']']],
  ['(', [')']],
  ['{', ['}']],
  ['>', [']']],
];
// The text of `A -- text --> B` cannot run across the start of another link (`--`, `==`, `.-`),
// so a line of many `--` without an arrow costs linear time, not quadratic.
const TEXT_LINK =
  /(?:--|==|-\.)(?![-.=>])[ \t]*((?:[^|\n\-=.]|-(?![-.>])|=(?![=>])|\.(?!-))*?)[ \t]*(?:-{2,}>|-{3,}|={2,}>|={3,}|\.-+>|\.-+)/y;
const LINK = /<?(?:-{2,}[>ox]?|={2,}[>ox]?|-\.+-[>ox]?|~{3,})/y;
const PIPE_LABEL = /[ \t]*\|(?:"([^"]*)"|([^|]*))\|/y;
const CLASS_SUFFIX = /:::[\w-]+/y;

/** Parses one line into statements. Never throws. */
export function parseMermaidStatement(line: string): StatementResult {
  const s = new Scanner(line);
  const statements: MermaidStatement[] = [];
  for (;;) {
    s.skipSpace();
    if (s.done()) break;
    if (s.peek() === ';') {
      s.pos++;
      continue;
    }
    const st = readStatement(s);
    if (typeof st === 'string') return { ok: false, reason: st };
    statements.push(st);
    s.skipSpace();
    if (!s.done() && s.peek() !== ';')
      return { ok: false, reason: `unexpected "${s.peek()}" at column ${s.pos + 1}` };
  }
  return { ok: true, statements };
}

function readStatement(s: Scanner): MermaidStatement | string {
  const nodes: MermaidNodeRef[] = [];
  const edges: MermaidEdgeRef[] = [];
  let prev = readGroup(s, nodes);
  if (typeof prev === 'string') return prev;
  for (;;) {
    const save = s.pos;
    s.skipSpace();
    const link = readLink(s);
    if (link === null) {
      s.pos = save;
      break;
    }
    s.skipSpace();
    const next = readGroup(s, nodes);
    if (typeof next === 'string') return next;
    for (const a of prev)
      for (const b of next)
        edges.push({ source: a, target: b, ...(link.label !== undefined ? { label: link.label } : {}) });
    prev = next;
  }
  return { nodes, edges };
}

/** `A` or `A[x] & B(y)`: returns the ids, adding each reference to `nodes`. */
function readGroup(s: Scanner, nodes: MermaidNodeRef[]): string[] | string {
  const ids: string[] = [];
  for (;;) {
    const ref = readNode(s);
    if (typeof ref === 'string') return ref;
    nodes.push(ref);
    ids.push(ref.id);
    const save = s.pos;
    s.skipSpace();
    if (s.peek() !== '&') {
      s.pos = save;
      return ids;
    }
    s.pos++;
    s.skipSpace();
  }
}

function readNode(s: Scanner): MermaidNodeRef | string {
  const id = s.match(ID);
  if (id === null)
    return s.done()
      ? 'a component id is missing at the end'
      : `expected a component id at column ${s.pos + 1}`;
  const shape = SHAPES.find(([open]) => s.rest().startsWith(open));
  if (!shape) {
    s.match(CLASS_SUFFIX);
    return { id: id[0] };
  }
  const [open, closers] = shape;
  s.pos += open.length;
  let label: string;
  const body = s.rest();
  const quoted = /^[ \t]*"`?([^"]*?)`?"[ \t]*/.exec(body);
  if (quoted && closers.some((c) => body.startsWith(c, quoted[0].length))) {
    label = quoted[1]!;
    s.pos += quoted[0].length;
  } else {
    const ends = closers.map((c) => body.indexOf(c)).filter((k) => k >= 0);
    if (ends.length === 0) return `"${open}" is never closed`;
    const end = Math.min(...ends);
    label = body.slice(0, end).trim();
    s.pos += end;
  }
  const closer = closers.find((c) => s.rest().startsWith(c))!;
  s.pos += closer.length;
  s.match(CLASS_SUFFIX);
  return { id: id[0], label };
}

function readLink(s: Scanner): { label?: string } | null {
  const text = s.match(TEXT_LINK);
  if (text) {
    const label = /^"([^"]*)"$/.exec(text[1]!)?.[1] ?? text[1];
    return label ? { label } : {};
  }
  if (s.match(LINK) === null) return null;
  const pipe = s.match(PIPE_LABEL);
  if (!pipe) return {};
  const label = pipe[1] ?? pipe[2]!.trim();
  return label === '' ? {} : { label };
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}
  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m) this.pos = re.lastIndex;
    return m;
  }
}
