// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv, metering } from './boardBuilder';
import { refuseRun, type SimResult } from '../../src/sim';
import { parseFaultPlan } from '../../src/domain/faultPlan';
import { getKindDefinition } from '../../src/domain/catalog';
import { MAX_RECEIVES } from '../../src/sim/engine/constants';

/**
 * Issue #9: each semantic decision of the engine, as a pair of designs — the one production would
 * fail and the one it would pass — run on several seeds (small runs: these are verdict tests).
 */
const SEEDS = [1, 2, 3, 4, 5];

function verdicts(run: (seed: number) => SimResult, id: Parameters<typeof inv>[1]): boolean[] {
  return SEEDS.map((seed) => inv(run(seed), id).holds);
}

describe('1. a dedup / idempotency key is remembered only once the effect it guards succeeded', () => {
  // producer → queue → dedup → worker → ledger, the ledger down for 20 s: the worker's retries run
  // out, the queue redelivers, and the redelivery must get through the dedup.
  const metered = (ack: string) => (seed: number) =>
    board()
      .add('producer', { workload: 'usage' })
      .add('queue', { visibilityTimeoutMs: 10_000 })
      .add('dedup', { durable: true })
      .add('worker', { ack })
      .add('ledger')
      .chain('producer', 'queue', 'dedup', 'worker', 'ledger')
      .inject({ kind: 'outage', target: 'ledger', fromMs: 500, toMs: 20_500 })
      .inject({ kind: 'duplicate', target: 'kind:queue', rate: 0.02 })
      .run({ seed, events: 2000, explain: false });

  it('right: a worker that acks after processing loses nothing, and duplicates are still dropped', () => {
    expect(verdicts(metered('after-processing'), 'no-event-lost')).toEqual(SEEDS.map(() => true));
    expect(verdicts(metered('after-processing'), 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => true));
    expect(metered('after-processing')(1).stats.dedup!.duplicates).toBeGreaterThan(0);
  });

  it('wrong: a worker that acks before processing loses what the outage refused', () => {
    expect(verdicts(metered('before-processing'), 'no-event-lost')).toEqual(SEEDS.map(() => false));
  });

  const charged = (ack: string) => (seed: number) =>
    board()
      .add('producer', { workload: 'invoices' })
      .add('queue', { visibilityTimeoutMs: 10_000 })
      .add('idempotency-store')
      .add('worker', { ack, idempotencyKey: 'deterministic' })
      .add('payment-provider')
      .chain('producer', 'queue', 'idempotency-store', 'worker', 'payment-provider')
      .inject({ kind: 'outage', target: 'payment-provider', fromMs: 500, toMs: 20_500 })
      .run({ seed, events: 2000, explain: false });

  it('idempotency store: a failed charge releases its key, so the redelivery charges (right) …', () => {
    expect(verdicts(charged('after-processing'), 'every-invoice-charged')).toEqual(SEEDS.map(() => true));
    expect(verdicts(charged('after-processing'), 'no-double-charge')).toEqual(SEEDS.map(() => true));
  });

  it('… while acking before the charge still loses invoices (wrong)', () => {
    expect(verdicts(charged('before-processing'), 'every-invoice-charged')).toEqual(SEEDS.map(() => false));
  });
});

describe('2. the watermark does not stop when the stream does: events hours late are late', () => {
  // Devices offline for an hour send 1% of the usage an hour late; the run's traffic lasts 2 s.
  const late = (aggregator: Record<string, string | number>) => (seed: number) =>
    metering({ aggregator, correctionLog: true })
      .inject({ kind: 'late', target: 'kind:producer', rate: 0.01, delayMs: 3_600_000 })
      .run({ seed, events: 2000, explain: false });

  it('wrong: latePolicy drop loses them, whatever the grace', () => {
    expect(verdicts(late({ latePolicy: 'drop' }), 'no-event-lost')).toEqual(SEEDS.map(() => false));
    expect(verdicts(late({ latePolicy: 'drop', graceMs: 600_000 }), 'no-event-lost')).toEqual(
      SEEDS.map(() => false),
    );
    const r = late({ latePolicy: 'drop', graceMs: 600_000 })(1);
    expect(r.stats.aggregator!.dropped).toBeGreaterThan(0);
  });

  it('right: a correction log bills them next cycle', () => {
    expect(verdicts(late({ latePolicy: 'correction-log' }), 'no-event-lost')).toEqual(SEEDS.map(() => true));
    expect(verdicts(late({ latePolicy: 'correction-log' }), 'usage-billed-exactly-once')).toEqual(
      SEEDS.map(() => true),
    );
  });
});

