// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listScenarioIds, loadScenarioNode } from '../../src/content/loadScenarioNode';
import { RELEASE_ONLY_VARIANTS } from '../../src/content/releaseOnlyVariants';
import type { Board } from '../../src/domain/document';
import { parseFaultPlan } from '../../src/domain/faultPlan';
import type { InvariantId } from '../../src/domain/invariants';
import type { Scenario } from '../../src/domain/scenario';
import {
  checkFairness,
  describePlanQuestion,
  resolveTarget,
  retryHorizonMs,
  runAttack,
  suggestRepairs,
} from '../../src/grading/attack';
import { runSimulation } from '../../src/sim';
import { createSampleBoard } from '../../src/store/sampleBoard';
import { board as boardOf, inv } from '../sim/boardBuilder';

function load(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(`${id}: ${r.message}`);
  return r.scenario;
}
const scenarios = listScenarioIds().map(load);

/** True when the plan, seed and events reproduce a violation of `invariant` on a fresh run. */
function reproduces(board: Board, plan: unknown, seed: number, events: number, invariant: string): boolean {
  const parsed = parseFaultPlan(plan);
  if (!parsed.ok) throw new Error(parsed.message);
  const r = runSimulation(board, {
    seed,
    events,
    faultPlan: parsed.plan,
    explain: false,
    invariants: [invariant as InvariantId],
  });
  return r.invariants.some((i) => i.id === invariant && !i.holds);
}

describe('the fair budget', () => {
  const board = load('metering-pipeline').reference;
  it("derives a caller's retry horizon from its retries and the engine's backoff", () => {
    // 10 resends span about five minutes (a Kafka producer's delivery timeout is two): capped at 30 s.
    expect(retryHorizonMs(board, 'p')).toBe(30_000);
    expect(retryHorizonMs(board, 'w')).toBe(7000); // 3 retries: 1 + 2 + 4 s
    // The idempotency store passes calls through: its caller (the worker) does the retrying.
    expect(retryHorizonMs(board, 'd')).toBe(7000);
    // A queue with a DLQ makes its last delivery (maxReceives − 1) visibility timeouts after the
    // first: 9 × 5 s, capped at 30 s; with maxReceives 3, 2 × 5 s.
    expect(retryHorizonMs(board, 'q')).toBe(30_000);
    const fewReceives = structuredClone(board);
    fewReceives.nodes.find((n) => n.id === 'q')!.config.maxReceives = 3;
    expect(retryHorizonMs(fewReceives, 'q')).toBe(10_000);
  });

  it("measures a queue's horizon to its last delivery before the DLQ: 4 visibility timeouts, not 5", () => {
    const q = (toMs: number) =>
      boardOf()
        .add('producer', { workload: 'usage', retries: 10 })
        .add('queue', { visibilityTimeoutMs: 3000 })
        .add('worker')
        .add('ledger')
        .add('dead-letter-queue')
        .chain('producer', 'queue', 'worker', 'ledger')
        .connect('queue', 'dead-letter-queue')
        .inject({ kind: 'partition', target: 'queue->worker', fromMs: 300, toMs });
    expect(retryHorizonMs(q(0).build(), 'queue')).toBe(12_000);
    // 13.5 s is shorter than 5 timeouts, yet the fifth delivery (12 s after the first) fails inside it.
    const long = q(13_800);
    expect(checkFairness(long.build(), long.plan(), 1000)).toHaveLength(1);
    expect(inv(long.run({ events: 1000, explain: false }), 'usage-billed-exactly-once').holds).toBe(false);
    const fair = q(12_299);
    expect(checkFairness(fair.build(), fair.plan(), 1000)).toEqual([]);
    expect(inv(fair.run({ events: 1000, explain: false }), 'usage-billed-exactly-once').holds).toBe(true);
  });

  it('cuts the edges between two regions with a region partition, fair within their callers’ horizon', () => {
    const regional = boardOf()
      .add('producer', { workload: 'usage', retries: 3 }, 'p-us')
      .add('database', {}, 'db')
      .add('ledger')
      .chain('p-us', 'db', 'ledger')
      .region('us', 'p-us')
      .region('eu', 'db', 'ledger')
      .build();
    expect([...resolveTarget(regional, 'region:eu|us').edges]).toEqual(['p-us->db']);
    const cut = (toMs: number) =>
      checkFairness(
        regional,
        { faults: [{ kind: 'partition', target: 'region:eu|us', fromMs: 0, toMs }] },
        100,
      );
    expect(cut(6999)).toEqual([]);
    expect(cut(7000)).toHaveLength(1);
    expect(
      describePlanQuestion(regional, {
        faults: [{ kind: 'partition', target: 'region:eu|us', fromMs: 300, toMs: 5000 }],
      }),
    ).toBe('What happens if the link between regions eu and us drops everything between 0.3 s and 5.0 s?');
  });

  it('names every fault outside it', () => {
    const problems = checkFairness(
      board,
      {
        faults: [
          { kind: 'duplicate', target: '*', fromMs: 0, rate: 0.2 },
          { kind: 'outage', target: 'd', fromMs: 1000, toMs: 9000, rate: 1 },
          { kind: 'crash', target: 'w', atMs: 0, downMs: 31_000, point: 'any' },
          { kind: 'poison', target: 'q', fromMs: 0, rate: 0.01 },
        ],
      },
      10_000,
    );
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/faults\.0 .*rate 0\.2/);
    expect(problems.join('\n')).toMatch(/faults\.1 .*retry horizon \(7000 ms\)/);
    expect(problems.join('\n')).toMatch(/faults\.2 .*down 31000/);
    expect(
      checkFairness(
        board,
        { faults: [{ kind: 'outage', target: 'd', fromMs: 1000, toMs: 7999, rate: 1 }] },
        10_000,
      ),
    ).toEqual([]);
  });
});

