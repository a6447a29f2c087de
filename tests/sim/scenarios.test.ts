// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadAllScenariosNode } from '../../src/content/loadScenarioNode';
import { runSimulation } from '../../src/sim';

/**
 * The scenarios (content/scenarios, owned by content) are the engine's acceptance tests: every
 * reference design must hold its scenario's invariants under its fault plan on every seed tried,
 * and every known-wrong variant must violate the invariant it names.
 */
const scenarios = [...loadAllScenariosNode()].flatMap(([id, r]) => (r.ok ? [[id, r.scenario] as const] : []));

describe.each(scenarios)('scenario %s', (_id, scenario) => {
  it.each([1, 2, 3, 4, 5])('the reference design holds on seed %i', (seed) => {
    const r = runSimulation(scenario.reference, {
      seed,
      events: 5000,
      faultPlan: scenario.faultPlan,
      ...(scenario.durationMs !== undefined ? { durationMs: scenario.durationMs } : {}),
      invariants: scenario.invariants,
      explain: false,
    });
    expect(r.stopped).toBeUndefined();
    expect(r.invariants.filter((i) => !i.holds).map((i) => `${i.id}: ${i.summary}`)).toEqual([]);
  });

  it.each(scenario.wrongVariants.map((w) => [w.id, w] as const))(
    'wrong variant %s violates what it says',
    (_w, variant) => {
      const r = runSimulation(variant.board, {
        seed: 1,
        events: 5000,
        faultPlan: scenario.faultPlan,
        ...(scenario.durationMs !== undefined ? { durationMs: scenario.durationMs } : {}),
        invariants: scenario.invariants,
        explain: false,
      });
      expect(r.invariants.find((i) => i.id === variant.violates)?.holds).toBe(false);
    },
  );
});

/**
 * Wrong variants whose mistake breaks without any fault — by load or by configuration, as in
 * production: a history that outgrows the server's limit (the requests in flight when it is
 * terminated stop half-way), a handler that can never answer within its deadline, usage sent where
 * nothing records it. They may break only the invariants listed here.
 */
const BREAKS_WITHOUT_FAULTS = new Map<string, string[]>([
  ['continue-as-new/never-continues', ['workflow-completes', 'saga-atomic']],
  ['continue-as-new/child-workflows-instead', ['workflow-completes', 'saga-atomic']],
  ['nexus-cross-namespace/sync-handler-long-work', ['saga-atomic', 'workflow-completes']],
  ['signals-queries-updates/usage-as-queries', ['no-event-lost', 'usage-billed-exactly-once']],
]);

describe('no false alarms', () => {
  it.each(scenarios)(
    "with no faults, %s's reference and wrong variants hold every applicable invariant",
    (id, scenario) => {
      const boards = [
        { board: scenario.reference, allowed: [] as string[] },
        ...scenario.wrongVariants.map((w) => ({
          board: w.board,
          allowed: BREAKS_WITHOUT_FAULTS.get(`${id}/${w.id}`) ?? [],
        })),
      ];
      for (const { board: b, allowed } of boards) {
        const r = runSimulation(b, { seed: 1, events: 5000, faultPlan: { faults: [] }, explain: false });
        expect(r.invariants.length).toBeGreaterThan(0);
        expect(
          r.invariants
            .filter((i) => !i.holds && !allowed.includes(i.id))
            .map((i) => `${b.title}: ${i.id}: ${i.summary}`),
        ).toEqual([]);
      }
    },
  );
});
