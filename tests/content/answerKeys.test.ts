// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadScenarioNode } from '../../src/content/loadScenarioNode';
import type { Board } from '../../src/domain/document';
import type { Scenario } from '../../src/domain/scenario';
import { getApplicableInvariants, runSimulation, type SimResult } from '../../src/sim';

/**
 * The answer keys. For every round, on the real engine with the round's own fault plan and run
 * settings: the reference keeps every invariant the round is judged on, on 20 seeds; every wrong
 * variant breaks the invariant it names, on several seeds, and for the reason its text gives — the
 * violation's summary, first example or explained path must say so (REASONS below). The plans are
 * written against the graded run (10,000 events, ten seconds at 1,000 per second), so that is what
 * runs here; nothing is re-run that another assertion already has.
 */
const EVENTS = 10_000;
const REFERENCE_SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const WRONG_SEEDS = [1, 2];
/** Twenty ten-second runs of a saga round take about 10 s alone; allow for a loaded machine. */
const TIMEOUT_MS = 180_000;

/** Why each wrong variant must fail: matched against its violation's summary, example and path. */
const REASONS: Record<string, Record<string, RegExp>> = {
  'billing-discrepancy': {
    'as-deployed': /usage-rollup \(aggregator\) dropped [\d,]+ late events/,
    'grace-without-log': /dropped: [^|]*\(latePolicy drop\)/,
    'wait-for-everything': /usage-rollup \(aggregator\) waits graceMs 24 h before it closes a window/,
  },
  'double-charge': {
    'random-key':
      /charger \(worker\) calls payment-provider \(payment-provider\) with idempotencyKey: random-per-attempt/,
    'check-status-then-charge':
      /charger \(worker\) calls payment-provider \(payment-provider\) with idempotencyKey: none/,
    'key-expires-too-soon':
      /forgets a key after keyTtlMs 500 ms, and [\d,]+ retries arrived after it had expired/,
    'ledger-mirrors-provider': /the ledger mirrors the provider, so both recorded the same mistake/,
    'ack-before-charge': /lost from memory: the worker crashed at charger \(worker\)/,
  },
  'exactly-once': {
    'trust-the-log': /nothing deduplicates between usage-log \(queue\) and tenant-totals \(aggregator\)/,
    'split-writes':
      /\(database\) is not transactional: a crash between the row and its key let a redelivery through/,
    'check-then-act': /processed-ids \(idempotency-store\) is not atomicWithWrite/,
    'memory-dedup': /recent-ids \(dedup\) forgot the keys it had seen when it crashed/,
    'dedup-before-queue': /nothing deduplicates between usage-log \(queue\) and tenant-totals \(aggregator\)/,
    'ack-before-commit': /lost from memory: the worker crashed at usage-consumer \(worker\)/,
  },
  'late-events': {
    'drop-late': /dropped: [^|]*\(latePolicy drop\)/,
    'policy-without-log': /dropped: [^|]*\(no correction log is wired\)/,
    'grace-raised-still-dropped':
      /dropped [\d,]+ late events \(\d+ events arrived after the final flush, which no grace waits for/,
    'wait-for-everything': /windowed-rollup \(aggregator\) waits graceMs 24 h before it closes a window/,
  },
  'metering-pipeline': {
    'no-dedup': /nothing deduplicates between usage-events \(queue\) and usage-rollup \(aggregator\)/,
    'memory-dedup': /seen-event-ids \(dedup\) forgot the keys it had seen when it crashed/,
    'dedup-before-queue':
      /nothing deduplicates between usage-events \(queue\) and usage-rollup \(aggregator\)/,
    'ack-before-processing': /lost from memory: the worker crashed at meter-consumer \(worker\)/,
    'no-dead-letter': /redelivered without end \(\d+ malformed\).*no dead-letter-queue is wired/,
    'wait-for-everything': /usage-rollup \(aggregator\) waits graceMs 24 h before it closes a window/,
  },
  'onboarding-partial-failure': {
    'worker-orchestrator': /onboarding-service \(worker\) orchestrates the steps with its progress in memory/,
    'no-compensation': /stopped half-way — onboarding \(workflow\) does not compensate/,
    'give-up-at-first-error':
      /rolled back after a failure that a retry would have ridden out.*onboarding \(workflow\) gives up on a step after 0 retries/,
    'email-first': /5 send welcome email \(activity\) cannot be undone/,
  },
  'pipeline-monitoring': {
    'no-dead-letter': /redelivered without end \(\d+ malformed\).*no dead-letter-queue is wired/,
    'archive-after-dedup':
      /never reached the raw archive, so comparing the archive with the ledger cannot see them/,
    'dashboards-only': /went unflagged by any reconciler: the board has no reconciler/,
  },
  'provider-migration': {
    'charge-through-both':
      /each got the invoice, and an idempotency key only deduplicates within one provider/,
    'ack-before-charge': /lost from memory: the worker crashed at billing-provider-interface \(worker\)/,
    'random-key':
      /billing-provider-interface \(worker\) calls cohort-provider \(payment-provider\) with idempotencyKey: random-per-attempt/,
  },
  'saga-provisioning': {
    'no-compensation': /stopped half-way — provision-subscription \(workflow\) does not compensate/,
    'worker-orchestrator': /purchase-service \(worker\) orchestrates the steps with its progress in memory/,
    'give-up-at-first-error':
      /rolled back after a failure that a retry would have ridden out.*provision-subscription \(workflow\) gives up on a step after 0 retries/,
    'email-first': /4 send welcome email \(activity\) cannot be undone/,
  },
  'stripe-webhooks': {
    'no-event-ids': /applied more than once.*inbox-processor \(webhook-endpoint\) does not store event ids/,
    'arrival-order': /inbox-processor \(webhook-endpoint\) applies events in arrival order/,
    'no-signature-check':
      /inbox-processor \(webhook-endpoint\) applied forged events \(verifySignature is off\)/,
    'ack-before-apply':
      /inbox-processor \(webhook-endpoint\) acks before processing and lost events when it crashed/,
  },
  'subscription-lifecycle': {
    'cron-worker': /billing-cron-runner \(worker\) orchestrates the steps with its progress in memory/,
    'void-on-first-decline':
      /rolled back after a failure that a retry would have ridden out.*\(workflow\) gives up on a step after 0 retries/,
    'no-unwind': /stopped half-way — subscription \(one per customer\) \(workflow\) does not compensate/,
  },
};

function load(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(`${id}: ${r.message}`);
  return r.scenario;
}

function run(s: Scenario, board: Board, seed: number, explain = false): SimResult {
  const r = runSimulation(board, {
    seed,
    events: EVENTS,
    faultPlan: s.faultPlan,
    invariants: [...s.invariants],
    explain,
    sampleLimit: 0,
    ...(s.durationMs === undefined ? {} : { durationMs: s.durationMs }),
    ...(s.totalsBudgetMs === undefined ? {} : { totalsBudgetMs: s.totalsBudgetMs }),
  });
  expect(r.stopped, `seed ${seed}: ${r.stopped?.message}`).toBeUndefined();
  return r;
}

/** What a violation says about itself: summary, first examples, and the explained path's steps. */
function reasonText(r: SimResult, id: string): string {
  const v = r.invariants.find((i) => i.id === id)!;
  const examples = v.examples
    .slice(0, 2)
    .map((e) => `${e.messageId}: ${e.detail} | ${e.path.map((p) => p.action).join(' / ')}`);
  return [v.summary, ...examples].join('\n');
}

describe('answer keys cover every wrong variant', () => {
  it('REASONS names exactly the wrong variants of each of these rounds', () => {
    // The eleven rounds below; rounds added elsewhere carry their own acceptance tests.
    for (const [id, reasons] of Object.entries(REASONS))
      expect(
        load(id)
          .wrongVariants.map((w) => w.id)
          .sort(),
        id,
      ).toEqual(Object.keys(reasons).sort());
  });
});

describe.each(Object.keys(REASONS))('%s', (id) => {
  const s = load(id);

  it(
    `the reference keeps ${s.invariants.join(', ')} on ${REFERENCE_SEEDS.length} seeds`,
    () => {
      const broken: string[] = [];
      for (const seed of REFERENCE_SEEDS)
        for (const inv of run(s, s.reference, seed).invariants)
          if (!inv.holds) broken.push(`seed ${seed}: ${inv.id} — ${inv.summary}`);
      expect(broken).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it('with no faults the reference keeps every invariant that applies to it', () => {
    const r = runSimulation(s.reference, {
      seed: 1,
      events: 2_000,
      faultPlan: { faults: [] },
      explain: false,
    });
    expect(r.invariants.map((i) => i.id).sort()).toEqual([...getApplicableInvariants(s.reference)].sort());
    expect(r.invariants.filter((i) => !i.holds).map((i) => `${i.id}: ${i.summary}`)).toEqual([]);
  });

  it.each(s.wrongVariants.map((w) => [w.id, w] as const))(
    'the wrong variant %s breaks what it names, for the reason it names',
    (wid, w) => {
      const reason = REASONS[id]![wid]!;
      for (const seed of WRONG_SEEDS) {
        const r = run(s, w.board, seed, seed === WRONG_SEEDS[0]);
        const v = r.invariants.find((i) => i.id === w.violates)!;
        expect(v.holds, `seed ${seed}: ${w.violates} held`).toBe(false);
        if (seed === WRONG_SEEDS[0]) expect(reasonText(r, w.violates)).toMatch(reason);
        else expect(v.summary.length).toBeGreaterThan(0);
      }
    },
    TIMEOUT_MS,
  );

  if (s.startBoard) {
    it("the drill's start board breaks what the round is about", () => {
      const r = run(s, s.startBoard!, 1);
      expect(r.invariants.filter((i) => !i.holds).map((i) => i.id)).toContain('no-event-lost');
    });
  }
});
