// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from './boardBuilder';

type Cfg = Record<string, string | number | boolean>;

/** producer(requests) → workflow → card check → provision → email, with a sustained step outage. */
function signup(workflow: Cfg, charge: Cfg = {}) {
  return board()
    .add('producer', { workload: 'requests' })
    .add('workflow', { compensate: true, ...workflow }, 'wf', 'onboarding')
    .add('activity', { hasCompensation: true, ...charge }, 'charge', 'charge card')
    .add('activity', { hasCompensation: true }, 'provision', 'provision')
    .add('activity', {}, 'email', 'welcome email')
    .chain('producer', 'wf')
    .connect('wf', 'charge')
    .connect('wf', 'provision')
    .connect('wf', 'email')
    .inject({ kind: 'outage', target: 'provision', fromMs: 300, toMs: 1_500 });
}

describe('permanentFailureRate and every-request-completed', () => {
  it('a workflow that rides transient failures out completes every request that was not declined', () => {
    const r = signup({ retries: 20 }, { permanentFailureRate: 0.05, failureRate: 0.2 }).run({
      events: 2_000,
    });
    const done = inv(r, 'every-request-completed');
    expect(done.holds, done.summary).toBe(true);
    expect(done.summary).toMatch(/requests refused for good by a business failure are not counted/);
    // Declined cards are compensated at once, not retried: the saga stays atomic.
    expect(inv(r, 'saga-atomic').holds).toBe(true);
    expect(r.stats.wf!.errors).toBeGreaterThan(50);
  });

  it('a declined card is not retried: the workflow compensates on the first permanent answer', () => {
    const r = signup({ retries: 20 }, { permanentFailureRate: 1 }).run({ events: 200 });
    expect(r.stats.charge!.in).toBe(200);
    expect(r.stats.provision!.in).toBe(0);
    expect(inv(r, 'every-request-completed').holds).toBe(true);
  });

  it('giving up at the first error keeps the saga atomic but rolls back requests a retry would have saved', () => {
    const r = signup({ retries: 0 }, { permanentFailureRate: 0.05 }).run({ events: 2_000 });
    expect(inv(r, 'saga-atomic').holds).toBe(true);
    const done = inv(r, 'every-request-completed');
    expect(done.holds).toBe(false);
    expect(done.summary).toMatch(
      /rolled back after a failure that a retry would have ridden out — onboarding \(workflow\) gives up on a step after 0 retries/,
    );
    expect(done.examples[0]!.detail).toMatch(
      /^rolled back after a passing failure: charge card applied 1×, undone 1×/,
    );
  });

  it('the same requests are declined on the same seed, whatever else the board does', () => {
    const a = signup({ retries: 20 }, { permanentFailureRate: 0.1 }).run({ events: 1_000 });
    const b = signup({ retries: 0 }, { permanentFailureRate: 0.1 }).run({ events: 1_000 });
    expect(a.stats.wf!.errors).toBeGreaterThan(0);
    expect(inv(b, 'every-request-completed').count).toBeGreaterThan(0);
    const declined = (r: typeof a) => r.stats.provision!.in;
    expect(declined(a)).toBeGreaterThan(declined(b));
  });
});

/** producer → queue → dedup → aggregator → ledger (+ correction log), events late at the devices. */
function rollup(graceMs: number, latePolicy = 'correction-log') {
  return board()
    .add('producer', { workload: 'usage', ratePerSec: 500 })
    .add('queue', {}, 'q')
    .add('dedup', { durable: true }, 'd')
    .add('aggregator', { windowMs: 1_000, graceMs, latePolicy }, 'agg', 'hourly-rollup')
    .add('ledger', {}, 'l')
    .add('correction-log', {}, 'cl')
    .chain('producer', 'q', 'd', 'agg', 'l')
    .connect('agg', 'cl')
    .inject({ kind: 'late', target: 'kind:producer', rate: 0.02, delayMs: 1_500 });
}

