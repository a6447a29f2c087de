import type { Board, BoardNode } from '../../domain/document';
import type { Fault, FaultPlan } from '../../domain/faultPlan';
import { getKindDefinition } from '../../domain/catalog';
import {
  MAX_RECEIVES,
  retryHorizonMs as engineRetrySpan,
  WEBHOOK_RETRY_HORIZON_MS,
} from '../../sim/engine/constants';

/**
 * The fair budget (docs/simulation.md, "The fair budget"): the faults a correct design must
 * survive. Data, so that the search, the shrinker, the repair check, the docs and the tests read
 * the same numbers.
 */
export const FAIR_BUDGET = {
  /** Highest per-delivery rate of each rated fault kind. */
  maxRate: { duplicate: 0.1, late: 0.1, reorder: 0.1, timeout: 0.1, poison: 0.01 },
  /** A `late` delivery and a `reorder` hold-back are at most this long. */
  maxDelayMs: 60_000,
  /** A crash (either point) restarts within this long. */
  maxDownMs: 30_000,
  /** A producer's clock is off by at most this much either way. */
  maxSkewMs: 60_000,
  /**
   * An `outage` with a rate at most this is a flaky dependency (like a timeout): any window is fair. Above
   * it, the window must be shorter than the callers' retry horizon.
   */
  maxFlakyOutageRate: 0.1,
  /** Components that retry for as long as it takes (durable queues, outboxes) count as this horizon. */
  horizonCapMs: 30_000,
  /** The search combines at most this many faults. */
  maxFaults: 3,
} as const;

/** Kinds that pass a call on synchronously and answer with the downstream's answer: the retrying is done by their caller. */
const PASS_THROUGH = new Set(['api', 'dedup', 'idempotency-store', 'cache', 'activity']);

function num(n: BoardNode, key: string): number {
  const v = n.config[key];
  if (typeof v === 'number') return v;
  const f = getKindDefinition(n.kind)?.fields.find((x) => x.key === key);
  return f?.type === 'number' ? f.default : 0;
}

/** Sum of the backoffs before resends 1 … `retries`: 3 retries → 1 + 2 + 4 = 7 s. */
export function backoffSpanMs(retries: number): number {
  return engineRetrySpan(retries);
}

/**
 * How long `caller` keeps retrying a call that fails (its documented retry horizon), capped at
 * `horizonCapMs`. Producers, workers and workflows: the span of their resends (`retries` with
 * backoff). A queue with a DLQ wired: its last delivery comes `MAX_RECEIVES − 1` visibility timeouts
 * after the first (then the DLQ takes the message) — measured like a producer's span up to its last
 * resend; without a DLQ it retries for ever. Outboxes (database, aggregator, webhook endpoint), the provider's
 * webhook redelivery and schedulers retry long past the cap. Pass-through kinds (API, dedup,
 * idempotency store, cache, activity) answer with the downstream's answer, so their own callers'
 * horizon applies.
 */
export function retryHorizonMs(board: Board, callerId: string, seen = new Set<string>()): number {
  const cap = FAIR_BUDGET.horizonCapMs;
  const n = board.nodes.find((x) => x.id === callerId);
  if (!n || seen.has(callerId)) return cap;
  seen.add(callerId);
  switch (n.kind) {
    case 'producer':
    case 'worker':
    case 'workflow':
      return Math.min(cap, backoffSpanMs(num(n, 'retries')));
    case 'queue': {
      const dlq = board.edges.some(
        (e) => e.source === n.id && board.nodes.find((x) => x.id === e.target)?.kind === 'dead-letter-queue',
      );
      return dlq ? Math.min(cap, (MAX_RECEIVES - 1) * num(n, 'visibilityTimeoutMs')) : cap;
    }
    case 'payment-provider':
      return Math.min(cap, WEBHOOK_RETRY_HORIZON_MS);
    default:
      if (PASS_THROUGH.has(n.kind)) {
        const callers = board.edges.filter((e) => e.target === n.id).map((e) => e.source);
        if (callers.length === 0) return 0;
        return Math.min(...callers.map((c) => retryHorizonMs(board, c, new Set(seen))));
      }
      return cap;
  }
}

/**
 * What a fault target matches on a board: node ids and edge ids (edges into matched nodes included;
 * `region:<a>|<b>` matches the edges between the two regions).
 */
export function resolveTarget(board: Board, target: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (target === '*') for (const n of board.nodes) nodes.add(n.id);
  else if (target.startsWith('kind:')) {
    const k = target.slice(5);
    for (const n of board.nodes) if (n.kind === k) nodes.add(n.id);
  } else if (target.startsWith('region:')) {
    // A region partition cuts every edge between the two regions (both directions), no node.
    const [a, b] = target.slice(7).split('|');
    const region = new Map(board.nodes.map((n) => [n.id, n.region]));
    for (const e of board.edges) {
      const ra = region.get(e.source);
      const rb = region.get(e.target);
      if (a && b && ((ra === a && rb === b) || (ra === b && rb === a))) edges.add(e.id);
    }
  } else if (board.nodes.some((n) => n.id === target)) nodes.add(target);
  else if (board.edges.some((e) => e.id === target)) edges.add(target);
  for (const e of board.edges) if (nodes.has(e.target)) edges.add(e.id);
  return { nodes, edges };
}

/**
 * The longest fair outage or partition window on `target`: shorter than the retry horizon of every
 * caller of the failing node or edge (1 ms less than the smallest horizon).
 */
