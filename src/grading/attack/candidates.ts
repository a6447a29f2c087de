import type { Board, BoardEdge, BoardNode } from '../../domain/document';
import { getKindDefinition } from '../../domain/catalog';
import type { Fault } from '../../domain/faultPlan';
import type { FaultKind } from '../../domain/faultKinds';
import type { InvariantId } from '../../domain/invariants';
import { FAIR_BUDGET, maxFairWindowMs, resolveTarget, runLengthMs } from './budget';

/**
 * Structure-guided candidates: single faults aimed at the nodes and edges on the paths into each
 * invariant's sinks, scored by how much the fault kind threatens the invariant and how exposed the
 * target's kind is to it.
 */

/** Where each invariant is judged: the kinds whose state the checker reads. */
export const SINK_KINDS: Record<InvariantId, readonly string[]> = {
  'usage-billed-exactly-once': ['ledger', 'correction-log', 'aggregator'],
  'no-event-lost': ['ledger', 'correction-log', 'dead-letter-queue', 'aggregator'],
  'no-double-charge': ['payment-provider'],
  'every-invoice-charged': ['payment-provider'],
  'ledger-balanced': ['ledger', 'payment-provider'],
  'saga-atomic': ['activity'],
  'webhook-applied-once': ['webhook-endpoint'],
  'no-duplicate-notification': ['notification'],
  'pipeline-live': ['queue'],
  'every-request-completed': ['activity'],
  'totals-on-time': ['ledger', 'aggregator'],
  'discrepancy-detected': ['reconciler'],
  'workflow-completes': ['workflow'],
};

/** How much each fault kind threatens each invariant (0 = never breaks it, 3 = its classic enemy). */
const THREAT: Record<InvariantId, Partial<Record<Threat, number>>> = {
  'usage-billed-exactly-once': {
    duplicate: 3,
    timeout: 3,
    'crash-after': 3,
    crash: 2,
    late: 2,
    reorder: 1,
    poison: 1,
    'clock-skew': 1,
    outage: 1,
    partition: 1,
  },
  'no-event-lost': {
    crash: 3,
    late: 3,
    'crash-after': 2,
    outage: 2,
    partition: 2,
    poison: 2,
    'clock-skew': 2,
    timeout: 1,
    reorder: 1,
    duplicate: 1,
  },
  'no-double-charge': { timeout: 3, duplicate: 3, 'crash-after': 3, crash: 1, outage: 1 },
  'every-invoice-charged': { crash: 3, outage: 2, partition: 2, 'crash-after': 2, timeout: 1, poison: 1 },
  'ledger-balanced': { timeout: 3, duplicate: 3, 'crash-after': 2, crash: 1, reorder: 1 },
  'saga-atomic': { outage: 3, crash: 3, 'crash-after': 2, timeout: 2, duplicate: 1 },
  'webhook-applied-once': { duplicate: 3, reorder: 3, poison: 3, crash: 3, 'crash-after': 2, timeout: 1 },
  'no-duplicate-notification': { duplicate: 3, 'crash-after': 3, timeout: 2, crash: 2 },
  'pipeline-live': { poison: 3, outage: 2, crash: 1, partition: 1 },
  'every-request-completed': { outage: 3, crash: 3, timeout: 2, 'crash-after': 2, partition: 2 },
  'totals-on-time': { crash: 3, outage: 3, partition: 3, late: 2, 'clock-skew': 2, timeout: 1 },
  'discrepancy-detected': { duplicate: 3, timeout: 3, crash: 2, 'crash-after': 2, late: 2, poison: 1 },
  'workflow-completes': { crash: 3, 'crash-after': 2, outage: 2, partition: 1, timeout: 1 },
};