describe('3. after the final flush every arrival goes through latePolicy; settling outlasts the plan', () => {
  it('an event arriving after the final flush is dropped as late, and Explain says so', () => {
    const d = metering({ aggregator: { latePolicy: 'drop' } })
      .inject({ kind: 'late', target: 'kind:producer', rate: 0.01, delayMs: 3_600_000 })
      .run({ seed: 1, events: 2000 });
    const lost = inv(d, 'no-event-lost');
    expect(lost.holds).toBe(false);
    // A device's send an hour late reaches an aggregator that has flushed: latePolicy decides.
    expect(lost.examples[0]!.path.map((p) => p.action)).toContain(
      'dropped: arrived after the final flush (latePolicy drop)',
    );
    expect(lost.summary).toContain('arrived after the final flush');
  });

  // The queue cannot reach the aggregator for 15 minutes (longer than the 10-minute minimum
  // settle): the run must wait for the partition to heal before the final flush.
  const partitioned = (latePolicy: string) => (seed: number) =>
    metering({ dedup: false, aggregator: { latePolicy }, correctionLog: true })
      .inject({ kind: 'partition', target: 'queue->aggregator', fromMs: 1000, toMs: 900_000 })
      .run({ seed, events: 2000, explain: false });

  it('right: the settle horizon covers a 15-minute partition, so the queue redelivers and all is billed', () => {
    expect(verdicts(partitioned('correction-log'), 'no-event-lost')).toEqual(SEEDS.map(() => true));
    expect(verdicts(partitioned('drop'), 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => true));
    expect(partitioned('drop')(1).virtualMs).toBeGreaterThan(900_000);
  });

  it('wrong: a producer whose retries run out during the partition loses events', () => {
    const r = (seed: number) =>
      board()
        .add('producer', { workload: 'usage', retries: 3 })
        .add('aggregator')
        .add('ledger')
        .chain('producer', 'aggregator', 'ledger')
        .inject({ kind: 'partition', target: 'producer->aggregator', fromMs: 1000, toMs: 900_000 })
        .run({ seed, events: 2000, explain: false });
    expect(verdicts(r, 'no-event-lost')).toEqual(SEEDS.map(() => false));
  });
});

describe('4. an activity that crashes after its side effect did it, but never recorded its key', () => {
  const saga = (guarded: boolean) => (seed: number) => {
    const b = board()
      .add('producer', { workload: 'requests' })
      .add('workflow', { retries: 5 })
      .add('activity', {}, 'send')
      .add('notification', {}, 'email')
      .chain('producer', 'workflow', 'send');
    if (guarded) b.add('dedup', { durable: true }).chain('send', 'dedup', 'email');
    else b.connect('send', 'email');
    return b
      .inject({ kind: 'crash', target: 'send', atMs: 300, downMs: 200, point: 'after-side-effect' })
      .inject({ kind: 'crash', target: 'send', atMs: 900, downMs: 200, point: 'after-side-effect' })
      .run({ seed, events: 2000, explain: false, invariants: ['no-duplicate-notification'] });
  };

  it('wrong: the retry applies the step again and the customer gets the email twice', () => {
    expect(verdicts(saga(false), 'no-duplicate-notification')).toEqual(SEEDS.map(() => false));
  });

  it('right: an idempotent step downstream (a durable dedup) absorbs the repeat', () => {
    expect(verdicts(saga(true), 'no-duplicate-notification')).toEqual(SEEDS.map(() => true));
  });
});