describe('totals-on-time', () => {
  it('a grace sized to the observed lateness posts every window within the budget', () => {
    const r = rollup(2_000).run({ events: 2_000, totalsBudgetMs: 5_000 });
    expect(inv(r, 'totals-on-time').holds, inv(r, 'totals-on-time').summary).toBe(true);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
  });

  it('"wait for everything" keeps every event but posts no window in time', () => {
    const r = rollup(3_600_000).run({ events: 2_000, totalsBudgetMs: 5_000 });
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    const t = inv(r, 'totals-on-time');
    expect(t.holds).toBe(false);
    expect(t.summary).toMatch(
      /window totals? posted late .* budget 5 s: hourly-rollup \(aggregator\) waits graceMs 1 h before it closes a window, longer than the budget/,
    );
    expect(t.examples[0]!.detail).toMatch(/posted 1 h after the window ended \(budget 5 s\)/);
  });

  it('the default budget is a minute', () => {
    expect(inv(rollup(120_000).run({ events: 500 }), 'totals-on-time').summary).toMatch(/budget 1 min/);
    expect(inv(rollup(2_000).run({ events: 500 }), 'totals-on-time').holds).toBe(true);
  });
});

/** producer → queue → aggregator → ledger, with a raw archive and a reconciler comparing it with the ledger. */
function monitored(archiveFrom: 'producer' | 'q') {
  return board()
    .add('producer', { workload: 'usage', ratePerSec: 1_000, retries: 2 }, 'producer', 'devices')
    .add('queue', {}, 'q', 'ingest')
    .add('dedup', { durable: true }, 'd')
    .add('aggregator', { windowMs: 1_000, graceMs: 1_000, latePolicy: 'correction-log' }, 'agg')
    .add('ledger', {}, 'l')
    .add('correction-log', {}, 'cl')
    .add('object-store', {}, 'os', 'raw-archive')
    .add('reconciler', {}, 'r', 'raw-vs-billed')
    .chain('producer', 'q', 'd', 'agg', 'l')
    .connect('agg', 'cl')
    .connect(archiveFrom, 'os')
    .connect('os', 'r')
    .connect('l', 'r')
    .inject({ kind: 'outage', target: 'kind:queue', fromMs: 500, toMs: 6_000 });
}

describe('discrepancy-detected', () => {
  it('an archive written at the source lets the reconciler flag events lost on the way in', () => {
    const r = monitored('producer').run({ events: 2_000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
    const d = inv(r, 'discrepancy-detected');
    expect(d.holds, d.summary).toBe(true);
    expect(d.summary).toMatch(/was flagged by a reconciler/);
  });

  it('an archive fed after the loss sees nothing to flag', () => {
    const r = monitored('q').run({ events: 2_000 });
    const d = inv(r, 'discrepancy-detected');
    expect(d.holds).toBe(false);
    expect(d.count).toBe(inv(r, 'no-event-lost').count);
    expect(d.summary).toMatch(
      /never reached the raw archive, so comparing the archive with the ledger cannot see them/,
    );
    expect(d.examples[0]!.detail).toBe('event lost, and no reconciler flagged it');
  });

  it('a ledger fed by the provider mirrors a double charge; one fed from the invoices exposes it', () => {
    const charge = (ledgerFrom: 'pp' | 'producer') =>
      board()
        .add('producer', { workload: 'invoices' })
        .add('queue', {}, 'q')
        .add('worker', { idempotencyKey: 'random-per-attempt' }, 'w')
        .add('payment-provider', {}, 'pp')
        .add('ledger', {}, 'l')
        .add('reconciler', {}, 'r')
        .chain('producer', 'q', 'w', 'pp')
        .connect(ledgerFrom, 'l')
        .connect('l', 'r')
        .connect('pp', 'r')
        .inject({ kind: 'timeout', target: 'kind:payment-provider', rate: 0.05 })
        .run({ events: 1_000 });
    const mirrored = charge('pp');
    expect(inv(mirrored, 'no-double-charge').holds).toBe(false);
    const blind = inv(mirrored, 'discrepancy-detected');
    expect(blind.holds).toBe(false);
    expect(blind.summary).toMatch(/the ledger mirrors the provider, so both recorded the same mistake/);
    const seen = inv(charge('producer'), 'discrepancy-detected');
    expect(seen.holds, seen.summary).toBe(true);
  });
});
