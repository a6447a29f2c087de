// The item readers behind parseBoard: components, connections, positions, config and text, each
// repaired (and reported through `note`) or refused, never thrown on.
import { checkFieldValue } from './configFields';
import { getKindDefinition, type Config, type ConfigValue } from './catalog';
import type { BoardEdge, BoardNode } from './document';
import { FORBIDDEN_KEYS, isPlainRecord } from './ids';
import { EDGE_KINDS, isEdgeKind, REGION_PATTERN } from './edgeKinds';
import { COORD_LIMIT, MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_NOTES_CHARS } from './limits';

export type Note = (path: string, problem: string, action: string) => void;

/**
 * The prefix for renaming a duplicate id: short enough that the new id (prefix, a dash and a
 * counter of at most 7 digits) stays within MAX_ID_CHARS — a renamed id must load unchanged again.
 */
function renamePrefix(id: string): string {
  let base = id.slice(0, MAX_ID_CHARS - 8);
  if (/[\uD800-\uDBFF]$/.test(base)) base = base.slice(0, -1);
  return `${base}-`;
}

/**
 * Fresh ids `<prefix><n>` not in `taken` nor in `avoid`, recorded in `taken`. The counter per
 * prefix resumes where it stopped, so a board of 20,000 missing or equal ids loads in linear time
 * (restarting at 1 each time took 12–30 s).
 */
function createIdAllocator(taken: Set<string>, avoid: ReadonlySet<string> = new Set()) {
  const next = new Map<string, number>();
  return (prefix: string): string => {
    let n = next.get(prefix) ?? 1;
    while (taken.has(`${prefix}${n}`) || avoid.has(`${prefix}${n}`)) n++;
    next.set(prefix, n + 1);
    const id = `${prefix}${n}`;
    taken.add(id);
    return id;
  };
}

/** -0 is written to JSON as 0; reading it as 0 keeps load → save → load a fixed point. */
const noNegativeZero = (v: number): number => (v === 0 ? 0 : v);

/**
 * Reads the components. `renamed` maps an id as written to the id it was given (an invalid,
 * reserved or over-long id), so that connections follow the rename; a duplicate's connections stay
 * with the first component of that id.
 */
export function readNodes(raw: unknown[], note: Note): { nodes: BoardNode[]; renamed: Map<string, string> } {
  const taken = new Set<string>();
  const out: BoardNode[] = [];
  const renamed = new Map<string, string>();
  const seen = new Set<string>();
  // A fresh id never takes an id written later in the list, which connections may name.
  const written = new Set(
    raw.map((n) =>
      isPlainRecord(n) && typeof n.id === 'string' ? cleanControl(n.id).slice(0, MAX_ID_CHARS) : '',
    ),
  );
  const freshId = createIdAllocator(taken, written);
  raw.forEach((n, i) => {
    const at = `nodes.${i}`;
    if (!isPlainRecord(n)) {
      note(at, `expected a component object, found ${describe(n)}`, 'dropped');
      return;
    }
    const kind = typeof n.kind === 'string' ? cleanControl(n.kind).slice(0, MAX_ID_CHARS) : '';
    if (kind === '') {
      note(`${at}.kind`, 'missing component kind', 'dropped the component');
      return;
    }
    if (kind !== n.kind) note(`${at}.kind`, 'kind too long or has control characters', `read as "${kind}"`);
    const def = getKindDefinition(kind);
    if (!def) note(`${at}.kind`, `unknown component kind "${kind}"`, 'kept as an unsupported placeholder');
    let id = typeof n.id === 'string' ? cleanControl(n.id).slice(0, MAX_ID_CHARS) : '';
    if (id === '' || FORBIDDEN_KEYS.has(id)) {
      id = freshId('n');
      note(`${at}.id`, `missing or invalid id`, `given the id "${id}"`);
    } else if (taken.has(id)) {
      const old = id;
      id = freshId(renamePrefix(old));
      note(`${at}.id`, `duplicate id "${old}"`, `renamed to "${id}"`);
    } else {
      if (id !== n.id) note(`${at}.id`, 'id too long or has control characters', `shortened to "${id}"`);
      taken.add(id);
    }
    if (typeof n.id === 'string' && !seen.has(n.id)) {
      seen.add(n.id);
      if (id !== n.id && !taken.has(n.id)) renamed.set(n.id, id);
    }
    const node: BoardNode = {
      id,
      kind,
      label: cleanText(n.label, MAX_LABEL_CHARS, `${at}.label`, note) ?? def?.displayName ?? kind,
      position: readPosition(n.position, `${at}.position`, note),
      config: readConfig(kind, n.config, `${at}.config`, note),
    };
    if (n.notes !== undefined) {
      const text = cleanText(n.notes, MAX_NOTES_CHARS, `${at}.notes`, note);
      if (text) node.notes = text;
    }
    if (n.region !== undefined) {
      if (typeof n.region === 'string' && REGION_PATTERN.test(n.region)) node.region = n.region;
      else
        note(`${at}.region`, `expected a region name like "eu-west", found ${describe(n.region)}`, 'dropped');
    }
    out.push(node);
  });
  return { nodes: out, renamed };
}