describe('5. the provider retries a webhook for about three days with exponential backoff', () => {
  // The endpoint is down for five minutes: Stripe keeps retrying, so nothing is lost.
  const hooks = (storeEventIds: boolean, downMs: number) => (seed: number) =>
    board()
      .add('producer', { workload: 'invoices' })
      .add('worker', { idempotencyKey: 'deterministic' })
      .add('payment-provider')
      .add('webhook-endpoint', { storeEventIds, orderPolicy: 'version-check' })
      .add('ledger')
      .chain('producer', 'worker', 'payment-provider', 'webhook-endpoint', 'ledger')
      .inject({ kind: 'outage', target: 'webhook-endpoint', fromMs: 500, toMs: 500 + downMs })
      .inject({ kind: 'duplicate', target: 'webhook-endpoint', rate: 0.05 })
      .run({ seed, events: 1000, explain: false });

  it('right: a 5-minute endpoint outage loses nothing when event ids are stored', () => {
    expect(verdicts(hooks(true, 300_000), 'webhook-applied-once')).toEqual(SEEDS.map(() => true));
    expect(verdicts(hooks(true, 300_000), 'ledger-balanced')).toEqual(SEEDS.map(() => true));
  });

  it('wrong: without stored event ids the redeliveries are applied twice', () => {
    expect(verdicts(hooks(false, 300_000), 'webhook-applied-once')).toEqual(SEEDS.map(() => false));
  });

  it('an endpoint down for four days misses events: the provider gave up after three', () => {
    const r = hooks(true, 4 * 86_400_000)(1);
    expect(inv(r, 'webhook-applied-once').holds).toBe(false);
    expect(r.stats['payment-provider']!.errors).toBeGreaterThan(0);
    expect(r.virtualMs).toBeGreaterThan(2.9 * 86_400_000);
  });
});

describe('6. a refetch applies the provider version it read, each version at most once', () => {
  const hooks = (config: Record<string, string | boolean>) => (seed: number) =>
    board()
      .add('producer', { workload: 'invoices' })
      .add('worker', { idempotencyKey: 'none' })
      .add('payment-provider')
      .add('webhook-endpoint', config)
      .add('ledger')
      .chain('producer', 'worker', 'payment-provider', 'webhook-endpoint', 'ledger')
      .inject({ kind: 'duplicate', target: 'kind:worker', rate: 0.05 })
      .inject({ kind: 'duplicate', target: 'webhook-endpoint', rate: 0.2 })
      .inject({ kind: 'reorder', target: 'webhook-endpoint', rate: 0.5, windowMs: 1000 })
      .run({ seed, events: 1000, explain: false, invariants: ['webhook-applied-once'] });

  it('right: refetch (late duplicates of v1 that sync to v2 are not "v1 applied twice")', () => {
    expect(verdicts(hooks({ orderPolicy: 'refetch' }), 'webhook-applied-once')).toEqual(
      SEEDS.map(() => true),
    );
  });

  it('wrong: arrival order without stored ids', () => {
    expect(verdicts(hooks({ orderPolicy: 'naive' }), 'webhook-applied-once')).toEqual(SEEDS.map(() => false));
  });
});

describe('7. a duplicate notification is the same item from the same template', () => {
  const onboarding = (orchestrator: 'workflow' | 'worker') => (seed: number) => {
    const b = board().add('producer', { workload: 'requests' }).add('queue', { visibilityTimeoutMs: 2000 });
    if (orchestrator === 'workflow') b.add('workflow', { compensate: true }, 'orch');
    else b.add('worker', {}, 'orch');
    return b
      .add('activity', {}, 'welcome')
      .add('activity', {}, 'receipt')
      .add('notification', {}, 'email')
      .chain('producer', 'queue', 'orch')
      .connect('orch', 'welcome')
      .connect('orch', 'receipt')
      .connect('welcome', 'email')
      .connect('receipt', 'email')
      .inject({ kind: 'crash', target: 'orch', atMs: 500, downMs: 300 })
      .run({ seed, events: 2000, explain: false, invariants: ['no-duplicate-notification'] });
  };

  it('right: a welcome email and a receipt for one request are two notifications, not a duplicate', () => {
    expect(verdicts(onboarding('workflow'), 'no-duplicate-notification')).toEqual(SEEDS.map(() => true));
  });

  it('wrong: a worker that re-runs the steps after a crash sends the same email again', () => {
    expect(verdicts(onboarding('worker'), 'no-duplicate-notification')).toEqual(SEEDS.map(() => false));
  });
});

