// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from '../boardBuilder';

describe('regions, partitions and database replication', () => {
  /** Producers in two regions → queues → the ledger's database in eu (writes are the invoices). */
  function regional(replication: string) {
    return board()
      .add('producer', { workload: 'usage', retries: 3 }, 'p-eu')
      .add('producer', { workload: 'usage', retries: 3 }, 'p-us')
      .add('queue', { visibilityTimeoutMs: 2000 }, 'q-eu')
      .add('queue', { visibilityTimeoutMs: 2000 }, 'q-us')
      .add('database', { replication, uniqueKey: 'eventId', transactional: true }, 'db')
      .add('ledger', {}, 'ledger')
      .chain('p-eu', 'q-eu', 'db')
      .chain('p-us', 'q-us', 'db')
      .connect('db', 'ledger')
      .region('eu', 'p-eu', 'q-eu', 'db', 'ledger')
      .region('us', 'p-us', 'q-us')
      .inject({ kind: 'partition', target: 'region:eu|us', fromMs: 300, toMs: 900 });
  }

  it('a region partition cuts every edge between the two regions and nothing else', () => {
    const r = regional('none').run({ events: 2000 });
    // The us queue keeps redelivering until the partition heals: nothing is lost.
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(r.stats['q-us']!.out).toBeGreaterThan(r.stats['q-us']!.in);
  });

  it('wrong: async replication fails over and loses the writes the old primary acknowledged', () => {
    const r = regional('async-replica').run({ events: 2000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
    expect(r.stats.db!.dropped).toBeGreaterThan(0);
  });

  it('right: a synchronous quorum refuses the far side’s writes (unavailable) and loses nothing', () => {
    const r = regional('sync-quorum').run({ events: 2000 });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(r.stats.db!.errors).toBeGreaterThan(0);
  });
});

describe('Nexus endpoints', () => {
  /** billing workflow → nexus endpoint → provisioning activity (another namespace). */
  function nexus(handler: string, workMs: number, retries = 2) {
    return board()
      .add('producer', { workload: 'requests', ratePerSec: 200 })
      .add('workflow', { retries }, 'wf', 'billing')
      .add('nexus-endpoint', { handler, workMs }, 'nx', 'provisioning')
      .add('activity', {}, 'cluster')
      .chain('producer', 'wf', 'nx', 'cluster');
  }

  it('wrong: a sync handler doing minutes of work misses the 10 s start deadline; each retry runs it again', () => {
    const r = nexus('sync', 120_000).run({ events: 100 });
    const w = inv(r, 'workflow-completes');
    expect(w.holds).toBe(false);
    expect(w.summary).toMatch(/provisioning \(nexus-endpoint\) is a sync handler .* 10 s start deadline/);
    expect(r.stats.nx!.duplicates).toBe(200);
  });

  it('right: a workflow-run handler answers the start at once and completes the caller by callback, across the caller’s crash', () => {
    const r = nexus('workflow-run', 120_000)
      .inject({ kind: 'crash', target: 'kind:workflow', atMs: 100_000, downMs: 60_000 })
      .run({ events: 100 });
    expect(inv(r, 'workflow-completes').holds).toBe(true);
    expect(r.stats.nx!.duplicates).toBe(0);
  });

  it('a repeated start with the same request id is deduplicated by the handler workflow', () => {
    const r = nexus('workflow-run', 2_000, 10)
      .inject({ kind: 'timeout', target: 'kind:nexus-endpoint', rate: 0.3 })
      .run({ events: 200 });
    expect(inv(r, 'workflow-completes').holds).toBe(true);
    expect(r.stats.nx!.duplicates).toBeGreaterThan(0);
    expect(inv(r, 'saga-atomic').holds).toBe(true);
  });
});