/**
 * Mistakes that only a release exposes (a breaking change without a version marker): a deploy is the
 * team's own act and not in the fair budget, so the interviewer cannot find them; the round's own plan,
 * which ships the release, does.
 */
const RELEASE_ONLY = RELEASE_ONLY_VARIANTS;

describe('attack on the wrong variants', () => {
  for (const s of scenarios)
    for (const w of s.wrongVariants.filter((v) => RELEASE_ONLY.has(`${s.id}/${v.id}`)))
      it(`${s.id} / ${w.id}: breaks ${w.violates} under the round's release, outside the fair budget`, () => {
        expect(s.faultPlan.faults.some((f) => f.kind === 'deploy')).toBe(true);
        expect(reproduces(w.board, s.faultPlan, 1, 2000, w.violates)).toBe(true);
        const a = runAttack(w.board, { invariant: w.violates, events: 2000, maxTries: 60, shrink: false });
        expect(a.found).toBe(false);
      });
  for (const s of scenarios)
    for (const w of s.wrongVariants.filter((v) => !RELEASE_ONLY.has(`${s.id}/${v.id}`)))
      it(`${s.id} / ${w.id}: breaks ${w.violates} with a shrunk plan of at most two fair faults`, () => {
        const a = runAttack(w.board, {
          invariant: w.violates,
          events: 2000,
          maxTries: 150,
          maxShrinkRuns: 40,
        });
        expect(a.found).toBe(true);
        expect(a.invariant).toBe(w.violates);
        // A variant that breaks with no faults at all shrinks to the empty plan (0 ≤ 2 faults).
        expect(a.plan.faults.length).toBeLessThanOrEqual(2);
        expect(checkFairness(w.board, a.plan, a.events)).toEqual([]);
        expect(reproduces(w.board, a.plan, a.seed, a.events, w.violates)).toBe(true);
        expect(a.question).toMatch(/^What happens (if .+|with no faults at all)\?$/);
      });
});

/**
 * References that the attack breaks today within the fair budget (engine defects being fixed in
 * src/sim, references being hardened in content/): each entry is an expected failure until then —
 * remove it when the reference survives (the test then reports the fix).
 */
const KNOWN_BREAKS = new Set<string>([
  // None today: every reference holds the fair budget (the eleven original rounds hardened on
  // refs-rounds, the Temporal rounds on refs-temporal; cap-partition and multi-tenant-data-model hold
  // with the atomic idempotency store's engine change).
]);

describe('attack on the references (the round invariants, fair budget)', () => {
  for (const s of scenarios) {
    const test = KNOWN_BREAKS.has(s.id) ? it.fails : it;
    test(`${s.id}: no fair plan breaks the reference`, () => {
      const a = runAttack(s.reference, {
        invariants: s.invariants,
        events: 1000,
        maxTries: 120,
        shrink: false,
        explain: false,
      });
      expect(a.found, `${a.invariant}: ${JSON.stringify(a.plan)}`).toBe(false);
    });
  }
});

describe('search is deterministic and shrinks', () => {
  const board = load('metering-pipeline').wrongVariants.find((w) => w.id === 'memory-dedup')!.board;
  it('same board + seed ⇒ same plan, seed, events and tries', () => {
    const a = runAttack(board, { seed: 3, events: 2000 });
    const b = runAttack(board, { seed: 3, events: 2000 });
    expect(a.found).toBe(true);
    expect({ ...b, searchMs: 0 }).toEqual({ ...a, searchMs: 0 });
  });

  it('asks the question with labels and kinds from the board', () => {
    const q = describePlanQuestion(board, {
      faults: [{ kind: 'crash', target: 'd', atMs: 5000, downMs: 1000, point: 'after-side-effect' }],
    });
    expect(q).toBe(
      'What happens if seen-event-ids (dedup) crashes right after it forwards, at 5.0 s, down for 1.0 s?',
    );
  });
});

describe('repair', () => {
  it('the naive metering pipeline (the sample board): the top suggestion holds under the found plan', () => {
    const board = createSampleBoard();
    const a = runAttack(board, { invariant: 'usage-billed-exactly-once', events: 2000 });
    expect(a.found).toBe(true);
    const r = suggestRepairs(board, {
      plan: a.plan,
      seed: a.seed,
      events: a.events,
      invariant: a.invariant!,
    });
    expect(r.suggestions.length).toBeGreaterThan(0);
    const top = r.suggestions[0]!;
    expect(top.summary).toMatch(/^(Insert|Set|Connect|Add) /);
    // Ranked by fair-budget samples survived: the top one survives at least as many as any other.
    for (const s of r.suggestions) expect(top.fairSample.held).toBeGreaterThanOrEqual(s.fairSample.held);
    expect(top.fairSample.held).toBeGreaterThan(0);
    expect(reproduces(top.board, a.plan, a.seed, a.events, 'usage-billed-exactly-once')).toBe(false);
    // The original still breaks: the suggestion is what changed it.
    expect(reproduces(board, a.plan, a.seed, a.events, 'usage-billed-exactly-once')).toBe(true);
    expect(top.board.nodes.length + top.board.edges.length).toBeGreaterThan(
      board.nodes.length + board.edges.length - 1,
    );
  });
});
