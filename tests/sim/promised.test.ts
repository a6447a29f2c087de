// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv, metering } from './boardBuilder';
import { Sim } from '../../src/sim/engine/sim';
import { setupSim } from '../../src/sim/engine/setup';
import { advance } from '../../src/sim/engine/loop';
import type { Board } from '../../src/domain/document';
import type { SimOptions } from '../../src/sim';

/** Issue #9, "tests for every promised behaviour": each fails on a mutation the suite missed before. */

/** Runs the engine directly (to read its state); `before` may act on the run before it starts. */
function runSim(b: Board, options: SimOptions, before?: (s: Sim) => void): Sim {
  const s = new Sim(b, options);
  setupSim(s);
  before?.(s);
  while (!advance(s, 65_536));
  return s;
}

describe('the window-close boundary: a fault window is [fromMs, toMs)', () => {
  it('an outage from 1,000 to 2,000 ms refuses exactly the items sent in 1,000 … 1,999', () => {
    // One item per ms, no resends: the outage loses exactly the items produced inside the window.
    const r = board()
      .add('producer', { workload: 'usage', ratePerSec: 1000, retries: 0 })
      .add('ledger')
      .chain('producer', 'ledger')
      .inject({ kind: 'outage', target: 'ledger', fromMs: 1000, toMs: 2000 })
      .run({ seed: 1, events: 3000, explain: false });
    expect(inv(r, 'no-event-lost').count).toBe(1000);
    expect(r.stats.ledger!.in).toBe(2000);
  });
});

describe('node health is driven by its machine', () => {
  it('a node the machine says is crashed takes nothing, and is back once the machine says ready', () => {
    const b = metering({ dedup: false }).build();
    const ledger = b.nodes.findIndex((n) => n.kind === 'ledger');
    const down = runSim(b, { seed: 1, events: 1000, faultPlan: { faults: [] } }, (s) => {
      // No fault in the plan: only the machine knows the ledger is down, for the whole run.
      s.healthFsm.send(ledger, { type: 'node.crash', atMs: 0, downMs: 1e12 });
    });
    expect(down.healthFsm.snapshot(ledger).value).toBe('crashed');
    expect(down.st.in[ledger]).toBe(0);
    const up = runSim(b, { seed: 1, events: 1000, faultPlan: { faults: [] } });
    expect(up.healthFsm.snapshot(ledger).value).toBe('up');
    expect(up.st.in[ledger]).toBeGreaterThan(0);
  });

  it('a crash fault moves the machine crashed → restarting → up; its context holds the downtime', () => {
    const b = metering().build();
    const dedup = b.nodes.findIndex((n) => n.kind === 'dedup');
    const s = runSim(b, {
      seed: 1,
      events: 1000,
      faultPlan: { faults: [{ kind: 'crash', target: 'dedup', atMs: 300, downMs: 200, point: 'any' }] },
    });
    const snap = s.healthFsm.snapshot(dedup);
    expect(snap.value).toBe('up');
    expect(snap.context.crashes).toBe(1);
    expect(snap.context.downUntil).toBe(500);
  });
});

describe('fault windows open and close through the fault-schedule machine', () => {
  it("the engine's open windows are the machine's active windows", () => {
    const b = metering().build();
    const s = new Sim(b, {
      seed: 1,
      events: 100,
      faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 50, toMs: 80, rate: 1 }] },
    });
    setupSim(s);
    expect(s.faultClock.open[0]).toBe(0);
    s.faultClock.tick(50);
    expect(s.faultClock.open[0]).toBe(1);
    s.faultClock.tick(80);
    expect(s.faultClock.open[0]).toBe(0);
  });
});

describe('a consumer crash reverts its uncommitted acks', () => {
  it('acks of the last second before a worker crash come back: redelivered, counted twice without a dedup', () => {
    const r = board()
      .add('producer', { workload: 'usage' })
      .add('queue', { visibilityTimeoutMs: 2000 })
      .add('worker')
      .add('aggregator')
      .add('ledger')
      .chain('producer', 'queue', 'worker', 'aggregator', 'ledger')
      .inject({ kind: 'crash', target: 'worker', atMs: 1000, downMs: 100 })
      .run({ seed: 1, events: 2000, explain: false });
    const u = inv(r, 'usage-billed-exactly-once');
    expect(u.holds).toBe(false);
    // about a second of acks (ACK_COMMIT_MS at 1,000 items/s) came back and were counted again
    expect(u.count).toBeGreaterThan(800);
    expect(u.count).toBeLessThan(1100);
    expect(inv(r, 'no-event-lost').holds).toBe(true);
  });
});

describe('the fault random stream is independent of the workload stream', () => {
  it('the user board and the reference see the same workload on a seed, whatever the faults', () => {
    const plain = runSim(metering({ dedup: false }).build(), {
      seed: 3,
      events: 2000,
      faultPlan: { faults: [] },
    });
    const faulted = runSim(metering().build(), {
      seed: 3,
      events: 2000,
      faultPlan: {
        faults: [
          { kind: 'duplicate', target: '*', fromMs: 0, rate: 0.3 },
          { kind: 'reorder', target: '*', fromMs: 0, rate: 0.5, windowMs: 100 },
        ],
      },
    });
    expect(Array.from(faulted.items.tenant)).toEqual(Array.from(plain.items.tenant));
    expect(Array.from(faulted.items.value)).toEqual(Array.from(plain.items.value));
    expect(Array.from(faulted.items.eventTime)).toEqual(Array.from(plain.items.eventTime));
  });
});

describe('a compensating saga undoes completed steps in reverse', () => {
  it('two steps completed, the third fails for good: step 2 is undone before step 1', () => {
    const b = board()
      .add('producer', { workload: 'requests' })
      .add('workflow', { compensate: true, retries: 1 }, 'orch')
      .add('activity', { hasCompensation: true }, 'step1')
      .add('activity', { hasCompensation: true }, 'step2')
      .add('activity', { hasCompensation: true, failureRate: 0.5 }, 'step3')
      .connect('producer', 'orch')
      .connect('orch', 'step1')
      .connect('orch', 'step2')
      .connect('orch', 'step3')
      .build();
    const opts = { seed: 1, events: 200, faultPlan: { faults: [] } };
    const s = runSim(b, opts, (x) => {
      x.tracing = true;
      x.traced = new Set(Array.from({ length: 200 }, (_, i) => `req-${i}`));
    });
    const undone = [...s.paths.values()].filter((p) => p.some((st) => st.kind === 'compensated'));
    expect(undone.length).toBeGreaterThan(5);
    for (const path of undone) {
      const order = path.filter((st) => st.kind === 'compensated').map((st) => st.nodeId);
      expect(order).toEqual(['step2', 'step1']);
      const applied = path.filter((st) => st.kind === 'step-applied').map((st) => st.nodeId);
      expect(applied).toEqual(['step1', 'step2']);
    }
  });
});

describe('the explain pass reproduces the first run', () => {
  it('tracing every message does not change the trace hash', () => {
    const b = metering({ dedup: false }).build();
    const plan = { faults: [{ kind: 'duplicate' as const, target: '*', fromMs: 0, rate: 0.05 }] };
    const first = runSim(b, { seed: 9, events: 2000, faultPlan: plan });
    const explained = runSim(b, { seed: 9, events: 2000, faultPlan: plan }, (s) => {
      s.tracing = true;
      s.traced = new Set(Array.from({ length: 2000 }, (_, i) => `evt-${i}`));
    });
    expect(explained.hash.hex()).toBe(first.hash.hex());
    expect(explained.paths.size).toBeGreaterThan(0);
  });
});