export function readEdges(
  raw: unknown[],
  nodeIds: Set<string>,
  renamed: Map<string, string>,
  note: Note,
): BoardEdge[] {
  const taken = new Set<string>();
  const freshId = createIdAllocator(taken);
  const out: BoardEdge[] = [];
  raw.forEach((e, i) => {
    const at = `edges.${i}`;
    if (!isPlainRecord(e)) {
      note(at, `expected a connection object, found ${describe(e)}`, 'dropped');
      return;
    }
    const ends = { source: e.source, target: e.target };
    for (const end of ['source', 'target'] as const) {
      const ref = ends[end];
      if (typeof ref === 'string' && renamed.has(ref)) ends[end] = renamed.get(ref);
      if (typeof ends[end] !== 'string' || !nodeIds.has(ends[end])) {
        note(
          `${at}.${end}`,
          typeof ref === 'string' ? `no component with id "${ref}"` : `missing ${end}`,
          'dropped the connection',
        );
        return;
      }
    }
    let id = typeof e.id === 'string' ? cleanControl(e.id).slice(0, MAX_ID_CHARS) : '';
    if (id === '' || FORBIDDEN_KEYS.has(id)) {
      id = freshId('e');
      note(`${at}.id`, 'missing or invalid id', `given the id "${id}"`);
    } else if (taken.has(id)) {
      const old = id;
      id = freshId(renamePrefix(old));
      note(`${at}.id`, `duplicate id "${old}"`, `renamed to "${id}"`);
    } else taken.add(id);
    const edge: BoardEdge = { id, source: ends.source as string, target: ends.target as string };
    if (e.label !== undefined) {
      const label = cleanText(e.label, MAX_LABEL_CHARS, `${at}.label`, note);
      if (label) edge.label = label;
    }
    if (e.kind !== undefined) {
      if (isEdgeKind(e.kind)) {
        if (e.kind !== 'call') edge.kind = e.kind;
      } else
        note(
          `${at}.kind`,
          `expected one of ${EDGE_KINDS.join(', ')}, found ${describe(e.kind)}`,
          'read as a call',
        );
    }
    out.push(edge);
  });
  return out;
}

export function readPosition(raw: unknown, at: string, note: Note): { x: number; y: number } {
  if (!isPlainRecord(raw)) {
    note(at, `expected {x, y}, found ${describe(raw)}`, 'placed at 0, 0');
    return { x: 0, y: 0 };
  }
  const coord = (axis: 'x' | 'y'): number => {
    let v = raw[axis];
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
      note(`${at}.${axis}`, 'expected a number, found a string', `read as ${Number(v)}`);
      v = Number(v);
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      note(`${at}.${axis}`, `expected a finite number, found ${describe(v)}`, 'set to 0');
      return 0;
    }
    if (Math.abs(v) > COORD_LIMIT) {
      const c = Math.sign(v) * COORD_LIMIT;
      note(`${at}.${axis}`, `${v} is out of bounds (±${COORD_LIMIT})`, `clamped to ${c}`);
      return c;
    }
    return noNegativeZero(v);
  };
  return { x: coord('x'), y: coord('y') };
}

function readConfig(kind: string, raw: unknown, at: string, note: Note): Config {
  const config: Config = {};
  if (raw !== undefined && !isPlainRecord(raw))
    note(at, `expected an object, found ${describe(raw)}`, 'used the defaults');
  const given = isPlainRecord(raw) ? raw : {};
  const def = getKindDefinition(kind);
  const known = new Set(def?.fields.map((f) => f.key) ?? []);
  for (const f of def?.fields ?? []) {
    let v = given[f.key];
    if (v === undefined) {
      config[f.key] = f.default;
      continue;
    }
    if (
      f.type === 'number' &&
      typeof v === 'string' &&
      v.trim() !== '' &&
      checkFieldValue(f, Number(v)) === null
    ) {
      note(`${at}.${f.key}`, 'expected a number, found a string', `read as ${Number(v)}`);
      v = Number(v);
    }
    const problem = checkFieldValue(f, v);
    if (problem) {
      note(`${at}.${f.key}`, problem, `reset to the default ${JSON.stringify(f.default)}`);
      config[f.key] = f.default;
    } else config[f.key] = typeof v === 'number' ? noNegativeZero(v) : (v as ConfigValue);
  }
  for (const key of Object.keys(given)) {
    if (known.has(key)) continue;
    if (FORBIDDEN_KEYS.has(key)) {
      note(`${at}.${key}`, 'reserved key', 'ignored');
      continue;
    }
    const v = given[key];
    const keepable =
      typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!keepable) {
      note(`${at}.${key}`, `unknown key with a ${describe(v)} value`, 'dropped');
      continue;
    }
    // Unknown keys of known kinds are kept so that a board from a sibling build round-trips; strict
    // mode (running) refuses them.
    note(
      `${at}.${key}`,
      def ? `unknown config key for ${kind}` : 'config of an unsupported component',
      'kept as is',
    );
    config[key] =
      typeof v === 'string'
        ? cleanControl(v).slice(0, MAX_LABEL_CHARS)
        : typeof v === 'number'
          ? noNegativeZero(v)
          : v;
  }
  return config;
}

/** Strips NUL and other control characters (tabs and newlines stay) — they break renderers and exports. */
export function cleanControl(s: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

export function cleanText(raw: unknown, max: number, at: string, note: Note): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    if (typeof raw === 'number' && Number.isFinite(raw)) {
      note(at, 'expected text, found a number', 'read as text');
      return String(raw);
    }
    note(at, `expected text, found ${describe(raw)}`, 'dropped');
    return undefined;
  }
  let s = cleanControl(raw);
  if (s !== raw) note(at, 'has control characters', 'removed them');
  if (s.length > max) {
    note(at, `${s.length} characters; the limit is ${max}`, `cut to ${max}`);
    s = Array.from(s.slice(0, max + 1))
      .join('')
      .slice(0, max);
    // Do not leave half of a surrogate pair at the end.
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  }
  return s;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : String(v);
  if (typeof v === 'string') return v.length > 40 ? 'a long string' : `"${v}"`;
  return typeof v === 'object' ? 'an object' : typeof v === 'undefined' ? 'nothing' : `a ${typeof v}`;
}
