import type { Board, BoardEdge, BoardNode } from '../../domain/document';
import type { Fault } from '../../domain/faultPlan';
import type { InvariantId } from '../../domain/invariants';
import { FAIR_BUDGET, maxFairWindowMs, resolveTarget, runLengthMs } from './budget';
import { configValue, EXPOSURE, SINK_KINDS, THREAT, WEAK_BONUS, weakness, type Threat } from './threatModel';

/**
 * Structure-guided candidates: single faults aimed at the nodes and edges on the paths into each
 * invariant's sinks, scored by how much the fault kind threatens the invariant and how exposed the
 * target's kind is to it.
 */

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
