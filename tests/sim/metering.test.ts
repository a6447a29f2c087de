// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv, metering } from './boardBuilder';

const DUPS = { kind: 'duplicate', target: '*', rate: 0.02 } as const;

describe('metering pipeline: dedup', () => {
  it('holds every invariant with no faults, with or without a dedup', () => {
    for (const b of [metering(), metering({ dedup: false })]) {
      const r = b.run({ events: 3000 });
      expect(r.invariants.map((i) => i.id)).toEqual([
        'usage-billed-exactly-once',
        'no-event-lost',
        'pipeline-live',
        'totals-on-time',
      ]);
      expect(r.invariants.every((i) => i.holds && i.count === 0)).toBe(true);
      expect(r.stopped).toBeUndefined();
    }
  });

  it('over-counts duplicates when nothing deduplicates before the aggregator, and names the gap', () => {
    const r = metering({ dedup: false }).inject(DUPS).run({ events: 3000 });
    const u = inv(r, 'usage-billed-exactly-once');
    expect(u.holds).toBe(false);
    expect(u.count).toBeGreaterThan(20);
    expect(u.summary).toContain('nothing deduplicates between queue (queue) and aggregator (aggregator)');
    expect(u.examples.length).toBeGreaterThan(0);
    expect(u.examples.length).toBeLessThanOrEqual(5);
    expect(u.examples[0]!.path.filter((p) => p.kind === 'billed')).toHaveLength(2);
    const faults = u.examples[0]!.path.flatMap((p) => p.faults);
    expect(faults.some((f) => f.startsWith('duplicate'))).toBe(true);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
  });

  it('holds with a durable dedup between queue and aggregator', () => {
    const r = metering({ dedup: { durable: true } })
      .inject(DUPS)
      .inject({ kind: 'crash', target: 'kind:dedup', atMs: 1000, downMs: 200 })
      .run({ events: 3000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(r.stats.dedup!.duplicates).toBeGreaterThan(0);
    expect(r.stats.dedup!.crashes).toBe(1);
  });

  it('over-counts again when an in-memory dedup crashes and forgets what it saw', () => {
    const r = metering({ dedup: { durable: false } })
      .inject(DUPS)
      .inject({ kind: 'crash', target: 'kind:dedup', atMs: 1000, downMs: 200 })
      .run({ events: 3000 });
    const u = inv(r, 'usage-billed-exactly-once');
    expect(u.holds).toBe(false);
    expect(u.summary).toContain('forgot the keys it had seen when it crashed');
  });

  it('a dedup keyed by idempotencyKey lets keyless messages through', () => {
    const r = metering({ dedup: { key: 'idempotencyKey', durable: true } })
      .inject(DUPS)
      .run({ events: 2000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
  });

  it('a dedup with a ttl shorter than the redelivery delay lets the repeat through', () => {
    const r = metering({ dedup: { durable: true, ttlMs: 1 } })
      .inject(DUPS)
      .run({ events: 2000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
  });
});

describe('aggregator: late events', () => {
  const LATE = { kind: 'late', target: 'kind:aggregator', rate: 0.05, delayMs: 5000 } as const;
  const agg = (latePolicy: string) => ({ windowMs: 1000, graceMs: 0, latePolicy });

  it('latePolicy drop loses events past the grace', () => {
    const r = metering({ aggregator: agg('drop') })
      .inject(LATE)
      .run({ events: 3000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
    expect(inv(r, 'no-event-lost').summary).toContain('dropped');
    expect(r.stats.aggregator!.dropped).toBe(inv(r, 'no-event-lost').count);
  });

  it('latePolicy correction-log with a wired correction log bills them next cycle: nothing lost', () => {
    const r = metering({ aggregator: agg('correction-log'), correctionLog: true })
      .inject(LATE)
      .run({ events: 3000 });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(r.stats['correction-log']!.in).toBeGreaterThan(0);
  });

  it('latePolicy correction-log without a correction log still loses them', () => {
    const r = metering({ aggregator: agg('correction-log') })
      .inject(LATE)
      .run({ events: 3000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
  });

  it('a grace period longer than the delay keeps late events in their window', () => {
    const r = metering({ aggregator: { windowMs: 1000, graceMs: 6000 } })
      .inject(LATE)
      .run({ events: 3000 });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
  });

  it('a producer clock running behind makes its events late at a shared aggregator', () => {
    const b = board()
      .add('producer', { workload: 'usage' }, 'p1')
      .add('producer', { workload: 'usage', clockSkewMs: -5000 }, 'p2')
      .add('queue')
      .add('aggregator', agg('drop'))
      .add('ledger')
      .chain('p1', 'queue', 'aggregator', 'ledger')
      .connect('p2', 'queue');
    expect(inv(b.run({ events: 3000 }), 'no-event-lost').holds).toBe(false);
    const fixed = board()
      .add('producer', { workload: 'usage' }, 'p1')
      .add('producer', { workload: 'usage' }, 'p2')
      .add('queue')
      .add('aggregator', agg('drop'))
      .add('ledger')
      .chain('p1', 'queue', 'aggregator', 'ledger')
      .connect('p2', 'queue');
    expect(inv(fixed.run({ events: 3000 }), 'no-event-lost').holds).toBe(true);
    const skewFault = fixed.inject({ kind: 'clock-skew', target: 'p2', skewMs: -5000 });
    expect(inv(skewFault.run({ events: 3000 }), 'no-event-lost').holds).toBe(false);
  });
});

describe('queue: acks, redelivery, poison', () => {
  const pipeline = (
    worker: Record<string, string | number | boolean>,
    queue = { visibilityTimeoutMs: 2000 },
  ) =>
    board()
      .add('producer', { workload: 'usage' })
      .add('queue', queue)
      .add('worker', worker)
      .add('dedup', { durable: true })
      .add('ledger')
      .chain('producer', 'queue', 'worker', 'dedup', 'ledger');
  const CRASH = { kind: 'crash', target: 'kind:worker', atMs: 700, downMs: 100 } as const;

  it('redelivers what a crashed worker held after visibilityTimeoutMs (ack after processing): nothing lost', () => {
    const r = pipeline({ ack: 'after-processing' }).inject(CRASH).run({ events: 2000 });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(r.stats.queue!.errors).toBeGreaterThan(0);
  });

  it('loses what a crashed worker held when it acked before processing', () => {
    const r = pipeline({ ack: 'before-processing' }).inject(CRASH).run({ events: 2000 });
    const lost = inv(r, 'no-event-lost');
    expect(lost.holds).toBe(false);
    expect(lost.examples[0]!.path.at(-1)).toMatchObject({ kind: 'lost-in-crash', nodeId: 'worker' });
  });

  it('redelivered messages arrive after the visibility timeout', () => {
    for (const vis of [4000, 8000]) {
      const r = pipeline({ ack: 'after-processing' }, { visibilityTimeoutMs: vis })
        .inject(CRASH)
        .run({ events: 2000, invariants: ['no-event-lost'] });
      expect(inv(r, 'no-event-lost').holds).toBe(true);
      expect(r.stats.worker!.in).toBeGreaterThan(2000);
      expect(r.virtualMs).toBeGreaterThanOrEqual(700 + vis);
    }
  });

  it('without a dead-letter queue a poison message blocks its key for good (pipeline-live)', () => {
    const r = metering({ queue: { visibilityTimeoutMs: 1000 } })
      .inject({ kind: 'poison', target: 'kind:queue', rate: 0.002 })
      .run({ events: 3000 });
    const live = inv(r, 'pipeline-live');
    expect(live.holds).toBe(false);
    expect(live.summary).toContain('no dead-letter-queue is wired');
    expect(inv(r, 'no-event-lost').holds).toBe(false);
  });

  it('with a dead-letter queue wired the poison is parked and the pipeline stays live', () => {
    const r = metering({ queue: { visibilityTimeoutMs: 1000 } })
      .add('dead-letter-queue')
      .connect('queue', 'dead-letter-queue')
      .inject({ kind: 'poison', target: 'kind:queue', rate: 0.002 })
      .run({ events: 3000 });
    expect(inv(r, 'pipeline-live').holds).toBe(true);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(r.stats['dead-letter-queue']!.in).toBeGreaterThan(0);
  });

  it('an unordered queue does not park other messages behind poison', () => {
    const r = metering({ queue: { visibilityTimeoutMs: 1000, orderedByKey: false } })
      .inject({ kind: 'poison', target: 'kind:queue', rate: 0.002 })
      .run({ events: 3000 });
    expect(inv(r, 'pipeline-live').holds).toBe(false);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
  });
});

describe('database and idempotency store: the crash gap', () => {
  const viaDb = (db: Record<string, string | boolean>) =>
    board()
      .add('producer', { workload: 'usage' })
      .add('queue', { visibilityTimeoutMs: 2000 })
      .add('database', db)
      .add('ledger')
      .chain('producer', 'queue', 'database', 'ledger')
      .inject({ kind: 'crash', target: 'kind:database', atMs: 800, downMs: 100, point: 'after-side-effect' });

  it('a non-transactional unique key lets the redelivery after a crash through', () => {
    const r = viaDb({ uniqueKey: 'eventId', transactional: false }).run({ events: 2000 });
    const u = inv(r, 'usage-billed-exactly-once');
    expect(u.holds).toBe(false);
    expect(u.count).toBe(1);
    expect(u.summary).toContain('not transactional');
  });

  it('a transactional unique key refuses it', () => {
    expect(
      inv(
        viaDb({ uniqueKey: 'eventId', transactional: true }).run({ events: 2000 }),
        'usage-billed-exactly-once',
      ).holds,
    ).toBe(true);
  });

  it('without a unique key every redelivery is a new row', () => {
    const r = viaDb({ uniqueKey: 'none', transactional: true })
      .inject({ kind: 'duplicate', target: 'kind:database', rate: 0.05 })
      .run({ events: 2000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
  });

  const viaStore = (atomicWithWrite: boolean) =>
    board()
      .add('producer', { workload: 'usage' })
      .add('queue', { visibilityTimeoutMs: 2000 })
      .add('idempotency-store', { atomicWithWrite })
      .add('ledger')
      .chain('producer', 'queue', 'idempotency-store', 'ledger')
      .inject({
        kind: 'crash',
        target: 'kind:idempotency-store',
        atMs: 800,
        downMs: 100,
        point: 'after-side-effect',
      })
      .inject({ kind: 'duplicate', target: 'kind:idempotency-store', rate: 0.02 });

  it('an idempotency store that is not atomic with the write repeats the effect after a crash', () => {
    expect(inv(viaStore(false).run({ events: 2000 }), 'usage-billed-exactly-once').holds).toBe(false);
  });

  it('an atomic idempotency store holds', () => {
    expect(inv(viaStore(true).run({ events: 2000 }), 'usage-billed-exactly-once').holds).toBe(true);
  });
});

describe('producer retries', () => {
  const b = () => metering();
  it('retries through a short outage', () => {
    const r = b()
      .inject({ kind: 'outage', target: 'kind:queue', fromMs: 500, toMs: 1500 })
      .run({ events: 2000 });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(r.health.some((h) => h.nodeId === 'queue' && h.state === 'outage')).toBe(true);
  });

  it('gives up after its retries when the outage outlasts them', () => {
    const r = b()
      .inject({ kind: 'outage', target: 'kind:queue', fromMs: 500, toMs: 20_000 })
      .run({ events: 2000 });
    const lost = inv(r, 'no-event-lost');
    expect(lost.holds).toBe(false);
    expect(lost.examples[0]!.path.at(-1)).toMatchObject({ kind: 'gave-up', nodeId: 'producer' });
    expect(r.stats.producer!.errors).toBe(lost.count);
  });

  it('a timeout means the callee did the work: the retry duplicates it', () => {
    const r = metering({ dedup: false })
      .inject({ kind: 'timeout', target: 'kind:queue', rate: 0.05 })
      .run({ events: 2000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(false);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(
      inv(
        metering().inject({ kind: 'timeout', target: 'kind:queue', rate: 0.05 }).run({ events: 2000 }),
        'usage-billed-exactly-once',
      ).holds,
    ).toBe(true);
  });
});