/** How exposed a target kind is to a fault kind (for edges: the kind of the node the edge goes into). */
const EXPOSURE: Partial<Record<Threat, Record<string, number>>> = {
  'crash-after': {
    dedup: 3,
    'idempotency-store': 3,
    database: 3,
    worker: 2,
    'webhook-endpoint': 2,
    workflow: 1,
    activity: 1,
  },
  crash: { worker: 3, 'webhook-endpoint': 3, activity: 3, dedup: 2, api: 2, workflow: 1, aggregator: 1 },
  timeout: {
    'payment-provider': 3,
    database: 2,
    'idempotency-store': 2,
    dedup: 2,
    aggregator: 2,
    activity: 2,
    worker: 1,
    ledger: 1,
  },
  duplicate: {
    aggregator: 3,
    'payment-provider': 3,
    'webhook-endpoint': 3,
    worker: 2,
    ledger: 2,
    queue: 1,
    activity: 1,
    notification: 2,
  },
  late: { aggregator: 3, queue: 1, worker: 1, dedup: 1 },
  reorder: { 'webhook-endpoint': 3, aggregator: 2, queue: 1 },
  poison: { queue: 3, worker: 2, 'webhook-endpoint': 3, aggregator: 1 },
  outage: { activity: 3, 'payment-provider': 2, queue: 1, worker: 1, database: 1 },
  partition: { queue: 2, worker: 1, 'payment-provider': 1 },
  'clock-skew': { producer: 3 },
};

type Threat = FaultKind | 'crash-after';

/**
 * Weak settings an interviewer looks for: a node configured this way is exposed to these faults
 * (on the node itself, or on the edges into it; `out` = on the edges out of it).
 */
const WEAK: { kind: string; key: string; value: string | boolean; faults: Threat[]; out?: boolean }[] = [
  { kind: 'webhook-endpoint', key: 'storeEventIds', value: false, faults: ['duplicate'] },
  { kind: 'webhook-endpoint', key: 'orderPolicy', value: 'naive', faults: ['reorder'] },
  { kind: 'webhook-endpoint', key: 'verifySignature', value: false, faults: ['poison'] },
  { kind: 'webhook-endpoint', key: 'ack', value: 'before-processing', faults: ['crash'] },
  { kind: 'worker', key: 'ack', value: 'before-processing', faults: ['crash'] },
  { kind: 'worker', key: 'idempotencyKey', value: 'none', faults: ['timeout', 'duplicate'], out: true },
  {
    kind: 'worker',
    key: 'idempotencyKey',
    value: 'random-per-attempt',
    faults: ['timeout', 'duplicate'],
    out: true,
  },
  { kind: 'dedup', key: 'durable', value: false, faults: ['crash-after', 'crash'] },
  { kind: 'database', key: 'transactional', value: false, faults: ['crash-after'] },
  { kind: 'database', key: 'replication', value: 'async-replica', faults: ['partition'] },
  { kind: 'idempotency-store', key: 'atomicWithWrite', value: false, faults: ['crash-after'] },
  { kind: 'aggregator', key: 'latePolicy', value: 'drop', faults: ['late', 'reorder'] },
  { kind: 'activity', key: 'hasCompensation', value: false, faults: ['crash', 'outage'] },
  { kind: 'workflow', key: 'compensate', value: false, faults: ['crash', 'outage'], out: true },
];
const WEAK_BONUS = 25;

function configValue(n: BoardNode, key: string): unknown {
  const v = n.config[key];
  if (v !== undefined) return v;
  return getKindDefinition(n.kind)?.fields.find((f) => f.key === key)?.default;
}

/** The bonus a weak setting gives fault `k` on node `n` (`out`: aimed at an edge out of `n`). */
function weakness(n: BoardNode | undefined, k: Threat, out: boolean): number {
  if (!n) return 0;
  for (const w of WEAK)
    if (
      w.kind === n.kind &&
      (w.out ?? false) === out &&
      w.faults.includes(k) &&
      configValue(n, w.key) === w.value
    )
      return WEAK_BONUS;
  return 0;
}

/** Senders that can redeliver (duplicate), let a malformed message in (poison), or send late (late at a producer). */
const DUP_SENDERS = new Set(['producer', 'queue', 'worker', 'api', 'payment-provider']);
const POISON_SENDERS = new Set(['producer', 'queue', 'payment-provider']);

export interface Candidate {
  fault: Fault;
  /** The invariant this candidate aims at (the search still checks every invariant it watches). */
  aim: InvariantId;
  score: number;
}

/** Nodes on some path from a producer into a sink of `inv` (ancestors of a sink reachable from a producer). */
export function nodesOnSinkPaths(board: Board, inv: InvariantId): Set<string> {
  const sinks = new Set(board.nodes.filter((n) => SINK_KINDS[inv].includes(n.kind)).map((n) => n.id));
  const back = new Set<string>(sinks);
  const stack = [...sinks];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of board.edges)
      if (e.target === id && !back.has(e.source)) {
        back.add(e.source);
        stack.push(e.source);
      }
  }
  const fwd = new Set<string>(board.nodes.filter((n) => n.kind === 'producer').map((n) => n.id));
  const st2 = [...fwd];
  while (st2.length) {
    const id = st2.pop()!;
    for (const e of board.edges)
      if (e.source === id && !fwd.has(e.target)) {
        fwd.add(e.target);
        st2.push(e.target);
      }
  }
  return new Set([...back].filter((id) => fwd.has(id)));
}