describe('8. each ledger keeps its own posting ids (billed = the sum over every ledger)', () => {
  it('wrong: one aggregator posting its totals to two ledgers bills every event twice', () => {
    const r = (seed: number) =>
      metering()
        .add('ledger', {}, 'ledger2')
        .connect('aggregator', 'ledger2')
        .run({ seed, events: 2000, explain: false });
    expect(verdicts(r, 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => false));
    expect(r(1).stats.ledger2!.duplicates).toBe(0);
  });

  it('right: two pipelines, each with its own ledger, bill each event once', () => {
    const r = (seed: number) =>
      metering()
        .add('producer', { workload: 'usage' }, 'p2')
        .add('aggregator', {}, 'agg2')
        .add('ledger', {}, 'ledger2')
        .chain('p2', 'agg2', 'ledger2')
        .run({ seed, events: 2000, explain: false });
    expect(verdicts(r, 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => true));
  });
});

describe('9. the trace hash folds the workload in', () => {
  it('fault-free runs on seeds 1 and 2 differ; the same seed reproduces its hash', () => {
    const run = (seed: number) => metering().run({ seed, events: 2000, explain: false }).traceHash;
    expect(run(1)).not.toBe(run(2));
    expect(run(1)).toBe(run(1));
  });
});

describe('time that can be hours long: durationMs spreads the items', () => {
  it('2,000 events over an hour: the last item is emitted near the hour, hourly windows close', () => {
    const r = metering({ aggregator: { windowMs: 3_600_000 } }).run({
      seed: 1,
      events: 2000,
      durationMs: 3_600_000,
      explain: false,
    });
    expect(r.virtualMs).toBeGreaterThanOrEqual(3_598_000);
    expect(r.invariants.every((i) => i.holds)).toBe(true);
    const busy = r.timeline.filter((b) => b.throughput > 0);
    expect(busy.length).toBeGreaterThan(r.timeline.length * 0.9);
  });

  it('without it the same events take two seconds at 1,000/s', () => {
    expect(metering().run({ seed: 1, events: 2000, explain: false }).virtualMs).toBeLessThan(60_000);
  });
});

