import type { Board } from '../../domain/document';
import type { Fault, FaultPlan } from '../../domain/faultPlan';
import type { InvariantId } from '../../domain/invariants';
import { runLengthMs } from './budget';
import { probe, type Probe } from './runner';

/** Rates, delays and event counts the shrinker tries, smallest first. */
const RATE_LADDER = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];
const DELAY_LADDER = [100, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000];
const DOWN_LADDER = [100, 200, 500, 1000, 2000, 5000, 10_000, 30_000];
const EVENTS_LADDER = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];
/** A window is not narrowed below this. */
const MIN_WINDOW_MS = 100;
/** Seeds below the current one that are tried (0, 1, …). */
const SEEDS_TRIED = 4;

export interface ShrinkProgress {
  runs: number;
  maxRuns: number;
}

/**
 * Shrinks a counterexample (QuickCheck-style greedy descent, every step re-checked by a run):
 * fewest faults, then fewest events, then narrowest windows (crash downtimes, fault windows
 * bisected), then lowest rates and shortest delays, then the smallest seed — always still violating
 * `invariant`. Yields after each run; returns the smallest probe found and the runs it made.
 */
export function* shrinkSteps(
  board: Board,
  start: Probe,
  invariant: InvariantId,
  maxRuns: number,
): Generator<ShrinkProgress, { probe: Probe; runs: number }> {
  let best: Probe = { plan: clonePlan(start.plan), seed: start.seed, events: start.events };
  let runs = 0;
  /** Tries a probe; adopts it when it still violates the invariant. */
  function* attempt(p: Probe): Generator<ShrinkProgress, boolean> {
    if (runs >= maxRuns) return false;
    runs++;
    const v = probe(board, p, [invariant]);
    yield { runs, maxRuns };
    if (v) best = p;
    return v !== null;
  }
  const withFault = (i: number, f: Fault): Probe => ({
    ...best,
    plan: { faults: best.plan.faults.map((g, j) => (j === i ? f : g)) },
  });

  // 1. Fewest faults: drop any fault the violation does not need, until none can go (a board that
  // breaks with no faults at all shrinks to the empty plan).
  for (let changed = true; changed && runs < maxRuns;) {
    changed = false;
    for (let i = 0; i < best.plan.faults.length; i++) {
      const faults = best.plan.faults.filter((_, j) => j !== i);
      if (yield* attempt({ ...best, plan: { faults } })) {
        changed = true;
        break;
      }
    }
  }

  // 2. Fewest events.
  for (const n of EVENTS_LADDER) {
    if (n >= best.events) break;
    if (yield* attempt({ ...best, events: n })) break;
  }

  // 3. Narrowest windows.
  for (let i = 0; i < best.plan.faults.length; i++) {
    const f = best.plan.faults[i]!;
    if (f.kind === 'crash') {
      for (const d of DOWN_LADDER) {
        if (d >= f.downMs) break;
        if (yield* attempt(withFault(i, { ...f, downMs: d }))) break;
      }
      const g = best.plan.faults[i] as Extract<Fault, { kind: 'crash' }>;
      const rounded = Math.round(g.atMs / 100) * 100;
      if (rounded !== g.atMs) yield* attempt(withFault(i, { ...g, atMs: rounded }));
      continue;
    }
    if (f.kind === 'deploy') continue; // an instant: no window to narrow
    // Bisect the window: keep whichever half still breaks the design.
    const end = Math.max(runLengthMs(board, best.events), f.fromMs + MIN_WINDOW_MS);
    let from = f.fromMs;
    let to = f.toMs ?? end;
    if (f.toMs === undefined && !(yield* attempt(withFault(i, { ...f, toMs: to })))) continue;
    while (to - from >= 2 * MIN_WINDOW_MS && runs < maxRuns) {
      const mid = from + Math.round((to - from) / 2 / MIN_WINDOW_MS) * MIN_WINDOW_MS;
      const cur = best.plan.faults[i]!;
      if (yield* attempt(withFault(i, { ...cur, fromMs: from, toMs: mid } as Fault))) to = mid;
      else if (yield* attempt(withFault(i, { ...cur, fromMs: mid, toMs: to } as Fault))) from = mid;
      else break;
    }
  }

  // 4. Lowest rates, shortest delays, smallest skews.
  for (let i = 0; i < best.plan.faults.length; i++) {
    const f = best.plan.faults[i]!;
    if ('rate' in f && typeof f.rate === 'number') {
      const current = f.rate;
      for (const r of RATE_LADDER) {
        if (r >= current) break;
        if (yield* attempt(withFault(i, { ...f, rate: r }))) break;
      }
    }
    const g = best.plan.faults[i]!;
    if (g.kind === 'late' || g.kind === 'reorder') {
      const current = g.kind === 'late' ? g.delayMs : g.windowMs;
      for (const d of DELAY_LADDER) {
        if (d >= current) break;
        const next: Fault = g.kind === 'late' ? { ...g, delayMs: d } : { ...g, windowMs: d };
        if (yield* attempt(withFault(i, next))) break;
      }
    }
    if (g.kind === 'clock-skew') {
      const sign = Math.sign(g.skewMs) || 1;
      for (const d of DELAY_LADDER) {
        if (d >= Math.abs(g.skewMs)) break;
        if (yield* attempt(withFault(i, { ...g, skewMs: sign * d }))) break;
      }
    }
  }

  // 5. Smallest seed.
  for (let s = 0; s < Math.min(best.seed, SEEDS_TRIED); s++) if (yield* attempt({ ...best, seed: s })) break;

  return { probe: best, runs };
}

function clonePlan(plan: FaultPlan): FaultPlan {
  return { faults: plan.faults.map((f) => ({ ...f })) };
}
