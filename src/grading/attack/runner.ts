import type { Board } from '../../domain/document';
import type { FaultPlan } from '../../domain/faultPlan';
import type { InvariantId } from '../../domain/invariants';
import { runSimulation, type InvariantResult } from '../../sim';

/** One probe: the board under a plan, watching some invariants. */
export interface Probe {
  plan: FaultPlan;
  seed: number;
  events: number;
}

/** The first watched invariant a run violated (preferring `prefer`), or null when all held or the run was stopped. */
export interface Violation {
  invariant: InvariantId;
  result: InvariantResult;
}

/**
 * Runs the engine without the explain pass or animation samples (a search makes hundreds of runs)
 * and reports the violation it found, if any.
 */
export function probe(
  board: Board,
  p: Probe,
  watch: readonly InvariantId[],
  prefer?: InvariantId,
): Violation | null {
  const r = runSimulation(board, {
    seed: p.seed,
    events: p.events,
    faultPlan: p.plan,
    invariants: [...watch],
    explain: false,
    sampleLimit: 0,
    timelineBuckets: 1,
  });
  if (r.stopped) return null;
  const bad = r.invariants.filter((i) => !i.holds);
  const pick = bad.find((i) => i.id === prefer) ?? bad[0];
  return pick ? { invariant: pick.id, result: pick } : null;
}

/** The same run with the explain pass on: the summary and the first example's message path. */
export function explainRun(board: Board, p: Probe, invariant: InvariantId): InvariantResult | null {
  const r = runSimulation(board, {
    seed: p.seed,
    events: p.events,
    faultPlan: p.plan,
    invariants: [invariant],
    sampleLimit: 0,
    timelineBuckets: 1,
  });
  return r.invariants[0] ?? null;
}