describe('the bill is judged at the invoice (the cut-off after the final flush)', () => {
  const metered = (opts: { dedup: boolean; wired: boolean; latePolicy?: string; periodMs?: number }) => {
    const b = board()
      .add('producer', { workload: 'usage' })
      .add('queue')
      .add('aggregator', { windowMs: 1000, latePolicy: opts.latePolicy ?? 'drop' })
      .add('ledger')
      .add('object-store')
      .add('reconciler', opts.periodMs ? { periodMs: opts.periodMs } : {});
    if (opts.dedup)
      b.add('dedup', { durable: true }).chain('producer', 'queue', 'dedup', 'aggregator', 'ledger');
    else b.chain('producer', 'queue', 'aggregator', 'ledger');
    b.connect('queue', 'object-store').connect('ledger', 'reconciler').connect('object-store', 'reconciler');
    if (opts.wired) b.connect('reconciler', 'ledger');
    return b;
  };

  it('wrong: no dedup + a reconciler that credits after invoicing is still an over-billed invoice', () => {
    const run = (seed: number) =>
      metered({ dedup: false, wired: true })
        .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
        .run({ seed, events: 2000, explain: false });
    expect(verdicts(run, 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => false));
    const u = inv(run(1), 'usage-billed-exactly-once');
    expect(u.summary).toMatch(
      /^\d+ events counted more than once; .*over-billed on the invoice: the reconciler issued \d+ credits after invoicing/,
    );
  });

  it('right: a durable dedup before the aggregator keeps the invoice exact', () => {
    const run = (seed: number) =>
      metered({ dedup: true, wired: true })
        .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
        .run({ seed, events: 2000, explain: false });
    expect(verdicts(run, 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => true));
  });

  it('corrections settled by periodic passes before the cut-off count on the invoice', () => {
    const run = (periodMs: number | undefined) =>
      metered({ dedup: false, wired: true, ...(periodMs ? { periodMs } : {}) })
        .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
        .run({ seed: 1, events: 2000, durationMs: 120_000, explain: false });
    const finalOnly = inv(run(undefined), 'usage-billed-exactly-once').count;
    const periodic = inv(run(5000), 'usage-billed-exactly-once').count;
    expect(finalOnly).toBeGreaterThan(0);
    expect(periodic).toBeLessThan(finalOnly / 4);
  });

  it('an under-count the reconciler bills next cycle counts as billed', () => {
    const run = (seed: number) =>
      metered({ dedup: true, wired: true })
        .inject({ kind: 'late', target: 'kind:producer', rate: 0.01, delayMs: 3_600_000 })
        .run({ seed, events: 2000, explain: false });
    expect(verdicts(run, 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => true));
  });

  it('a reconciler with no outgoing edge says it found differences and had nowhere to send them', () => {
    const r = metered({ dedup: false, wired: false })
      .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
      .run({ seed: 1, events: 2000, explain: false });
    expect(inv(r, 'usage-billed-exactly-once').summary).toMatch(
      /reconciler \(reconciler\) found \d+ differences and had nowhere to send them/,
    );
  });

  it('ledger-balanced is judged after the final reconciliation and says how many corrections it took', () => {
    const r = board()
      .add('producer', { workload: 'invoices' })
      .add('worker', { idempotencyKey: 'deterministic' })
      .add('payment-provider')
      .add('ledger')
      .add('reconciler')
      .chain('producer', 'worker', 'payment-provider')
      .connect('worker', 'ledger')
      .connect('ledger', 'reconciler')
      .connect('payment-provider', 'reconciler')
      .connect('reconciler', 'ledger')
      .inject({ kind: 'timeout', target: 'kind:payment-provider', rate: 0.05 })
      .run({ seed: 1, events: 1000, explain: false, invariants: ['ledger-balanced'] });
    const l = inv(r, 'ledger-balanced');
    expect(l.holds).toBe(true);
    expect(l.summary).toMatch(/after the final reconciliation; it took \d+ corrections/);
  });
});

describe('competing consumers: a queue can hand each message to one consumer of a group', () => {
  const group = (delivery: string) => (seed: number) =>
    board()
      .add('producer', { workload: 'usage' })
      .add('queue', { delivery }, 'usage-events')
      .add('worker', {}, 'w1')
      .add('worker', {}, 'w2')
      .add('aggregator')
      .add('ledger')
      .chain('producer', 'usage-events')
      .connect('usage-events', 'w1')
      .connect('usage-events', 'w2')
      .connect('w1', 'aggregator')
      .connect('w2', 'aggregator')
      .connect('aggregator', 'ledger')
      .run({ seed, events: 2000, explain: false });

  it('right: competing-consumers splits the work between the two workers, nothing counted twice', () => {
    expect(verdicts(group('competing-consumers'), 'usage-billed-exactly-once')).toEqual(
      SEEDS.map(() => true),
    );
    const r = group('competing-consumers')(1);
    expect(r.stats.w1!.in + r.stats.w2!.in).toBe(2000);
    expect(r.stats.w1!.in).toBeGreaterThan(0);
    expect(r.stats.w2!.in).toBeGreaterThan(0);
  });

  it('wrong: broadcast gives every message to both workers, and the summary names it', () => {
    expect(verdicts(group('broadcast'), 'usage-billed-exactly-once')).toEqual(SEEDS.map(() => false));
    expect(inv(group('broadcast')(1), 'usage-billed-exactly-once').summary).toContain(
      'usage-events (queue) gives every message to each of its 2 consumers (delivery: broadcast)',
    );
  });

  it('a consumer of the group that crashes hands its unacked messages to the other (nothing lost)', () => {
    const r = board()
      .add('producer', { workload: 'usage' })
      .add('queue', { delivery: 'competing-consumers', orderedByKey: false, visibilityTimeoutMs: 2000 })
      .add('worker', {}, 'w1')
      .add('worker', {}, 'w2')
      .add('dedup', { durable: true })
      .add('aggregator')
      .add('ledger')
      .chain('producer', 'queue')
      .connect('queue', 'w1')
      .connect('queue', 'w2')
      .connect('w1', 'dedup')
      .connect('w2', 'dedup')
      .chain('dedup', 'aggregator', 'ledger')
      .inject({ kind: 'crash', target: 'w1', atMs: 500, downMs: 60_000 })
      .run({ seed: 1, events: 2000, explain: false });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
  });
});

