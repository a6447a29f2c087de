// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv, metering } from './boardBuilder';

describe('api', () => {
  const viaApi = (timeoutMs: number) =>
    board()
      .add('producer', { workload: 'requests' })
      .add('api', { timeoutMs })
      .add('worker', {}, 'svc')
      .add('activity', {}, 'a1')
      .add('activity', {}, 'a2')
      .chain('producer', 'api', 'svc')
      .connect('svc', 'a1')
      .connect('svc', 'a2');
  it('answers with the downstream answer when it is in time', () => {
    expect(inv(viaApi(1000).run({ events: 300 }), 'saga-atomic').holds).toBe(true);
  });
  it('a timeout shorter than the downstream work makes callers retry work that is still running', () => {
    const r = viaApi(50).run({ events: 300 });
    expect(r.stats.api!.errors).toBeGreaterThan(0);
    expect(inv(r, 'saga-atomic').holds).toBe(false);
  });
});

describe('cache', () => {
  it('is a write-through pass-through: it never drops, and counts writes to a key still cached', () => {
    const b = board()
      .add('producer', { workload: 'usage' })
      .add('queue')
      .add('cache', { ttlMs: 60_000 })
      .add('aggregator')
      .add('ledger')
      .chain('producer', 'queue', 'cache', 'aggregator', 'ledger')
      .inject({ kind: 'duplicate', target: 'kind:cache', rate: 0.05 });
    const r = b.run({ events: 1000 });
    expect(r.stats.cache!.out).toBe(r.stats.cache!.in);
    expect(r.stats.cache!.duplicates).toBeGreaterThan(0);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
  });
});

describe('scheduler', () => {
  it("ticks close an aggregator's windows on processing time (a billing cycle), not on event time", () => {
    // Every event is stamped 5 s in the past: the event-time watermark lags with them, so nothing is
    // late. A scheduler ticking every 200 ms moves the watermark to "now" and makes them late.
    const base = () =>
      board()
        .add('producer', { workload: 'usage', clockSkewMs: -5000 })
        .add('queue')
        .add('aggregator', { windowMs: 500, graceMs: 0 })
        .add('ledger')
        .chain('producer', 'queue', 'aggregator', 'ledger');
    expect(inv(base().run({ events: 2000 }), 'no-event-lost').holds).toBe(true);
    const ticked = base()
      .add('scheduler', { periodMs: 200 })
      .connect('scheduler', 'aggregator')
      .run({ events: 2000 });
    expect(ticked.stats.scheduler!.out).toBeGreaterThan(5);
    expect(inv(ticked, 'no-event-lost').holds).toBe(false);
    expect(ticked.stats.aggregator!.dropped).toBeGreaterThan(1000);
  });
});

describe('object store and reconciler', () => {
  it('a reconciler comparing the ledger with the raw archive corrects over- and under-billing', () => {
    const faults = (b: ReturnType<typeof metering>) =>
      b
        .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
        .inject({ kind: 'late', target: 'kind:aggregator', rate: 0.02, delayMs: 5000 });
    const bare = faults(metering({ dedup: false, aggregator: { windowMs: 1000 } })).run({ events: 2000 });
    expect(inv(bare, 'usage-billed-exactly-once').holds).toBe(false);
    const reconciled = faults(
      metering({ dedup: false, aggregator: { windowMs: 1000 } })
        .add('object-store')
        .add('reconciler')
        .connect('producer', 'object-store')
        .connect('ledger', 'reconciler')
        .connect('object-store', 'reconciler')
        .connect('reconciler', 'ledger'),
    ).run({ events: 2000 });
    // Judged on the invoice: a final pass after invoicing credits the over-count back, but the
    // customer was invoiced it, and the summary says so.
    const afterInvoice = inv(reconciled, 'usage-billed-exactly-once');
    expect(afterInvoice.holds).toBe(false);
    expect(afterInvoice.summary).toMatch(/after invoicing/);
    // The under-count (late events dropped) is adjusted next cycle: nothing is lost.
    expect(inv(reconciled, 'no-event-lost').holds).toBe(true);
    expect(reconciled.stats['object-store']!.in).toBeGreaterThanOrEqual(2000);
    expect(reconciled.stats.reconciler!.errors).toBeGreaterThan(0);
  });

  it('a reconciler with no edge onward finds differences but corrects nothing', () => {
    const r = metering({ dedup: false })
      .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
      .add('object-store')
      .add('reconciler')
      .connect('producer', 'object-store')
      .connect('ledger', 'reconciler')
      .connect('object-store', 'reconciler')
      .run({ events: 2000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
    expect(r.stats.reconciler!.errors).toBeGreaterThan(0);
  });
});

describe('unknown targets of behaviour', () => {
  it('labels never change behaviour: renaming every node gives the same trace', () => {
    const a = metering().inject({ kind: 'duplicate', target: '*', rate: 0.02 }).run({ events: 1000 });
    const b = board()
      .add('producer', { workload: 'usage' }, 'producer', 'DEDUP EVERYTHING')
      .add('queue', {}, 'queue', 'exactly-once')
      .add('dedup', { durable: true }, 'dedup', 'nothing')
      .add('aggregator', {}, 'aggregator', 'ledger')
      .add('ledger', {}, 'ledger', 'dlq')
      .chain('producer', 'queue', 'dedup', 'aggregator', 'ledger')
      .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
      .run({ events: 1000 });
    expect(b.traceHash).toBe(a.traceHash);
  });
});
