// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv, metering } from './boardBuilder';

describe('fault targets and windows', () => {
  it('a target that matches no node or edge changes nothing (same trace hash)', () => {
    const plain = metering().run({ events: 1000 });
    const ghost = metering()
      .inject({ kind: 'duplicate', target: 'no-such-node', rate: 1 })
      .inject({ kind: 'crash', target: 'kind:workflow', atMs: 10, downMs: 100 })
      .run({ events: 1000 });
    expect(ghost.traceHash).toBe(plain.traceHash);
  });

  it('an edge id targets only that edge', () => {
    const r = metering({ dedup: false })
      .inject({ kind: 'duplicate', target: 'queue->aggregator', rate: 0.1 })
      .run({ events: 1000 });
    expect(r.stats.producer!.out).toBe(1000);
    expect(r.stats.queue!.out).toBeGreaterThan(1050);
  });

  it('kind:<kind> matches every edge into a node of that kind; * matches everything', () => {
    const kindQueue = metering({ dedup: false })
      .inject({ kind: 'duplicate', target: 'kind:queue', rate: 0.1 })
      .run({ events: 1000 });
    expect(kindQueue.stats.producer!.out).toBeGreaterThan(1050);
    expect(kindQueue.stats.queue!.out).toBe(kindQueue.stats.queue!.in);
    const all = metering({ dedup: false })
      .inject({ kind: 'duplicate', target: '*', rate: 0.1 })
      .run({ events: 1000 });
    expect(all.stats.producer!.out).toBeGreaterThan(1050);
    expect(all.stats.queue!.out).toBeGreaterThan(all.stats.queue!.in + 50);
  });

  it('a node id target matches the node and the edges into it', () => {
    const r = metering({ dedup: false })
      .inject({ kind: 'duplicate', target: 'aggregator', rate: 0.1 })
      .run({ events: 1000 });
    expect(r.stats.producer!.out).toBe(1000);
    expect(r.stats.aggregator!.in).toBeGreaterThan(1050);
  });

  it('a window limits a fault to [fromMs, toMs)', () => {
    const r = metering({ dedup: false })
      .inject({ kind: 'duplicate', target: '*', fromMs: 0, toMs: 500, rate: 0.2 })
      .run({ events: 2000, timelineBuckets: 4 });
    const u = inv(r, 'usage-billed-exactly-once');
    expect(u.holds).toBe(false);
    for (const ex of u.examples) expect(Number(ex.messageId.slice(4))).toBeLessThan(500);
    expect(r.timeline[0]!.duplicates).toBeGreaterThan(0);
    expect(r.timeline.slice(1).every((b) => b.duplicates === 0)).toBe(true);
  });

  it('a partition drops everything on the edge for its window; the producer retries through a short one', () => {
    const short = metering()
      .inject({ kind: 'partition', target: 'producer->queue', fromMs: 200, toMs: 1200 })
      .run({ events: 2000 });
    expect(inv(short, 'no-event-lost').holds).toBe(true);
    expect(short.health).toContainEqual({ tMs: 200, edgeId: 'producer->queue', state: 'partitioned' });
    expect(short.health).toContainEqual({ tMs: 1200, edgeId: 'producer->queue', state: 'healed' });
    const long = metering()
      .inject({ kind: 'partition', target: 'producer->queue', fromMs: 200 })
      .run({ events: 2000 });
    expect(inv(long, 'no-event-lost').holds).toBe(false);
    expect(
      inv(long, 'no-event-lost').examples[0]!.path.some((p) =>
        p.faults.some((f) => f.startsWith('partition')),
      ),
    ).toBe(true);
  });

  it("a crash records crashed / up health and the node's crash count", () => {
    const r = metering()
      .inject({ kind: 'crash', target: 'kind:aggregator', atMs: 500, downMs: 250 })
      .run({ events: 2000 });
    expect(r.health).toContainEqual({ tMs: 500, nodeId: 'aggregator', state: 'crashed' });
    expect(r.health).toContainEqual({ tMs: 750, nodeId: 'aggregator', state: 'up' });
    expect(r.stats.aggregator!.crashes).toBe(1);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
  });

  it('an after-side-effect crash waits for the next message, then dies before answering', () => {
    const r = metering()
      .inject({ kind: 'crash', target: 'kind:queue', atMs: 500, downMs: 100, point: 'after-side-effect' })
      .run({ events: 2000 });
    expect(r.stats.queue!.crashes).toBe(1);
    expect(r.stats.dedup!.duplicates).toBeGreaterThan(0);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
  });

  it('reorder holds messages back within its window', () => {
    const r = board()
      .add('producer', { workload: 'usage' })
      .add('queue')
      .add('aggregator', { windowMs: 100, graceMs: 0 })
      .add('ledger')
      .chain('producer', 'queue', 'aggregator', 'ledger')
      .inject({ kind: 'reorder', target: 'kind:aggregator', rate: 0.3, windowMs: 500 })
      .run({ events: 2000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
  });

  it('outage with a rate fails only some calls', () => {
    const r = metering({ producer: { retries: 10 } })
      .inject({ kind: 'outage', target: 'kind:queue', rate: 0.3 })
      .run({ events: 1000 });
    expect(r.stats.queue!.errors).toBeGreaterThan(300);
    expect(r.stats.queue!.errors).toBeLessThan(600);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    // With the default 3 retries, 0.3^4 of the items run out of retries: lost, as designed.
    const few = metering().inject({ kind: 'outage', target: 'kind:queue', rate: 0.3 }).run({ events: 1000 });
    expect(inv(few, 'no-event-lost').holds).toBe(false);
  });
});