describe('a stopped run is inconclusive', () => {
  it('a budget stop marks every invariant inconclusive (not violated) and says how far it got', () => {
    const r = metering({ dedup: false }).run({ seed: 1, events: 5000, maxEvents: 3000, explain: false });
    expect(r.stopped?.reason).toBe('event-budget');
    expect(r.stopped?.itemsEmitted).toBeLessThan(5000);
    expect(r.stopped?.itemsTotal).toBe(5000);
    expect(r.invariants.length).toBeGreaterThan(0);
    for (const i of r.invariants) {
      expect(i.inconclusive).toBe(true);
      expect(i.holds).toBe(false);
      expect(i.count).toBe(0);
      expect(i.summary).toMatch(
        /^Inconclusive: the run stopped at [\d.]+ s of virtual time, after [\d,]+ of 5,000 items/,
      );
    }
  });

  it('a finished run has no inconclusive flag', () => {
    const r = metering().run({ seed: 1, events: 500, explain: false });
    expect(r.invariants.every((i) => i.inconclusive === undefined)).toBe(true);
  });

  it('refuseRun names an empty board, a board without producer and 0 events', () => {
    const b = metering().build();
    expect(refuseRun(b, 100)).toBeNull();
    expect(refuseRun(b, 0)).toContain('a run needs at least 1 event');
    expect(refuseRun({ ...b, nodes: [], edges: [] }, 100)).toContain('the board is empty');
    expect(refuseRun({ ...b, nodes: b.nodes.filter((n) => n.kind !== 'producer') }, 100)).toContain(
      'no producer',
    );
  });

  it("fault-plan errors are in the product's words, with their path", () => {
    const r = parseFaultPlan({
      faults: [
        { kind: 'crash', target: 'x' },
        { kind: 'nope', target: '*' },
        { kind: 'duplicate', target: '*', rate: 2, extra: 1 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('faults.0.atMs: atMs (when the node crashes, in virtual ms) is missing');
    expect(r.message).toContain('faults.1.kind: unknown fault kind "nope"; a fault is one of duplicate');
    expect(r.message).toContain(
      'faults.2.rate: rate (the share of deliveries hit, from 0 to 1) must be at most 1, found 2',
    );
    expect(r.message).toContain('faults.2: "extra" is not a setting of a duplicate fault');
    expect(r.message).not.toMatch(
      /Invalid input|Too big|Too small|discriminator|Unrecognized key|expected number/,
    );
  });
});

describe('a crashed consumer uses up none of a message’s receives (SQS counts receives, Kafka nothing)', () => {
  // producer → queue (DLQ after 5 failed receives, 5 s visibility) → worker → ledger; the worker is
  // down for 30 s. While it is down nothing polls, so nothing may be dead-lettered for it.
  const consumerDown =
    (point: 'any' | 'outage', maxReceives = 5) =>
    (seed: number) => {
      const b = board()
        .add('producer', { workload: 'usage' })
        .add('queue', { visibilityTimeoutMs: 5_000, maxReceives }, 'q')
        .add('dead-letter-queue', {}, 'dlq')
        .add('worker', {}, 'w')
        .add('ledger')
        .chain('producer', 'q', 'w', 'ledger')
        .connect('q', 'dlq');
      const faulted =
        point === 'any'
          ? b.inject({ kind: 'crash', target: 'w', atMs: 500, downMs: 30_000, point: 'any' })
          : b.inject({ kind: 'outage', target: 'ledger', fromMs: 500, toMs: 30_500 });
      return faulted.run({ seed, events: 2000, explain: false });
    };

  it('right: a 30 s consumer crash dead-letters nothing; everything is billed once the consumer is back', () => {
    for (const seed of SEEDS) {
      const r = consumerDown('any')(seed);
      expect(r.stats.q!.deadLettered).toBe(0);
      // Billed, at least once: the crash lost uncommitted acks, and nothing here deduplicates.
      expect(inv(r, 'no-event-lost').holds).toBe(true);
    }
  });

  it('wrong (for the design): a consumer that is up but fails every try for 30 s burns its receives', () => {
    // The worker polls, calls a ledger that refuses, and answers an error: those receives count, and
    // after five the queue dead-letters — the hazard a longer visibility timeout or more receives avoids.
    for (const seed of SEEDS) {
      const r = consumerDown('outage')(seed);
      expect(r.stats.q!.deadLettered).toBeGreaterThan(0);
      expect(inv(r, 'usage-billed-exactly-once').summary).toMatch(/never billed|dead-letter/);
    }
  });

  it('a queue without maxReceives dead-letters after MAX_RECEIVES (the catalog default)', () => {
    const field = getKindDefinition('queue')!.fields.find((f) => f.key === 'maxReceives');
    expect(field?.type === 'number' ? field.default : undefined).toBe(MAX_RECEIVES);
  });

  it('right (for the design): maxReceives 10 × a 5 s visibility timeout outlasts the 30 s outage', () => {
    for (const seed of SEEDS) {
      const r = consumerDown('outage', 10)(seed);
      expect(r.stats.q!.deadLettered).toBe(0);
      expect(inv(r, 'no-event-lost').holds).toBe(true);
    }
  });
});

describe('an idempotency store atomicWithWrite commits its key with the effect, even when the answer is lost', () => {
  // producer → queue → worker → idempotency store → aggregator → ledger. 5% of the calls from the
  // store to the aggregator time out after the aggregator counted (or it crashes right after its
  // side effect); the worker retries. A key written in the same transaction as the count is there
  // for the retry; a key recorded in a separate step after the answer is not.
  const counted = (atomic: boolean, fault: 'timeout' | 'crash' | 'late') => (seed: number) => {
    const b = board()
      .add('producer', { workload: 'usage' })
      .add('queue', { visibilityTimeoutMs: 8_000 })
      .add('worker', {})
      .add('idempotency-store', { atomicWithWrite: atomic }, 'idem')
      .add('aggregator', { windowMs: 1000, graceMs: 2000, latePolicy: 'correction-log' })
      .add('correction-log')
      .add('ledger')
      .chain('producer', 'queue', 'worker', 'idem', 'aggregator', 'ledger')
      .connect('aggregator', 'correction-log');
    const faulted =
      fault === 'timeout'
        ? b.inject({ kind: 'timeout', target: 'idem->aggregator', rate: 0.05 })
        : fault === 'crash'
          ? b.inject({
              kind: 'crash',
              target: 'aggregator',
              atMs: 500,
              downMs: 100,
              point: 'after-side-effect',
            })
          : // A forward held back 30 s while the store crashes (its in-progress marker is lost) and the
            // queue redelivers: the redelivery commits the key; the held-back write must not count again.
            b
              .inject({ kind: 'late', target: 'idem->aggregator', rate: 0.05, delayMs: 30_000, toMs: 300 })
              .inject({ kind: 'crash', target: 'idem', atMs: 400, downMs: 100, point: 'any' });
    return faulted.run({ seed, events: 2000, explain: false });
  };

  it('right: atomic, a retry after a lost answer finds the key and nothing is counted twice', () => {
    for (const f of ['timeout', 'crash', 'late'] as const)
      expect(verdicts(counted(true, f), 'usage-billed-exactly-once'), f).toEqual(SEEDS.map(() => true));
  });

  it('wrong: not atomic, the lost answer releases the key and the retry counts again', () => {
    for (const f of ['timeout', 'crash'] as const)
      expect(verdicts(counted(false, f), 'usage-billed-exactly-once'), f).toEqual(SEEDS.map(() => false));
    expect(inv(counted(false, 'timeout')(1), 'usage-billed-exactly-once').summary).toMatch(/more than once/);
  });
});

describe('an outbox relay retries at least every OUTBOX_RETRY_CAP_MS', () => {
  // producer → queue → worker → dedup → aggregator → ledger; the ledger crashes for 30 s and 10% of
  // the calls to it fail besides. The aggregator's outbox keeps trying every few seconds, so the
  // totals reach the ledger well within a minute of their window (it used to back off to 32 s, 64 s).
  const run = (seed: number) =>
    board()
      .add('producer', { workload: 'usage' })
      .add('queue', { visibilityTimeoutMs: 8_000 })
      .add('worker', {})
      .add('dedup', { durable: true })
      .add('aggregator', { windowMs: 1000, graceMs: 2000, latePolicy: 'correction-log' })
      .add('correction-log')
      .add('ledger')
      .chain('producer', 'queue', 'worker', 'dedup', 'aggregator', 'ledger')
      .connect('aggregator', 'correction-log')
      .inject({ kind: 'crash', target: 'ledger', atMs: 200, downMs: 30_000, point: 'any' })
      .inject({ kind: 'outage', target: 'ledger', rate: 0.1 })
      .run({ seed, events: 2000, explain: false, totalsBudgetMs: 45_000 });

  it('right: every window total is posted within 45 s of its window, despite the 30 s crash', () => {
    expect(verdicts(run, 'totals-on-time')).toEqual(SEEDS.map(() => true));
  });

  it('the crash does hold totals back: a 20 s budget is missed (the relay cannot post to a crashed ledger)', () => {
    const r = board()
      .add('producer', { workload: 'usage' })
      .add('aggregator', { windowMs: 1000, graceMs: 2000 })
      .add('ledger')
      .chain('producer', 'aggregator', 'ledger')
      .inject({ kind: 'crash', target: 'ledger', atMs: 200, downMs: 30_000, point: 'any' })
      .run({ seed: 1, events: 2000, explain: false, totalsBudgetMs: 20_000 });
    expect(inv(r, 'totals-on-time').holds).toBe(false);
  });
});

describe('Temporal: a start sent while the workflow’s worker is down is persisted by the server', () => {
  // requests → orchestrator → one activity; the orchestrator is down for 10 s, longer than the
  // sender's 3 resends (7 s). A Temporal workflow's starts are accepted by the server and run once a
  // worker is back; a plain service that orchestrates refuses them while it is down.
  const run = (orchestrator: 'workflow' | 'worker') => (seed: number) =>
    board()
      .add('producer', { workload: 'requests', retries: 3 })
      .add(orchestrator, orchestrator === 'workflow' ? { retries: 50 } : { retries: 3 }, 'o')
      .add('activity', {}, 'a1')
      .chain('producer', 'o', 'a1')
      .inject({ kind: 'crash', target: 'o', atMs: 200, downMs: 10_000, point: 'any' })
      .run({ seed, events: 1000, explain: false });

  it('right: a workflow completes every request started during the 10 s crash', () => {
    expect(verdicts(run('workflow'), 'every-request-completed')).toEqual(SEEDS.map(() => true));
  });

  it('wrong: a worker that orchestrates refuses them while down, and the sender gives up', () => {
    expect(verdicts(run('worker'), 'every-request-completed')).toEqual(SEEDS.map(() => false));
  });
});
