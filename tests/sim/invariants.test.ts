// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { INVARIANT_IDS } from '../../src/domain/invariants';
import { getApplicableInvariants, runSimulation } from '../../src/sim';
import { board, inv, metering } from './boardBuilder';

describe('which invariants apply', () => {
  it('follows workloads and components', () => {
    expect(getApplicableInvariants(metering().build())).toEqual([
      'usage-billed-exactly-once',
      'no-event-lost',
      'pipeline-live',
      'totals-on-time',
    ]);
    const payments = board()
      .add('producer', { workload: 'invoices' })
      .add('worker')
      .add('payment-provider')
      .add('webhook-endpoint')
      .add('ledger')
      .add('notification')
      .build();
    expect(getApplicableInvariants(payments)).toEqual([
      'no-double-charge',
      'every-invoice-charged',
      'ledger-balanced',
      'webhook-applied-once',
      'no-duplicate-notification',
    ]);
    const saga = board().add('producer', { workload: 'requests' }).add('workflow').add('activity').build();
    expect(getApplicableInvariants(saga)).toEqual([
      'saga-atomic',
      'every-request-completed',
      'workflow-completes',
    ]);
    expect(getApplicableInvariants(board().add('cache').build())).toEqual([]);
  });

  it('an explicit list is reported exactly, applicable or not', () => {
    const r = metering().run({ events: 200, invariants: ['saga-atomic', 'no-event-lost'] });
    expect(r.invariants.map((i) => i.id)).toEqual(['saga-atomic', 'no-event-lost']);
    const all = metering().run({ events: 200, invariants: [...INVARIANT_IDS] });
    expect(all.invariants.map((i) => i.id)).toEqual([...INVARIANT_IDS]);
    expect(all.invariants.every((i) => i.holds)).toBe(true);
  });
});

describe('results', () => {
  const r = metering({ dedup: false })
    .inject({ kind: 'duplicate', target: '*', rate: 0.05 })
    .run({ events: 2000, timelineBuckets: 10, sampleLimit: 30 });

  it('examples are at most 5 violating messages, each with its path and the faults that hit it', () => {
    const u = inv(r, 'usage-billed-exactly-once');
    expect(u.examples).toHaveLength(5);
    for (const ex of u.examples) {
      expect(ex.messageId).toMatch(/^evt-\d+$/);
      expect(ex.path[0]).toMatchObject({ nodeId: 'producer', kind: 'produced' });
      expect(ex.path.some((p) => p.edgeId !== undefined)).toBe(true);
      expect(ex.path.some((p) => p.faults.length > 0)).toBe(true);
      // Billed twice: once per copy, at the ledger.
      expect(ex.path.filter((p) => p.kind === 'billed').map((p) => p.nodeId)).toEqual(['ledger', 'ledger']);
      for (let i = 1; i < ex.path.length; i++)
        expect(ex.path[i]!.tMs).toBeGreaterThanOrEqual(ex.path[i - 1]!.tMs);
    }
    // Each extra delivery into the aggregator is one extra count; an event can be duplicated twice.
    expect(u.count).toBeGreaterThan(0);
    expect(u.count).toBeLessThanOrEqual(r.stats.aggregator!.in - 2000);
  });

  it('summaries name nodes by label and kind', () => {
    const labelled = board()
      .add('producer', { workload: 'usage' }, 'p')
      .add('queue', {}, 'q', 'usage-events')
      .add('aggregator', {}, 'a', 'hourly-rollup')
      .add('ledger', {}, 'l')
      .chain('p', 'q', 'a', 'l')
      .inject({ kind: 'duplicate', target: '*', rate: 0.05 })
      .run({ events: 1000 });
    expect(inv(labelled, 'usage-billed-exactly-once').summary).toMatch(
      /^\d+ events counted more than once; nothing deduplicates between usage-events \(queue\) and hourly-rollup \(aggregator\)/,
    );
  });

  it('timeline, samples and stats are bounded and consistent', () => {
    expect(r.timeline.length).toBeLessThanOrEqual(10);
    expect(r.timeline.reduce((a, b) => a + b.throughput, 0)).toBe(2000);
    expect(r.timeline.reduce((a, b) => a + b.duplicates, 0)).toBeGreaterThan(0);
    expect(r.samples.length).toBeLessThanOrEqual(30);
    expect(r.samples.length).toBeGreaterThan(0);
    for (const s of r.samples)
      expect(['producer->queue', 'queue->aggregator', 'aggregator->ledger']).toContain(s.edgeId);
    expect(r.stats.producer!.out).toBeGreaterThanOrEqual(2000);
    expect(r.events).toBe(2000);
    expect(r.seed).toBe(1);
  });

  it('onProgress reports items emitted up to the total', () => {
    const seen: number[] = [];
    runSimulation(
      metering().build(),
      { seed: 1, events: 200_000, faultPlan: { faults: [] }, explain: false },
      (done, total) => {
        expect(total).toBe(200_000);
        seen.push(done);
      },
    );
    expect(seen.at(-1)).toBe(200_000);
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });

  it('an empty board, or zero events, runs and holds', () => {
    const empty = board().run({ events: 100 });
    expect(empty.invariants).toEqual([]);
    expect(
      metering()
        .run({ events: 0 })
        .invariants.every((i) => i.holds),
    ).toBe(true);
  });
});
