import type { Board, BoardEdge, BoardNode } from '../../domain/document';
import type { FaultPlan } from '../../domain/faultPlan';
import type { InvariantId } from '../../domain/invariants';
import { createDefaultConfig, getKindDefinition, type Config } from '../../domain/catalog';
import type { ComponentKind } from '../../domain/kinds';
import { getApplicableInvariants } from '../../sim';
import { singleFaultCandidates } from './candidates';
import { probe, type Probe } from './runner';

/** What a suggestion changes, for the canvas diff: the nodes and edges it adds or alters. */
export interface RepairChange {
  type: 'insert' | 'config' | 'edge';
  /** Nodes the suggestion adds (insert) or changes (config). */
  nodeIds: string[];
  /** Edges the suggestion adds. */
  edgeIds: string[];
}

export interface RepairSuggestion {
  /** "Insert a dedup store (durable, key eventId) between usage-events (queue) and hourly-rollup (aggregator)". */
  summary: string;
  /** The complete board with the change applied. */
  board: Board;
  change: RepairChange;
  /** The invariant the suggestion makes hold under the found plan. */
  invariant: InvariantId;
  /** Fair-budget sample plans under which the invariant also held, out of how many were tried. */
  fairSample: { held: number; of: number };
  /** Other invariants that hold on the original board under the plan but not after the change. */
  breaks: InvariantId[];
}

export interface RepairOptions {
  plan: FaultPlan;
  seed?: number | undefined;
  events?: number | undefined;
  /** The invariant to repair (default: the first the plan violates). */
  invariant?: InvariantId | undefined;
  /** How many fair-budget plans each candidate is also checked under (default 6). */
  sampleSize?: number | undefined;
  /** Suggestions returned (default 3). */
  limit?: number | undefined;
}

export interface RepairResult {
  invariant: InvariantId | null;
  suggestions: RepairSuggestion[];
  /** Candidate edits tried, and runs made. */
  candidates: number;
  runs: number;
}

/** Components a repair may insert on an edge, each configured the safe way. */
const INSERTS: { kind: ComponentKind; config: Config; what: string }[] = [
  { kind: 'dedup', config: { key: 'eventId', durable: true }, what: 'a dedup store (durable, key eventId)' },
  {
    kind: 'dedup',
    config: { key: 'idempotencyKey', durable: true },
    what: 'a dedup store (durable, key idempotencyKey)',
  },
  {
    kind: 'idempotency-store',
    config: { atomicWithWrite: true },
    what: 'an idempotency store (atomic with the write)',
  },
  {
    kind: 'database',
    config: { transactional: true, uniqueKey: 'eventId' },
    what: 'a database (transactional, unique event id)',
  },
  {
    kind: 'queue',
    config: { orderedByKey: true, visibilityTimeoutMs: 5000 },
    what: 'a queue (durable, 5 s visibility timeout)',
  },
];

/** Sinks a repair may wire a new edge into (fed from an existing node). */
const ATTACH: { kind: ComponentKind; from: readonly string[]; what: string }[] = [
  {
    kind: 'dead-letter-queue',
    from: ['queue', 'worker', 'aggregator', 'dedup'],
    what: 'a dead-letter queue',
  },
  { kind: 'correction-log', from: ['aggregator'], what: 'a correction log' },
];

const name = (n: BoardNode) => `${n.label || n.kind} (${n.kind})`;

