// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from './boardBuilder';

type Cfg = Record<string, string | number | boolean>;

/** producer(invoices) → queue → worker → payment-provider [→ webhook-endpoint → ledger]. */
function charging(worker: Cfg = {}, endpoint: Cfg | null = null) {
  const b = board()
    .add('producer', { workload: 'invoices' })
    .add('queue')
    .add('worker', worker)
    .add('payment-provider')
    .chain('producer', 'queue', 'worker', 'payment-provider');
  if (endpoint)
    b.add('webhook-endpoint', endpoint).add('ledger').chain('payment-provider', 'webhook-endpoint', 'ledger');
  return b;
}
const TIMEOUTS = { kind: 'timeout', target: 'kind:payment-provider', rate: 0.1 } as const;
const SAFE_ENDPOINT: Cfg = { storeEventIds: true, orderPolicy: 'version-check', verifySignature: true };

describe('payment provider: idempotency keys', () => {
  it('charges every invoice exactly once with no faults', () => {
    const r = charging().run({ events: 1000 });
    expect(r.invariants.map((i) => i.id)).toEqual([
      'no-double-charge',
      'every-invoice-charged',
      'pipeline-live',
    ]);
    expect(r.invariants.every((i) => i.holds)).toBe(true);
  });

  it('a deterministic key makes the retry after a timeout harmless', () => {
    const r = charging({ idempotencyKey: 'deterministic' }).inject(TIMEOUTS).run({ events: 1000 });
    expect(inv(r, 'no-double-charge').holds).toBe(true);
    expect(inv(r, 'every-invoice-charged').holds).toBe(true);
    expect(r.stats['payment-provider']!.duplicates).toBeGreaterThan(0);
  });

  it.each(['none', 'random-per-attempt'])(
    'idempotencyKey %s charges twice when the answer is lost',
    (key) => {
      const r = charging({ idempotencyKey: key }).inject(TIMEOUTS).run({ events: 1000 });
      const d = inv(r, 'no-double-charge');
      expect(d.holds).toBe(false);
      expect(d.summary).toContain(`idempotencyKey: ${key}`);
      expect(d.examples[0]!.path.some((p) => p.faults.some((f) => f.startsWith('timeout')))).toBe(true);
    },
  );

  it('a duplicate delivery carries the same key, so even random-per-attempt survives it', () => {
    const r = charging({ idempotencyKey: 'random-per-attempt' })
      .inject({ kind: 'duplicate', target: 'kind:payment-provider', rate: 0.1 })
      .run({ events: 1000 });
    expect(inv(r, 'no-double-charge').holds).toBe(true);
  });

  it('a key remembered for less time than the retry delay does not protect', () => {
    const b = board()
      .add('producer', { workload: 'invoices' })
      .add('worker', { idempotencyKey: 'deterministic' })
      .add('payment-provider', { keyTtlMs: 1 })
      .chain('producer', 'worker', 'payment-provider')
      .inject(TIMEOUTS);
    expect(inv(b.run({ events: 1000 }), 'no-double-charge').holds).toBe(false);
  });

  it('a worker that acks before charging loses invoices when it crashes', () => {
    const crash = { kind: 'crash', target: 'kind:worker', atMs: 300, downMs: 100 } as const;
    expect(
      inv(
        charging({ ack: 'before-processing', idempotencyKey: 'deterministic' })
          .inject(crash)
          .run({ events: 1000 }),
        'every-invoice-charged',
      ).holds,
    ).toBe(false);
    expect(
      inv(
        charging({ idempotencyKey: 'deterministic' }).inject(crash).run({ events: 1000 }),
        'every-invoice-charged',
      ).holds,
    ).toBe(true);
  });
});