const pct = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Every single-fault candidate for `invariants`, best first: the targets on the sink paths, each
 * fault kind at a few rates and timings (the strongest variant of each pair first, the gentler
 * ones after, then the targets off the paths).
 */
export function singleFaultCandidates(
  board: Board,
  invariants: readonly InvariantId[],
  events: number,
): Candidate[] {
  const runMs = Math.max(1000, runLengthMs(board, events));
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  // One entry per distinct fault, with the best score any watched invariant gives it.
  const out: Candidate[] = [];
  const seen = new Map<string, Candidate>();
  const push = (c: Candidate) => {
    const k = JSON.stringify(c.fault);
    const prev = seen.get(k);
    if (prev) {
      if (c.score > prev.score) {
        prev.score = c.score;
        prev.aim = c.aim;
      }
      return;
    }
    seen.set(k, c);
    out.push(c);
  };
  const at = (frac: number) => Math.round((runMs * frac) / 100) * 100;
  // An aggregator that drops late events, or has no correction log wired, makes every late or
  // reordered delivery upstream of it a threat.
  const lateWeak = board.nodes.some(
    (n) =>
      n.kind === 'aggregator' &&
      (configValue(n, 'latePolicy') === 'drop' ||
        !board.edges.some((e) => e.source === n.id && byId.get(e.target)?.kind === 'correction-log')),
  );
  for (const inv of invariants) {
    const onPath = nodesOnSinkPaths(board, inv);
    const threat = THREAT[inv];
    const base = (k: Threat, targetKind: string, path: boolean, variant: number) =>
      (threat[k] ?? 0) * 10 + (EXPOSURE[k]?.[targetKind] ?? 0) * 4 + (path ? 20 : 0) - variant * 15;
    const nodeGen = (n: BoardNode) => {
      const path = onPath.has(n.id);
      const callers = board.edges.filter((e) => e.target === n.id).map((e) => byId.get(e.source));
      const score = (k: Threat, tk: string, p: boolean, v: number) =>
        base(k, tk, p, v) + Math.max(weakness(n, k, false), ...callers.map((c) => weakness(c, k, true)));
      if (n.kind !== 'producer') {
        push({
          fault: { kind: 'crash', target: n.id, atMs: at(0.5), downMs: 1000, point: 'after-side-effect' },
          aim: inv,
          score: score('crash-after', n.kind, path, 0),
        });
        push({
          fault: { kind: 'crash', target: n.id, atMs: at(0.2), downMs: FAIR_BUDGET.maxDownMs, point: 'any' },
          aim: inv,
          score: score('crash', n.kind, path, 0),
        });
        push({
          fault: { kind: 'crash', target: n.id, atMs: at(0.5), downMs: 1000, point: 'any' },
          aim: inv,
          score: score('crash', n.kind, path, 1),
        });
        push({
          fault: { kind: 'crash', target: n.id, atMs: at(0.2), downMs: 200, point: 'after-side-effect' },
          aim: inv,
          score: score('crash-after', n.kind, path, 1),
        });
        push({
          fault: { kind: 'outage', target: n.id, fromMs: 0, rate: FAIR_BUDGET.maxFlakyOutageRate },
          aim: inv,
          score: score('outage', n.kind, path, 0),
        });
        const w = maxFairWindowMs(board, n.id);
        if (w > 0)
          push({
            fault: {
              kind: 'outage',
              target: n.id,
              fromMs: at(0.3),
              toMs: at(0.3) + Math.floor(w * 0.9),
              rate: 1,
            },
            aim: inv,
            score: score('outage', n.kind, path, 1),
          });
      } else {
        push({
          fault: {
            kind: 'clock-skew',
            target: n.id,
            fromMs: at(0.3),
            toMs: at(0.6),
            skewMs: -FAIR_BUDGET.maxSkewMs,
          },
          aim: inv,
          score: score('clock-skew', n.kind, path, 0),
        });
        push({
          fault: {
            kind: 'clock-skew',
            target: n.id,
            fromMs: at(0.3),
            toMs: at(0.6),
            skewMs: FAIR_BUDGET.maxSkewMs,
          },
          aim: inv,
          score: score('clock-skew', n.kind, path, 1),
        });
        push({
          fault: { kind: 'late', target: n.id, fromMs: 0, rate: 0.1, delayMs: FAIR_BUDGET.maxDelayMs },
          aim: inv,
          score: score('late', 'aggregator', path, 1),
        });
      }
    };
    const edgeGen = (e: BoardEdge) => {
      const src = byId.get(e.source);
      const dst = byId.get(e.target);
      if (!src || !dst) return;
      const path = onPath.has(e.source) && onPath.has(e.target);
      const tk = dst.kind;
      const score = (k: Threat, t: string, p: boolean, v: number) =>
        base(k, t, p, v) +
        Math.max(
          weakness(dst, k, false),
          weakness(src, k, true),
          lateWeak && p && (k === 'late' || k === 'reorder') ? WEAK_BONUS : 0,
        );
      const r = FAIR_BUDGET.maxRate;
      push({
        fault: { kind: 'timeout', target: e.id, fromMs: 0, rate: r.timeout },
        aim: inv,
        score: score('timeout', tk, path, 0),
      });
      push({
        fault: { kind: 'timeout', target: e.id, fromMs: 0, rate: pct(r.timeout / 5) },
        aim: inv,
        score: score('timeout', tk, path, 1),
      });
      if (DUP_SENDERS.has(src.kind)) {
        push({
          fault: { kind: 'duplicate', target: e.id, fromMs: 0, rate: r.duplicate },
          aim: inv,
          score: score('duplicate', tk, path, 0),
        });
        push({
          fault: { kind: 'duplicate', target: e.id, fromMs: 0, rate: pct(r.duplicate / 5) },
          aim: inv,
          score: score('duplicate', tk, path, 1),
        });
      }
      push({
        fault: { kind: 'late', target: e.id, fromMs: 0, rate: r.late, delayMs: FAIR_BUDGET.maxDelayMs },
        aim: inv,
        score: score('late', tk, path, 0),
      });
      push({
        fault: { kind: 'late', target: e.id, fromMs: 0, rate: r.late, delayMs: 5000 },
        aim: inv,
        score: score('late', tk, path, 1),
      });
      push({
        fault: { kind: 'reorder', target: e.id, fromMs: 0, rate: r.reorder, windowMs: 5000 },
        aim: inv,
        score: score('reorder', tk, path, 0),
      });
      if (POISON_SENDERS.has(src.kind))
        push({
          fault: { kind: 'poison', target: e.id, fromMs: 0, rate: r.poison },
          aim: inv,
          score: score('poison', tk, path, 0),
        });
      const w = maxFairWindowMs(board, e.id);
      if (w > 0)
        push({
          fault: { kind: 'partition', target: e.id, fromMs: at(0.3), toMs: at(0.3) + Math.floor(w * 0.9) },
          aim: inv,
          score: score('partition', tk, path, 0),
        });
    };
    board.nodes.forEach(nodeGen);
    board.edges.forEach(edgeGen);
    // A partition between two regions cuts every edge between them at once (a replicated database
    // answers it itself: failover or refusal), within the horizon of every caller across the cut.
    const regions = [...new Set(board.nodes.flatMap((n) => (n.region ? [n.region] : [])))].sort();
    for (let i = 0; i < regions.length; i++)
      for (let j = i + 1; j < regions.length; j++) {
        const target = `region:${regions[i]!}|${regions[j]!}`;
        const cut = board.edges.filter((e) => resolveTarget(board, target).edges.has(e.id));
        const w = maxFairWindowMs(board, target);
        if (cut.length === 0 || w <= 0) continue;
        const score = Math.max(
          ...cut.map((e) => {
            const dst = byId.get(e.target);
            const p = onPath.has(e.source) && onPath.has(e.target);
            return base('partition', dst?.kind ?? '', p, 0) + weakness(dst, 'partition', false);
          }),
        );
        push({
          fault: { kind: 'partition', target, fromMs: at(0.3), toMs: at(0.3) + Math.floor(w * 0.9) },
          aim: inv,
          score,
        });
      }
  }
  // Stable sort: equal scores keep board order (nodes, then edges), so the list is deterministic.
  return out
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.score > 0)
    .sort((a, b) => b.c.score - a.c.score || a.i - b.i)
    .map(({ c }) => c);
}
