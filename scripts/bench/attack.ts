import { listScenarioIds, loadScenarioNode } from '../../src/content/loadScenarioNode';
import { RELEASE_ONLY_VARIANTS } from '../../src/content/releaseOnlyVariants';
import { runAttack } from '../../src/grading/attack';

export interface AttackVariantRow {
  scenario: string;
  variant: string;
  invariant: string;
  guidedTries: number;
  /** Naive random search's tries; `naiveFound` false = it used its whole budget without a hit. */
  naiveTries: number;
  naiveFound: boolean;
}

export interface AttackFigures {
  events: number;
  seeds: number[];
  budget: number;
  rows: AttackVariantRow[];
  guidedTotal: number;
  naiveTotal: number;
  /** naive tries / guided tries, summed over every wrong variant and seed (a naive miss counts its whole budget). */
  ratio: number;
  /** Runs per second while searching (guided and naive together). */
  triesPerSec: number;
  /** One full attack (search + shrink + explain) on a scenario-size board at 10,000 events per try. */
  fullAttack: {
    board: string;
    events: number;
    found: boolean;
    tries: number;
    shrinkRuns: number;
    ms: number;
  };
}

/**
 * The guided attack against naive random search of the same budget, on every scenario's wrong
 * variants (aimed at the invariant the variant names), over a few search seeds; and one full attack
 * at scenario size. Shrinking is off in the comparison: only the search's tries are compared. The
 * release-only variants are left out: no fair plan can break them (src/content/releaseOnlyVariants.ts).
 */
export function benchAttack(
  opts: { events?: number; seeds?: number[]; budget?: number } = {},
): AttackFigures {
  const events = opts.events ?? 2_000;
  const seeds = opts.seeds ?? [1, 2, 3];
  const budget = opts.budget ?? 200;
  const rows: AttackVariantRow[] = [];
  let runs = 0;
  let ms = 0;
  for (const id of listScenarioIds()) {
    const loaded = loadScenarioNode(id);
    if (!loaded.ok) throw new Error(loaded.message);
    for (const w of loaded.scenario.wrongVariants.filter((v) => !RELEASE_ONLY_VARIANTS.has(`${id}/${v.id}`)))
      for (const seed of seeds) {
        const o = { invariant: w.violates, events, seed, maxTries: budget, shrink: false, explain: false };
        const t0 = performance.now();
        const g = runAttack(w.board, o);
        const n = runAttack(w.board, o, undefined, 'random');
        ms += performance.now() - t0;
        runs += g.tries + n.tries;
        rows.push({
          scenario: id,
          variant: `${w.id} (seed ${seed})`,
          invariant: w.violates,
          guidedTries: g.found ? g.tries : budget,
          naiveTries: n.found ? n.tries : budget,
          naiveFound: n.found,
        });
      }
  }
  const guidedTotal = rows.reduce((a, r) => a + r.guidedTries, 0);
  const naiveTotal = rows.reduce((a, r) => a + r.naiveTries, 0);
  const ref = loadScenarioNode('metering-pipeline');
  if (!ref.ok) throw new Error(ref.message);
  const memory =
    ref.scenario.wrongVariants.find((w) => w.id === 'memory-dedup') ?? ref.scenario.wrongVariants[0]!;
  const t0 = performance.now();
  const full = runAttack(memory.board, { events: 10_000 });
  return {
    events,
    seeds,
    budget,
    rows,
    guidedTotal,
    naiveTotal,
    ratio: naiveTotal / Math.max(1, guidedTotal),
    triesPerSec: runs / (ms / 1000),
    fullAttack: {
      board: `metering-pipeline / ${memory.id}`,
      events: 10_000,
      found: full.found,
      tries: full.tries,
      shrinkRuns: full.shrinkRuns,
      ms: Math.round(performance.now() - t0),
    },
  };
}
