// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from '../boardBuilder';

type Cfg = Record<string, string | number | boolean>;
type EdgeKind = 'call' | 'signal' | 'update' | 'query';

/** usage producer → (edge kind) → a tenant's subscription workflow on a billing cycle → ledger. */
function subscription(kind: EdgeKind, wf: Cfg = {}, producer: Cfg = {}) {
  return board()
    .add('producer', { workload: 'usage', ...producer })
    .add('workflow', { cycleMs: 1000, ...wf }, 'wf', 'subscription')
    .add('ledger')
    .link('producer', 'wf', kind)
    .connect('wf', 'ledger');
}

const workerCrash = { kind: 'crash', target: 'kind:workflow', atMs: 1000, downMs: 9000 } as const;

describe('signals, updates and queries', () => {
  it('right: signals reach one long-running run per tenant, are recorded while the worker is down, and are billed per cycle', () => {
    const r = subscription('signal').inject(workerCrash).run({ events: 3000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    const w = inv(r, 'workflow-completes');
    expect(w.holds).toBe(true);
    expect(w.summary).toMatch(/Every workflow run \(10\)/);
  });

  it('wrong: updates need the worker — while it is down the caller gets no answer and gives up', () => {
    const r = subscription('update').inject(workerCrash).run({ events: 3000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
  });

  it('updates are deduplicated by update id: a timed-out update retried is applied once', () => {
    const r = subscription('update')
      .inject({ kind: 'timeout', target: 'kind:workflow', rate: 0.05 })
      .run({ events: 3000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
  });

  it('wrong: a query is read-only — usage sent as queries is never recorded or billed', () => {
    const r = subscription('query').run({ events: 1000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
    expect(r.stats.wf!.in).toBe(1000);
  });
});

describe('event history and continue-as-new', () => {
  /** One tenant's run processing every request as a signal through four activity steps (≈ 28 events each). */
  function account(wf: Cfg) {
    const b = board()
      .add('producer', { workload: 'requests', tenants: 1 })
      .add('workflow', wf, 'wf', 'account')
      .link('producer', 'wf', 'signal');
    for (let i = 1; i <= 4; i++) b.add('activity', {}, `a${i}`).connect('wf', `a${i}`);
    return b;
  }

  it('wrong: a run that never continues as new is terminated at 51,200 events and the rest is lost', () => {
    const r = account({ continueAsNew: 'never' }).run({ events: 2000 });
    const w = inv(r, 'workflow-completes');
    expect(w.holds).toBe(false);
    expect(w.summary).toMatch(
      /account \(workflow\) tenant-0 is terminated by the server: its event history reached 51,200 events \(continueAsNew: never\)/,
    );
    expect(w.summary).toMatch(/passed the 10,240-event history warning/);
  });

  it('right: continuing as new when suggested keeps each history short', () => {
    const r = account({ continueAsNew: 'when-suggested' }).run({ events: 2000 });
    expect(inv(r, 'workflow-completes').holds).toBe(true);
    expect(inv(r, 'saga-atomic').holds).toBe(true);
    expect(r.stats.wf!.errors).toBe(0);
  });

  it('an activity retried by its retry policy writes nothing to the history until its outcome is final', () => {
    // One-shot runs: start 4 + one step 6 + close 1 = 11 events, however many attempts the step took.
    const oneShot = (downMs: number) =>
      board()
        .add('producer', { workload: 'requests' })
        .add('workflow', { retries: 50 }, 'wf')
        .add('activity', {}, 'a1')
        .chain('producer', 'wf', 'a1')
        .inject({ kind: 'crash', target: 'a1', atMs: 0, downMs })
        .run({ events: 200, explain: false });
    expect(oneShot(0).stats.wf!.historyMax).toBe(11);
    expect(oneShot(20_000).stats.wf!.historyMax).toBe(11);
  });

  it('right: a long activity outage does not push a run that continues as new to the history limit', () => {
    // 2,000 changes wait on step 4 while it is down for 30 s and retry meanwhile; the run follows the
    // continue-as-new suggestion at each recorded step.
    const r = account({ continueAsNew: 'when-suggested', retries: 50 })
      .inject({ kind: 'crash', target: 'a4', atMs: 400, downMs: 30_000 })
      .run({ events: 2000, explain: false });
    expect(inv(r, 'workflow-completes').holds).toBe(true);
    expect(r.stats.wf!.historyMax).toBeLessThan(10_240);
  });

  it('wrong: child workflows do not shorten the parent — its history still grows with every child', () => {
    const r = board()
      .add('producer', { workload: 'requests', tenants: 1 })
      .add('workflow', { continueAsNew: 'never' }, 'wf', 'account')
      .add('workflow', {}, 'child', 'line-item')
      .add('activity', {}, 'a1')
      .link('producer', 'wf', 'signal')
      .connect('wf', 'child')
      .connect('child', 'a1')
      .run({ events: 6000 });
    const w = inv(r, 'workflow-completes');
    expect(w.holds).toBe(false);
    expect(w.summary).toMatch(/account \(workflow\) tenant-0 is terminated/);
  });
});

describe('durable timers (cycleMs)', () => {
  it('right: a cycle timer due while the worker is down fires when it is back; nothing is lost', () => {
    const r = subscription('signal', { cycleMs: 500 })
      .inject({ kind: 'crash', target: 'kind:workflow', atMs: 400, downMs: 3000 })
      .run({ events: 2000 });
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(inv(r, 'workflow-completes').holds).toBe(true);
  });

  it('wrong: a long-running run whose code reads the wall clock is stuck after a restart and stops billing', () => {
    const r = subscription('signal', { cycleMs: 500, code: 'reads-wall-clock' })
      .inject({ kind: 'crash', target: 'kind:workflow', atMs: 400, downMs: 300 })
      .run({ events: 2000 });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
    expect(inv(r, 'workflow-completes').summary).toMatch(
      /tenant-\d+ and 9 other runs are stuck on a non-determinism error/,
    );
  });
});

describe('signals that arrive after the final flush', () => {
  // The last events reach their consumer late, after the producers are done: the end of input
  // closes every open cycle or window first, then they arrive.
  const late = { kind: 'late', target: 'producer->wf', fromMs: 1800, rate: 0.1, delayMs: 3000 } as const;

  it('right: a signal is durable — one arriving after the last cycle closed is billed in the next cycle', () => {
    for (const seed of [1, 2, 3]) {
      const r = subscription('signal').inject(late).run({ seed, events: 2000, explain: false });
      expect(inv(r, 'no-event-lost').holds).toBe(true);
      expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
      expect(inv(r, 'workflow-completes').holds).toBe(true);
    }
  });

  it('wrong: an aggregator that drops late events loses the same stragglers after its final flush', () => {
    const r = board()
      .add('producer', { workload: 'usage' })
      .add('aggregator', { windowMs: 1000, latePolicy: 'drop' }, 'wf')
      .add('ledger')
      .chain('producer', 'wf', 'ledger')
      .inject(late)
      .run({ events: 2000, explain: false });
    expect(inv(r, 'no-event-lost').holds).toBe(false);
  });
});

describe('a malformed signal', () => {
  // An ordered queue → a subscription workflow over a signal edge; 1% of the usage is unreadable.
  const fed = (dlq: boolean) => {
    const b = board()
      .add('producer', { workload: 'usage', retries: 10 })
      .add('queue', { orderedByKey: true, visibilityTimeoutMs: 3000 })
      .add('workflow', { cycleMs: 1000 }, 'wf', 'subscription')
      .add('ledger')
      .connect('producer', 'queue')
      .link('queue', 'wf', 'signal')
      .connect('wf', 'ledger')
      .inject({ kind: 'poison', target: 'producer->queue', rate: 0.01 });
    if (dlq) b.add('dead-letter-queue', {}, 'dlq').connect('wf', 'dlq');
    return b.run({ events: 2000, explain: false });
  };

  it('right: a workflow with a DLQ wired parks it there at once, like any consumer; its key flows on', () => {
    const r = fed(true);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
    expect(inv(r, 'usage-billed-exactly-once').holds).toBe(true);
    expect(r.stats.dlq!.deadLettered).toBeGreaterThan(0);
  });

  it('wrong: without one it is refused on every redelivery and blocks its key in the ordered queue', () => {
    expect(inv(fed(false), 'no-event-lost').holds).toBe(false);
  });
});
