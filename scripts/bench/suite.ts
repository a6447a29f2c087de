import { loadScenarioNode } from '../../src/content/loadScenarioNode';
import { gradeAttempt } from '../../src/grading';
import { runWithEngine } from '../../src/grading/simRunner';
import { runSimulation } from '../../src/sim';

export interface SuiteFigures {
  scenario: string;
  seeds: number;
  events: number;
  medianMs: number;
  baselineMedianMs: number;
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * One scenario's grading suite end to end: a wrong variant as the user's board and the reference,
 * both run on 20 seeds × 10,000 events, plus structural checks and the score. The baseline runs the
 * same 40 simulations one by one as the run panel does them (with the explain pass and animation
 * samples), nothing shared (no reference cache, no grading).
 */
export function benchSuite(id = 'metering-pipeline', seedsN = 20, events = 10_000, runs = 3): SuiteFigures {
  const loaded = loadScenarioNode(id);
  if (!loaded.ok) throw new Error(loaded.message);
  const scenario = loaded.scenario;
  const user = scenario.wrongVariants[0]!.board;
  const seeds = Array.from({ length: seedsN }, (_, i) => i + 1);
  const times: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < runs; r++) {
    // A fresh copy each time: the grader caches reference runs per scenario object.
    const fresh = JSON.parse(JSON.stringify(scenario)) as typeof scenario;
    let t = performance.now();
    gradeAttempt(fresh, user, { seeds, events, run: runWithEngine });
    times.push(performance.now() - t);
    t = performance.now();
    for (const seed of seeds) {
      runSimulation(user, { seed, events, faultPlan: scenario.faultPlan, invariants: scenario.invariants });
      runSimulation(scenario.reference, {
        seed,
        events,
        faultPlan: scenario.faultPlan,
        invariants: scenario.invariants,
      });
    }
    base.push(performance.now() - t);
  }
  const medianMs = median(times);
  const baselineMedianMs = median(base);
  return {
    scenario: id,
    seeds: seedsN,
    events,
    medianMs,
    baselineMedianMs,
    ratio: baselineMedianMs / medianMs,
  };
}
