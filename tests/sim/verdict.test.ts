// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from './boardBuilder';
import type { SimResult } from '../../src/sim';

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