export function maxFairWindowMs(board: Board, target: string): number {
  const { edges } = resolveTarget(board, target);
  let h: number = FAIR_BUDGET.horizonCapMs;
  for (const e of board.edges) if (edges.has(e.id)) h = Math.min(h, retryHorizonMs(board, e.source));
  return Math.max(0, h - 1);
}

/** The run's length in virtual ms: the slowest producer's share of `events` at its rate. */
export function runLengthMs(board: Board, events: number): number {
  const producers = board.nodes.filter((n) => n.kind === 'producer');
  if (producers.length === 0) return 0;
  let longest = 0;
  producers.forEach((p, i) => {
    const share = Math.floor(events / producers.length) + (i < events % producers.length ? 1 : 0);
    longest = Math.max(longest, (share / Math.max(1, num(p, 'ratePerSec'))) * 1000);
  });
  return Math.ceil(longest);
}

function windowLength(f: Exclude<Fault, { kind: 'crash' | 'deploy' }>, runMs: number): number {
  const to = f.toMs ?? Math.max(runMs, f.fromMs) + FAIR_BUDGET.horizonCapMs * 100;
  return to - f.fromMs;
}

/**
 * Why a plan is outside the fair budget — one line per problem, naming the fault (`faults.1`); an
 * empty list means fair. `events` gives the run length (a window without `toMs` lasts to the end).
 */
export function checkFairness(board: Board, plan: FaultPlan, events: number): string[] {
  const problems: string[] = [];
  const runMs = runLengthMs(board, events);
  const B = FAIR_BUDGET;
  plan.faults.forEach((f, i) => {
    const at = `faults.${i} (${f.kind})`;
    switch (f.kind) {
      case 'duplicate':
      case 'late':
      case 'reorder':
      case 'timeout':
      case 'poison': {
        const rate = f.rate;
        if (rate > B.maxRate[f.kind]) problems.push(`${at}: rate ${rate} is above ${B.maxRate[f.kind]}`);
        if (f.kind === 'late' && f.delayMs > B.maxDelayMs)
          problems.push(`${at}: delay ${f.delayMs} ms is above ${B.maxDelayMs} ms`);
        if (f.kind === 'reorder' && f.windowMs > B.maxDelayMs)
          problems.push(`${at}: window ${f.windowMs} ms is above ${B.maxDelayMs} ms`);
        break;
      }
      case 'deploy':
        // A release is the team's own act, not a fault the world throws at the design: the
        // zero-downtime rounds plan their deploys; the interviewer does not.
        problems.push(`${at}: a deploy is not in the fair budget`);
        break;
      case 'crash':
        if (f.downMs > B.maxDownMs) problems.push(`${at}: down ${f.downMs} ms is above ${B.maxDownMs} ms`);
        break;
      case 'clock-skew':
        if (Math.abs(f.skewMs) > B.maxSkewMs)
          problems.push(`${at}: skew ${f.skewMs} ms is beyond ±${B.maxSkewMs} ms`);
        break;
      case 'outage':
      case 'partition': {
        const rate = f.kind === 'outage' ? f.rate : 1;
        if (f.kind === 'outage' && rate <= B.maxFlakyOutageRate) break;
        const max = maxFairWindowMs(board, f.target);
        const len = windowLength(f, runMs);
        if (len > max)
          problems.push(
            `${at}: a ${len} ms window is not shorter than the callers' retry horizon (${max + 1} ms)`,
          );
        break;
      }
    }
  });
  // Back-to-back windows on the same component add up: blackouts on one target must be a horizon apart,
  // crashes of one node must not overlap (one restart each).
  const blackouts = plan.faults
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.kind === 'partition' || (f.kind === 'outage' && f.rate > B.maxFlakyOutageRate));
  for (let a = 0; a < blackouts.length; a++)
    for (let b = a + 1; b < blackouts.length; b++) {
      const fa = blackouts[a]!.f as Extract<Fault, { kind: 'outage' | 'partition' }>;
      const fb = blackouts[b]!.f as Extract<Fault, { kind: 'outage' | 'partition' }>;
      if (!overlaps(board, fa.target, fb.target)) continue;
      const gap = Math.max(fa.fromMs, fb.fromMs) - Math.min(fa.toMs ?? Infinity, fb.toMs ?? Infinity);
      const horizon = Math.min(maxFairWindowMs(board, fa.target), maxFairWindowMs(board, fb.target)) + 1;
      if (gap < horizon)
        problems.push(
          `faults.${blackouts[a]!.i} and faults.${blackouts[b]!.i}: outage windows on the same component less than a retry horizon apart`,
        );
    }
  const crashes = plan.faults.map((f, i) => ({ f, i })).filter(({ f }) => f.kind === 'crash');
  for (let a = 0; a < crashes.length; a++)
    for (let b = a + 1; b < crashes.length; b++) {
      const fa = crashes[a]!.f as Extract<Fault, { kind: 'crash' }>;
      const fb = crashes[b]!.f as Extract<Fault, { kind: 'crash' }>;
      if (!overlaps(board, fa.target, fb.target)) continue;
      const gap = Math.max(fa.atMs, fb.atMs) - Math.min(fa.atMs + fa.downMs, fb.atMs + fb.downMs);
      if (gap <= 0)
        problems.push(
          `faults.${crashes[a]!.i} and faults.${crashes[b]!.i}: crashes of the same component overlap`,
        );
    }
  return problems;
}

function overlaps(board: Board, a: string, b: string): boolean {
  const ra = resolveTarget(board, a);
  const rb = resolveTarget(board, b);
  for (const n of ra.nodes) if (rb.nodes.has(n)) return true;
  for (const e of ra.edges) if (rb.edges.has(e)) return true;
  return false;
}