describe('webhook endpoint', () => {
  const DUP = { kind: 'duplicate', target: 'kind:webhook-endpoint', rate: 0.2 } as const;
  const REORDER = { kind: 'reorder', target: 'kind:webhook-endpoint', rate: 0.5, windowMs: 1000 } as const;
  const key = { idempotencyKey: 'deterministic' };

  it('applies every event once with no faults, whatever its policy', () => {
    for (const orderPolicy of ['naive', 'version-check', 'refetch']) {
      const r = charging(key, { orderPolicy }).run({ events: 500 });
      expect(inv(r, 'webhook-applied-once').holds).toBe(true);
      expect(inv(r, 'ledger-balanced').holds).toBe(true);
    }
  });

  it('without storeEventIds a redelivered event is applied twice', () => {
    const r = charging(key, { storeEventIds: false, orderPolicy: 'naive' }).inject(DUP).run({ events: 500 });
    const w = inv(r, 'webhook-applied-once');
    expect(w.holds).toBe(false);
    expect(w.summary).toContain('does not store event ids');
    expect(w.examples.some((e) => /^whk-\d+-v\d$/.test(e.messageId))).toBe(true);
    expect(inv(r, 'ledger-balanced').holds).toBe(false);
  });

  it('storing event ids skips redeliveries', () => {
    const r = charging(key, SAFE_ENDPOINT).inject(DUP).run({ events: 500 });
    expect(inv(r, 'webhook-applied-once').holds).toBe(true);
    expect(inv(r, 'ledger-balanced').holds).toBe(true);
  });

  it('orderPolicy naive ends in the wrong state when events arrive out of order; version-check and refetch do not', () => {
    const naive = inv(
      charging(key, { ...SAFE_ENDPOINT, orderPolicy: 'naive' })
        .inject(REORDER)
        .run({ events: 500 }),
      'webhook-applied-once',
    );
    expect(naive.holds).toBe(false);
    expect(naive.summary).toContain('orderPolicy naive');
    for (const orderPolicy of ['version-check', 'refetch']) {
      expect(
        inv(
          charging(key, { ...SAFE_ENDPOINT, orderPolicy })
            .inject(REORDER)
            .inject(DUP)
            .run({ events: 500 }),
          'webhook-applied-once',
        ).holds,
      ).toBe(true);
    }
  });

  it('forged events are applied unless signatures are verified (refetch is immune)', () => {
    const FORGE = { kind: 'poison', target: 'kind:webhook-endpoint', rate: 0.05 } as const;
    const open = inv(
      charging(key, { ...SAFE_ENDPOINT, verifySignature: false })
        .inject(FORGE)
        .run({ events: 500 }),
      'webhook-applied-once',
    );
    expect(open.holds).toBe(false);
    expect(open.summary).toContain('forged');
    expect(
      inv(charging(key, SAFE_ENDPOINT).inject(FORGE).run({ events: 500 }), 'webhook-applied-once').holds,
    ).toBe(true);
    expect(
      inv(
        charging(key, { ...SAFE_ENDPOINT, verifySignature: false, orderPolicy: 'refetch' })
          .inject(FORGE)
          .run({ events: 500 }),
        'webhook-applied-once',
      ).holds,
    ).toBe(true);
  });

  it('acking before processing loses the events in hand when the endpoint crashes', () => {
    const crash = { kind: 'crash', target: 'kind:webhook-endpoint', atMs: 200, downMs: 100 } as const;
    expect(
      inv(
        charging(key, { ...SAFE_ENDPOINT, ack: 'before-processing' })
          .inject(crash)
          .run({ events: 500 }),
        'webhook-applied-once',
      ).holds,
    ).toBe(false);
    expect(
      inv(charging(key, SAFE_ENDPOINT).inject(crash).run({ events: 500 }), 'webhook-applied-once').holds,
    ).toBe(true);
  });
});

describe('ledger-balanced and the reconciler', () => {
  it('a reconciler comparing ledger and provider corrects the ledger', () => {
    const dup = { kind: 'duplicate', target: 'kind:webhook-endpoint', rate: 0.2 } as const;
    const broken = charging({ idempotencyKey: 'deterministic' }, { orderPolicy: 'naive' }).inject(dup);
    const r1 = broken.run({ events: 500 });
    expect(inv(r1, 'ledger-balanced').holds).toBe(false);
    const fixed = charging({ idempotencyKey: 'deterministic' }, { orderPolicy: 'naive' })
      .inject(dup)
      .add('reconciler')
      .connect('ledger', 'reconciler')
      .connect('payment-provider', 'reconciler')
      .connect('reconciler', 'ledger');
    const r2 = fixed.run({ events: 500 });
    expect(inv(r2, 'ledger-balanced').holds).toBe(true);
    expect(inv(r2, 'webhook-applied-once').holds).toBe(false);
  });

  it('a ledger nothing records charges in disagrees with the provider', () => {
    const r = charging({ idempotencyKey: 'deterministic' }).add('ledger').run({ events: 200 });
    const l = inv(r, 'ledger-balanced');
    expect(l.holds).toBe(false);
    expect(l.summary).toContain('nothing records charges');
  });
});

describe('notification', () => {
  const notify = (dedup: boolean) => {
    const b = board()
      .add('producer', { workload: 'invoices' })
      .add('queue')
      .add('worker')
      .add('notification');
    if (dedup)
      b.add('dedup', { durable: true }).chain('producer', 'queue', 'worker', 'dedup', 'notification');
    else b.chain('producer', 'queue', 'worker', 'notification');
    return b.inject({ kind: 'duplicate', target: '*', rate: 0.05 });
  };
  it('a duplicate reaches the customer twice unless something drops repeats first', () => {
    const bad = inv(notify(false).run({ events: 1000 }), 'no-duplicate-notification');
    expect(bad.holds).toBe(false);
    expect(bad.examples[0]!.messageId).toMatch(/^inv-\d+$/);
    expect(inv(notify(true).run({ events: 1000 }), 'no-duplicate-notification').holds).toBe(true);
  });
});
