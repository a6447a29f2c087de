// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadScenarioNode } from '../../src/content/loadScenarioNode';
import type { Scenario } from '../../src/domain/scenario';
import { compareBehaviour, type SimRunner } from '../../src/grading/behavioural';
import { gradeAttempt, HINT_COST, linkedInvariant, MAX_HINT_PENALTY } from '../../src/grading/grade';
import { withConfig, withoutNode } from './boardDriver';

function scenario(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

/**
 * A stand-in for the simulation that judges by structure only: without a dedup-like node, usage is
 * double counted. Grading logic is tested against it; the real engine is used in scenarioRuns.test.ts.
 */
const fakeRun: SimRunner = (board, opts) => ({
  invariants: (opts.invariants ?? []).map((id) => {
    const dedup = board.nodes.some(
      (n) =>
        n.kind === 'dedup' ||
        n.kind === 'idempotency-store' ||
        (n.kind === 'database' && n.config.uniqueKey !== 'none'),
    );
    const holds = id === 'usage-billed-exactly-once' ? dedup : true;
    return {
      id,
      holds,
      count: holds ? 0 : 7 + opts.seed,
      summary: holds ? 'held' : `${7 + opts.seed} events billed twice`,
      examples: holds ? [] : [opts.seed],
    };
  }),
});

const allTalkingPoints = (s: Scenario) => s.keyPoints.filter((k) => k.talkingPoint).map((k) => k.id);

describe('gradeAttempt', () => {
  const s = scenario('metering-pipeline');

  it('scores the reference graded against itself 100 with every talking point ticked', () => {
    const g = gradeAttempt(s, structuredClone(s.reference), {
      run: fakeRun,
      tickedTalkingPoints: allTalkingPoints(s),
    });
    expect(g.score).toBe(100);
    expect(g.gaps).toEqual([]);
    expect(g.missed).toEqual([]);
    expect(g.breakdown.invariants.earned).toBe(g.breakdown.invariants.max);
  });

  it('counts unticked talking points and hints against the score', () => {
    const none = gradeAttempt(s, s.reference, { run: fakeRun });
    expect(none.score).toBeLessThan(100);
    expect(none.missed.every((k) => k.type === 'talking-point')).toBe(true);
    const hinted = gradeAttempt(s, s.reference, {
      run: fakeRun,
      tickedTalkingPoints: allTalkingPoints(s),
      hintsUsed: 2,
    });
    expect(hinted.score).toBe(100 - 2 * HINT_COST);
    const many = gradeAttempt(s, s.reference, {
      run: fakeRun,
      tickedTalkingPoints: allTalkingPoints(s),
      hintsUsed: 50,
    });
    expect(many.score).toBe(100 - MAX_HINT_PENALTY);
  });

  it('shows the missing dedup as a gap linked to the invariant it broke', () => {
    const user = withoutNode(s.reference, 'd');
    const g = gradeAttempt(s, user, { run: fakeRun, tickedTalkingPoints: allTalkingPoints(s) });
    const gap = g.gaps.find((x) => x.keyPointId === 'dedup-before-aggregate');
    expect(gap).toMatchObject({ invariant: 'usage-billed-exactly-once', broken: true });
    expect(gap!.message).toBe(
      'nothing deduplicates between usage-events (queue) and usage-rollup (aggregator) on usage-events (queue) → meter-consumer (worker) → usage-rollup (aggregator)',
    );
    expect(g.behavioural.ok).toBe(true);
    if (g.behavioural.ok) {
      const row = g.behavioural.rows.find((r) => r.invariant === 'usage-billed-exactly-once')!;
      expect(row.user).toMatchObject({ holds: false, violatedSeeds: [1, 2, 3], count: 8 + 9 + 10 });
      expect(row.reference.holds).toBe(true);
    }
    // One of the round's four invariants broken, two structural roles missed.
    expect(g.score).toBeLessThan(85);
    expect(g.missed.map((k) => k.id)).toEqual(
      expect.arrayContaining(['dedup-before-aggregate', 'dedup-survives-crash']),
    );
  });

  it('still grades structure when no simulation is given, and says so', () => {
    const g = gradeAttempt(s, s.reference, { run: false, tickedTalkingPoints: allTalkingPoints(s) });
    expect(g.score).toBe(100);
    expect(g.behavioural).toMatchObject({ ok: false, reason: 'skipped' });
    expect(g.breakdown.invariants.max).toBe(0);
  });

  it('reports an invalid user board instead of crashing, and keeps no invariant', () => {
    const broken = withConfig(s.reference, 'a', { graceMs: -1 });
    const g = gradeAttempt(s, broken, { run: fakeRun, tickedTalkingPoints: allTalkingPoints(s) });
    expect(g.behavioural).toMatchObject({ ok: false, reason: 'invalid-board' });
    if (!g.behavioural.ok && g.behavioural.reason === 'invalid-board')
      expect(g.behavioural.issues[0]!.path).toBe('nodes.4.config.graceMs');
    expect(g.breakdown.invariants.earned).toBe(0);
    expect(g.score).toBeLessThan(60);
    for (const junk of [
      null,
      'board',
      { nodes: 'x' },
      { format: 'faultline/design', version: 1, nodes: [null, { id: 'a' }], edges: [{}] },
    ]) {
      expect(() => gradeAttempt(s, junk, { run: fakeRun })).not.toThrow();
    }
  });

  it('reports a simulation that stops instead of throwing', () => {
    const exploding: SimRunner = () => {
      throw new Error('event budget exhausted: a cycle through q1 → w1 → q1');
    };
    const g = gradeAttempt(s, s.reference, { run: exploding });
    expect(g.behavioural).toMatchObject({ ok: false, reason: 'sim-error', design: 'user' });
    if (!g.behavioural.ok) expect(g.behavioural.message).toMatch(/cycle through q1/);
  });

  it('links a role without its own invariant through the role mapping', () => {
    const kp = {
      id: 'x',
      text: 'x',
      check: { role: 'dedup-between', from: 'queue', to: 'aggregator' } as const,
    };
    expect(linkedInvariant(s, kp)).toBe('usage-billed-exactly-once');
    expect(linkedInvariant({ invariants: ['no-event-lost'] }, kp)).toBeUndefined();
  });
});

describe('compareBehaviour', () => {
  const s = scenario('metering-pipeline');

  it('runs both designs on the same seeds and events, and reports progress', () => {
    const calls: string[] = [];
    const spy: SimRunner = (board, opts) => {
      calls.push(`${board.title}:${opts.seed}:${opts.events}`);
      return fakeRun(board, opts);
    };
    const progress: number[] = [];
    const user = { ...structuredClone(s.reference), title: 'mine' };
    const r = compareBehaviour(s, user, {
      run: spy,
      seeds: [11, 12],
      events: 500,
      onProgress: (d) => progress.push(d),
    });
    expect(r.ok).toBe(true);
    expect(calls).toEqual([
      'mine:11:500',
      `${s.reference.title}:11:500`,
      'mine:12:500',
      `${s.reference.title}:12:500`,
    ]);
    expect(progress).toEqual([1, 2, 3, 4]);
    // The reference's runs are cached per scenario, seed, events and runner.
    calls.length = 0;
    compareBehaviour(s, user, { run: spy, seeds: [11, 12], events: 500 });
    expect(calls).toEqual(['mine:11:500', 'mine:12:500']);
  });

  it('counts an invariant the simulation did not report as not kept', () => {
    const silent: SimRunner = () => ({ invariants: [] });
    const r = compareBehaviour(s, s.reference, { run: silent, seeds: [1] });
    expect(r.ok && r.rows[0]!.user.holds).toBe(false);
  });
});

describe('grading does not count an invariant the reference also breaks', () => {
  const s = scenario('metering-pipeline');
  // The stand-in breaks no-event-lost for every board (the reference too) and billed-exactly-once
  // only for boards without a dedup or an idempotency store.
  const bothBreak: SimRunner = (board, opts) => ({
    invariants: (opts.invariants ?? []).map((id) => {
      const dedup = board.nodes.some((n) => n.kind === 'dedup' || n.kind === 'idempotency-store');
      const holds = id === 'no-event-lost' ? false : id === 'usage-billed-exactly-once' ? dedup : true;
      return { id, holds, count: holds ? 0 : 3, summary: holds ? 'held' : 'broken', examples: [] };
    }),
  });

  it('the reference keeps every other invariant: the user is graded on those only', () => {
    const r = gradeAttempt(s, s.reference, { run: bothBreak, seeds: [1], events: 100 });
    const graded = s.invariants.filter((id) => id !== 'no-event-lost').length;
    expect(r.breakdown.invariants.detail).toBe(`${graded} of ${graded} invariants kept`);
    expect(r.breakdown.invariants.earned).toBe(r.breakdown.invariants.max);
  });
});
