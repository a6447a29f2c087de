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

describe('no false alarms', () => {
  it.each(scenarios)(
    "with no faults, %s's reference and wrong variants hold every applicable invariant",
    (_id, scenario) => {
      const boards = [scenario.reference, ...scenario.wrongVariants.map((w) => w.board)];
      for (const b of boards) {
        const r = runSimulation(b, { seed: 1, events: 5000, faultPlan: { faults: [] }, explain: false });
        expect(r.invariants.length).toBeGreaterThan(0);
        expect(r.invariants.filter((i) => !i.holds).map((i) => `${b.title}: ${i.id}: ${i.summary}`)).toEqual(
          [],
        );
      }
    },
  );
});