function freshId(board: Board, base: string): string {
  const used = new Set([...board.nodes.map((n) => n.id), ...board.edges.map((e) => e.id)]);
  for (let i = 1; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

function withConfig(kind: ComponentKind, patch: Config): Config {
  return { ...createDefaultConfig(kind), ...patch };
}

interface Edit {
  summary: string;
  board: Board;
  change: RepairChange;
  /** 1 = one value or one edge, 2 = a new component wired in. */
  size: number;
}

/** Every single edit of the board, smallest first (config flips, one new edge, one new component). */
export function candidateEdits(board: Board): Edit[] {
  const out: Edit[] = [];
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  // Flip one config value to another catalog option.
  for (const n of board.nodes) {
    const def = getKindDefinition(n.kind);
    if (!def) continue;
    for (const f of def.fields) {
      const cur = n.config[f.key] ?? f.default;
      const options: (string | boolean | number)[] =
        f.type === 'enum'
          ? f.options.filter((o) => o !== cur)
          : f.type === 'boolean'
            ? [!cur]
            : f.key === 'retries' && typeof cur === 'number' && cur < 10
              ? [10]
              : f.key === 'graceMs' && typeof cur === 'number'
                ? [Math.max(5000, cur * 2)]
                : [];
      for (const v of options) {
        const nodes = board.nodes.map((m) =>
          m.id === n.id ? { ...m, config: { ...m.config, [f.key]: v } } : m,
        );
        out.push({
          summary: `Set ${name(n)} ${f.label.toLowerCase()} (${f.key}): ${String(cur)} → ${String(v)}`,
          board: { ...board, nodes },
          change: { type: 'config', nodeIds: [n.id], edgeIds: [] },
          size: 1,
        });
      }
    }
  }
  // One new edge: from an existing node to an existing sink of the kinds above, or a new sink.
  for (const a of ATTACH) {
    const sinks = board.nodes.filter((n) => n.kind === a.kind);
    for (const src of board.nodes) {
      if (!a.from.includes(src.kind)) continue;
      for (const sink of sinks) {
        if (board.edges.some((e) => e.source === src.id && e.target === sink.id)) continue;
        const id = freshId(board, 'repair-edge');
        out.push({
          summary: `Connect ${name(src)} to ${name(sink)}`,
          board: { ...board, edges: [...board.edges, { id, source: src.id, target: sink.id }] },
          change: { type: 'edge', nodeIds: [], edgeIds: [id] },
          size: 1,
        });
      }
      if (board.edges.some((e) => e.source === src.id && byId.get(e.target)?.kind === a.kind)) continue;
      const nid = freshId(board, `repair-${a.kind}`);
      const eid = freshId(board, 'repair-edge');
      const node: BoardNode = {
        id: nid,
        kind: a.kind,
        label: a.kind === 'dead-letter-queue' ? `${src.label || src.kind}-dlq` : 'late-corrections',
        position: { x: src.position.x + 40, y: src.position.y + 160 },
        config: createDefaultConfig(a.kind),
      };
      out.push({
        summary: `Add ${a.what} fed by ${name(src)}`,
        board: {
          ...board,
          nodes: [...board.nodes, node],
          edges: [...board.edges, { id: eid, source: src.id, target: nid }],
        },
        change: { type: 'insert', nodeIds: [nid], edgeIds: [eid] },
        size: 2,
      });
    }
  }
  // Insert one component on one edge (the first half keeps the edge's id and place in edge order).
  for (const e of board.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    for (const ins of INSERTS) {
      if (ins.kind === s.kind || ins.kind === t.kind) continue;
      const nid = freshId(board, `repair-${ins.kind}`);
      const eid = freshId(board, 'repair-edge');
      const node: BoardNode = {
        id: nid,
        kind: ins.kind,
        label: `${ins.kind === 'dead-letter-queue' ? 'dlq' : ins.kind}-${t.label || t.kind}`.slice(0, 200),
        position: {
          x: Math.round((s.position.x + t.position.x) / 2),
          y: Math.round((s.position.y + t.position.y) / 2) + 120,
        },
        config: withConfig(ins.kind, ins.config),
      };
      const edges: BoardEdge[] = board.edges.flatMap((x) =>
        x.id === e.id
          ? [
              { ...x, target: nid },
              { id: eid, source: nid, target: t.id },
            ]
          : [x],
      );
      out.push({
        summary: `Insert ${ins.what} between ${name(s)} and ${name(t)}`,
        board: { ...board, nodes: [...board.nodes, node], edges },
        change: { type: 'insert', nodeIds: [nid], edgeIds: [eid] },
        size: 2,
      });
    }
  }
  return out.sort((a, b) => a.size - b.size);
}

/**
 * Searches single edits for the smallest change that makes `invariant` hold under the found plan
 * and, as far as a sample shows, under the rest of the fair budget: the strongest single faults the
 * guided search would try against the invariant on the changed board. Suggestions are ranked by
 * sample plans survived, then by size (a config value or an edge before a new component), then by
 * other invariants they would break.
 */
export function suggestRepairs(board: Board, options: RepairOptions): RepairResult {
  const seed = options.seed ?? 1;
  const events = options.events ?? 2_000;
  const found: Probe = { plan: options.plan, seed, events };
  const all = getApplicableInvariants(board);
  let runs = 0;
  const run = (b: Board, p: Probe, watch: InvariantId[]) => {
    runs++;
    try {
      return probe(b, p, watch);
    } catch {
      return { invariant: watch[0]!, result: null };
    }
  };
  const violated = run(board, found, options.invariant ? [options.invariant] : all);
  const invariant = options.invariant ?? violated?.invariant ?? null;
  if (!invariant || !violated) return { invariant, suggestions: [], candidates: 0, runs };
  // What else holds on the original under this plan: a repair should not break it.
  const heldBefore = all.filter((id) => id !== invariant && !run(board, found, [id]));
  const sampleSize = options.sampleSize ?? 6;
  const edits = candidateEdits(board);
  const passing: (Edit & { held: number; of: number; breaks: InvariantId[] })[] = [];
  for (const edit of edits) {
    if (!getApplicableInvariants(edit.board).includes(invariant)) continue;
    if (run(edit.board, found, [invariant])) continue;
    const sample = singleFaultCandidates(edit.board, [invariant], events)
      .slice(0, sampleSize)
      .map((c) => ({ faults: [c.fault] }));
    let held = 0;
    for (const plan of sample) if (!run(edit.board, { plan, seed, events }, [invariant])) held++;
    const breaks = heldBefore.filter(
      (id) => getApplicableInvariants(edit.board).includes(id) && run(edit.board, found, [id]),
    );
    passing.push({ ...edit, held, of: sample.length, breaks });
  }
  passing.sort(
    (a, b) =>
      b.held / Math.max(1, b.of) - a.held / Math.max(1, a.of) ||
      a.size - b.size ||
      a.breaks.length - b.breaks.length,
  );
  const suggestions = passing.slice(0, options.limit ?? 3).map((p) => ({
    summary: p.summary,
    board: p.board,
    change: p.change,
    invariant,
    fairSample: { held: p.held, of: p.of },
    breaks: p.breaks,
  }));
  return { invariant, suggestions, candidates: edits.length, runs };
}
