// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listScenarioIds, loadScenarioNode } from '../../src/content/loadScenarioNode';
import type { Scenario } from '../../src/domain/scenario';
import { gradeAttempt } from '../../src/grading/grade';
import { withConfig, withoutNode } from './boardDriver';

/** Grading with the real engine (the default runner), on small runs. */
const OPTS = { seeds: [1, 2, 3], events: 2_000, explain: false };

function scenario(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}
const ticks = (s: Scenario) => s.keyPoints.filter((k) => k.talkingPoint).map((k) => k.id);

describe('gradeAttempt on the engine', () => {
  it.each(listScenarioIds())('%s: the reference graded against itself scores 100', (id) => {
    const s = scenario(id);
    const g = gradeAttempt(s, structuredClone(s.reference), { ...OPTS, tickedTalkingPoints: ticks(s) });
    expect(g.behavioural.ok).toBe(true);
    if (g.behavioural.ok)
      for (const row of g.behavioural.rows) expect(row.user, row.invariant).toEqual(row.reference);
    expect(g.gaps).toEqual([]);
    expect(g.score).toBe(100);
  });

  it('metering-pipeline without its dedup: the gap, linked to the invariant the run broke', () => {
    const s = scenario('metering-pipeline');
    const g = gradeAttempt(s, withoutNode(s.reference, 'd'), { ...OPTS, tickedTalkingPoints: ticks(s) });
    const gap = g.gaps.find((x) => x.keyPointId === 'dedup-before-aggregate')!;
    expect(gap.message).toMatch(
      /^nothing deduplicates between usage-events \(queue\) and usage-rollup \(aggregator\)/,
    );
    expect(gap).toMatchObject({ invariant: 'usage-billed-exactly-once', broken: true });
    expect(g.behavioural.ok).toBe(true);
    if (g.behavioural.ok) {
      const row = g.behavioural.rows.find((r) => r.invariant === 'usage-billed-exactly-once')!;
      expect(row.reference.holds).toBe(true);
      expect(row.user.holds).toBe(false);
      expect(row.user.violatedSeeds).toEqual([1, 2, 3]);
      expect(row.user.count).toBeGreaterThan(0);
      expect(row.user.summary).toMatch(
        /counted more than once; nothing deduplicates between usage-events \(queue\)/,
      );
    }
    expect(g.score).toBeLessThanOrEqual(80);
    expect(g.missed.map((k) => k.id)).toContain('dedup-before-aggregate');
  });

  it('an in-memory dedup passes the loose check, fails the crash-safe one, and the run shows why', () => {
    const s = scenario('metering-pipeline');
    // The reference's seen-event-ids store, swapped for a dedup that keeps its keys in memory.
    const memory = structuredClone(s.reference);
    const d = memory.nodes.find((n) => n.id === 'd')!;
    d.kind = 'dedup';
    d.config = { key: 'eventId', ttlMs: 86_400_000, durable: false };
    const g = gradeAttempt(s, memory, {
      ...OPTS,
      tickedTalkingPoints: ticks(s),
    });
    expect(g.gaps.map((x) => x.keyPointId)).toEqual(['dedup-survives-crash']);
    expect(g.gaps[0]).toMatchObject({ broken: true });
    expect(g.score).toBeLessThan(100);
  });

  it('double-charge with random keys: the payment gap is linked to no-double-charge', () => {
    const s = scenario('double-charge');
    const g = gradeAttempt(s, withConfig(s.reference, 'w', { idempotencyKey: 'random-per-attempt' }), {
      ...OPTS,
      tickedTalkingPoints: ticks(s),
    });
    expect(g.gaps).toHaveLength(1);
    expect(g.gaps[0]).toMatchObject({
      keyPointId: 'deterministic-key',
      invariant: 'no-double-charge',
      broken: true,
    });
    expect(g.gaps[0]!.message).toMatch(/charger \(worker\) .* makes a new idempotency key on every attempt/);
  });

  it('every wrong variant scores below its reference and breaks the invariant it names', () => {
    for (const id of ['late-events', 'saga-provisioning', 'stripe-webhooks', 'billing-discrepancy']) {
      const s = scenario(id);
      for (const w of s.wrongVariants) {
        // The plans spread their faults over the graded ten seconds: run all of it, on one seed.
        const g = gradeAttempt(s, w.board, {
          ...OPTS,
          seeds: [1],
          events: 10_000,
          tickedTalkingPoints: ticks(s),
        });
        expect(g.score, `${id}/${w.id}`).toBeLessThan(100);
        expect(
          g.behavioural.ok && g.behavioural.rows.find((r) => r.invariant === w.violates)!.user.holds,
          `${id}/${w.id}`,
        ).toBe(false);
      }
    }
  });

  it("the drill's start board shows its gaps and broken invariant", () => {
    const s = scenario('billing-discrepancy');
    const g = gradeAttempt(s, s.startBoard!, { ...OPTS, tickedTalkingPoints: ticks(s) });
    expect(g.gaps.map((x) => x.keyPointId).sort()).toEqual([
      'correction-log',
      'grace-period',
      'late-events-dropped',
    ]);
    expect(g.gaps.find((x) => x.keyPointId === 'late-events-dropped')).toMatchObject({
      invariant: 'no-event-lost',
      broken: true,
    });
  });
});

describe('grading a board that cannot observe the invariants', () => {
  it('an empty board keeps nothing, even though nothing in it can go wrong', () => {
    const s = scenario('metering-pipeline');
    const empty = {
      format: 'faultline/design' as const,
      version: 1 as const,
      title: 'empty',
      nodes: [],
      edges: [],
    };
    const g = gradeAttempt(s, empty, { ...OPTS, tickedTalkingPoints: ticks(s) });
    expect(g.behavioural.ok).toBe(true);
    if (g.behavioural.ok) {
      for (const row of g.behavioural.rows) {
        expect(row.user.holds).toBe(false);
        expect(row.user.summary).toMatch(
          /^Not kept: (no producer emits usage|the design has no queue|the design has no aggregator)/,
        );
      }
    }
    expect(g.breakdown.invariants.earned).toBe(0);
    expect(g.breakdown.structure.earned).toBe(0);
    expect(g.score).toBeLessThanOrEqual(15);
  });
});

describe('a custom runner (as the grade worker passes one)', () => {
  it('still judges applicability by the board, so an empty board keeps nothing', () => {
    const s = scenario('metering-pipeline');
    const empty = {
      format: 'faultline/design' as const,
      version: 1 as const,
      title: 'empty',
      nodes: [],
      edges: [],
    };
    const holdsEverything = (_b: unknown, o: { invariants?: string[] }) => ({
      invariants: (o.invariants ?? []).map((id) => ({ id, holds: true, count: 0, summary: 'held' })),
    });
    const g = gradeAttempt(s, empty, { ...OPTS, run: holdsEverything });
    expect(g.breakdown.invariants.earned).toBe(0);
    const trusting = gradeAttempt(s, empty, { ...OPTS, run: holdsEverything, applies: false });
    expect(trusting.breakdown.invariants.earned).toBe(trusting.breakdown.invariants.max);
  });
});
