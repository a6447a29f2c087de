// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, metering } from './boardBuilder';

describe('budgets', () => {
  it('a worker → queue → worker loop stops with the loop named', () => {
    const b = board()
      .add('producer', { workload: 'usage' }, 'p', 'source')
      .add('queue', {}, 'q', 'jobs')
      .add('worker', {}, 'w', 'resubmitter')
      .chain('p', 'q', 'w', 'q');
    const r = b.run({ events: 200 });
    expect(r.stopped?.reason).toBe('event-budget');
    expect(r.stopped?.loop).toEqual(expect.arrayContaining(['q', 'w']));
    expect(r.stopped?.loop).toHaveLength(2);
    expect(r.stopped?.message).toMatch(
      /loop — (jobs \(queue\) → resubmitter \(worker\) → jobs \(queue\)|resubmitter \(worker\) → jobs \(queue\) → resubmitter \(worker\))/,
    );
    expect(r.invariants.length).toBeGreaterThan(0);
  });

  it('a queue wired to itself (or a ring of queues) stops with the loop named, no stack overflow', () => {
    const self = board()
      .add('producer', { workload: 'usage' }, 'p')
      .add('queue', { delivery: 'broadcast' }, 'q', 'jobs')
      .chain('p', 'q')
      .connect('q', 'q', 'self')
      .run({ events: 20 });
    expect(self.stopped?.reason).toBe('event-budget');
    expect(self.stopped?.loop).toEqual(['q']);
    const ring = board()
      .add('producer', { workload: 'usage' }, 'p')
      .add('queue', {}, 'a')
      .add('queue', {}, 'b')
      .chain('p', 'a', 'b', 'a')
      .run({ events: 20 });
    expect(ring.stopped?.reason).toBe('event-budget');
    expect(ring.stopped?.loop).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('a synchronous fan-out loop stops too (no hang, no stack overflow)', () => {
    const b = board()
      .add('producer', { workload: 'usage' }, 'p')
      .add('dedup', { key: 'idempotencyKey' }, 'd')
      .add('cache', {}, 'c')
      .chain('p', 'd', 'c', 'd')
      .connect('c', 'c', 'self');
    const r = b.run({ events: 50 });
    expect(r.stopped?.reason).toBe('event-budget');
    expect(r.stopped?.loop?.length).toBeGreaterThan(0);
  });

  it('a loop broken by a dedup on eventId settles on its own', () => {
    const r = board()
      .add('producer', { workload: 'usage' }, 'p')
      .add('queue', {}, 'q')
      .add('dedup', { durable: true }, 'd')
      .add('worker', {}, 'w')
      .chain('p', 'q', 'd', 'w', 'q')
      .run({ events: 200 });
    expect(r.stopped).toBeUndefined();
  });

  it('maxEvents stops a big run and says no loop was found', () => {
    const r = metering().run({ events: 5000, maxEvents: 2000 });
    expect(r.stopped?.reason).toBe('event-budget');
    expect(r.stopped?.message).toContain('No loop was found');
    expect(r.processedEvents).toBeLessThanOrEqual(2001);
  });

  it('maxVirtualMs stops the clock', () => {
    const r = metering().run({ events: 5000, maxVirtualMs: 1000 });
    expect(r.stopped?.reason).toBe('time-budget');
    expect(r.virtualMs).toBeLessThanOrEqual(1000);
  });

  it('a run settles within a bounded time after its last item, even when something retries forever', () => {
    const r = metering()
      .inject({ kind: 'partition', target: 'aggregator->ledger', fromMs: 0 })
      .run({ events: 500 });
    expect(r.stopped).toBeUndefined();
    expect(r.virtualMs).toBeLessThan(60 * 60 * 1000);
    expect(r.invariants.find((i) => i.id === 'no-event-lost')!.holds).toBe(false);
  });
});
