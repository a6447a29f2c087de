// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadScenarioNode } from '../../src/content/loadScenarioNode';
import type { Board } from '../../src/domain/document';
import type { Scenario } from '../../src/domain/scenario';
import { runSimulation, type InvariantResult } from '../../src/sim';

/**
 * The nine Temporal rounds on the real engine: each reference keeps every invariant of its round on
 * 20 seeds, and each wrong variant breaks the invariant it names on every seed — for the reason it
 * names (the summary or an explained path says so).
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const EVENTS = 2_000;
/** 20 runs of 2,000 items take a few seconds alone; the shared machine can make that many times longer. */
const TIMEOUT = 180_000;

/** Per wrong variant: what the violation's summary (or the first example's path) must mention. */
const REASONS: Record<string, Record<string, RegExp>> = {
  'durable-execution': {
    'service-in-memory': /progress in memory/,
    'charge-from-workflow-code': /ran a step more than once/,
  },
  'workflow-replay': {
    'reads-system-clock': /non-determinism error: replay after the restart .*reads the wall clock/,
    'no-version-marker': /breaking deploy .*versioning: none/,
    'io-in-workflow-code': /ran a step more than once/,
  },
  'signals-queries-updates': {
    'usage-as-updates': /lost|never billed|not billed/,
    'usage-as-queries': /lost|never billed|not billed/,
  },
  'continue-as-new': {
    'never-continues': /history reached 51,200 events \(continueAsNew: never\)/,
    'child-workflows-instead': /history reached 51,200 events \(continueAsNew: never\)/,
  },
  'cap-partition': {
    'async-failover': /lost|never billed|not billed/,
    'no-durable-buffer': /lost|never billed|not billed/,
  },
  'multi-tenant-data-model': {
    'no-idempotency-column': /more than once|twice/,
    'key-per-attempt': /more than once|twice/,
  },
  'marketplace-billing': {
    'report-from-workflow-code': /more than once|twice/,
    'channel-pipeline-without-dedup': /more than once|twice/,
  },
  'zero-downtime-deploy': {
    'unversioned-workflow-change': /breaking deploy .*versioning: none/,
    'kill-without-draining': /lost|never billed|not billed/,
  },
  'nexus-cross-namespace': {
    'sync-handler-long-work': /sync handler runs the work again/,
    'provision-from-workflow-code': /ran a step more than once/,
  },
};

function load(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(`${id}: ${r.message}`);
  return r.scenario;
}

function run(s: Scenario, board: Board, seed: number, explain = false): InvariantResult[] {
  const r = runSimulation(board, {
    seed,
    events: EVENTS,
    faultPlan: s.faultPlan,
    invariants: [...s.invariants],
    explain,
  });
  expect(r.stopped, `seed ${seed}: ${r.stopped?.message}`).toBeUndefined();
  return r.invariants;
}

const ONLY = process.env.ROUNDS?.split(',');
describe.each(Object.keys(REASONS).filter((id) => !ONLY || ONLY.includes(id)))('%s', (id) => {
  const s = load(id);

  it(
    `the reference keeps ${s.invariants.join(', ')} on ${SEEDS.length} seeds`,
    () => {
      const broken: string[] = [];
      for (const seed of SEEDS)
        for (const i of run(s, s.reference, seed))
          if (!i.holds) broken.push(`seed ${seed}: ${i.id} — ${i.summary}`);
      expect(broken).toEqual([]);
    },
    TIMEOUT,
  );

  it('has a reason for each wrong variant, and at least two of them', () => {
    expect(s.wrongVariants.map((w) => w.id).sort()).toEqual(Object.keys(REASONS[id]!).sort());
    expect(s.wrongVariants.length).toBeGreaterThanOrEqual(2);
  });

  it.each(s.wrongVariants.map((w) => [w.id, w] as const))(
    'the wrong variant %s breaks what it names, for the reason it names, on every seed',
    (wid, w) => {
      const held: number[] = [];
      for (const seed of SEEDS) {
        const v = run(s, w.board, seed).find((i) => i.id === w.violates)!;
        if (v.holds) held.push(seed);
      }
      expect(held, `${w.violates} held on these seeds`).toEqual([]);
      const first = run(s, w.board, 1, true).find((i) => i.id === w.violates)!;
      const text = [
        first.summary,
        ...first.examples.flatMap((e) => [e.detail, ...e.path.map((p) => p.action)]),
      ].join('\n');
      expect(text).toMatch(REASONS[id]![wid]!);
    },
    TIMEOUT,
  );
});
