// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from './boardBuilder';
import { Sim } from '../../src/sim/engine/sim';
import { setupSim } from '../../src/sim/engine/setup';
import { M } from '../../src/sim/engine/constants';
import { aggregatorReceive } from '../../src/sim/behaviours/aggregator';

/**
 * Issue #9, "tests for every promised behaviour": boundaries the suite did not pin down. Each test
 * here fails on the mutation named in its title (checked by applying it).
 */

/** An aggregator wired to a ledger, with usage events fed to it by hand at chosen event times. */
function aggregatorAt(config: Record<string, number>) {
  const b = board()
    .add('producer', { workload: 'usage' })
    .add('aggregator', config)
    .add('ledger')
    .chain('producer', 'aggregator', 'ledger')
    .build();
  const s = new Sim(b, { seed: 1, events: 16, faultPlan: { faults: [] } });
  setupSim(s);
  const agg = s.t.byId.get('aggregator')!;
  let next = 0;
  /** Feeds one usage event (tenant 0, quantity 1) with this event time; returns its item. */
  const feed = (eventTime: number): number => {
    const item = next++;
    s.items.count = next;
    s.items.eventTime[item] = eventTime;
    s.items.tenant[item] = 0;
    s.items.value[item] = 1;
    aggregatorReceive(s, agg, s.m.alloc(M.usage, item, 0, 0, 1), -1, 0);
    return item;
  };
  return { s, agg, feed };
}

describe('the window-close boundary: a window [start, end) closes when the watermark reaches end', () => {
  it('an event at exactly the end closes the window (mutation: `<=` → `<` where windows close)', () => {
    const { s, feed } = aggregatorAt({ windowMs: 1000, graceMs: 0 });
    const first = feed(500);
    expect(s.out.billed[first]).toBe(0); // window 0 still open
    const atEnd = feed(1000);
    expect(s.out.billed[first]).toBe(1); // watermark 1000 = end of [0, 1000): its total went out
    expect(s.out.billed[atEnd]).toBe(0); // 1000 belongs to the next window, still open
  });

  it('an event in the last ms of a closed window is late (mutation: `<=` → `<` in the late check)', () => {
    const { s, agg, feed } = aggregatorAt({ windowMs: 1000, graceMs: 0 });
    feed(500);
    feed(1000);
    const last = feed(999);
    expect(s.st.dropped[agg]).toBe(1);
    expect(s.out.billed[last]).toBe(0);
  });

  it('with a grace the window closes once the newest event is `graceMs` past its end, not before', () => {
    const { s, agg, feed } = aggregatorAt({ windowMs: 1000, graceMs: 100 });
    const first = feed(500);
    feed(1099); // watermark 999: window 0 open
    expect(s.out.billed[first]).toBe(0);
    const inGrace = feed(999); // late by 100 ms, within the grace: counted in window 0
    expect(s.st.dropped[agg]).toBe(0);
    feed(1100); // watermark 1000: window 0 closes with both events
    expect(s.out.billed[first]).toBe(1);
    expect(s.out.billed[inGrace]).toBe(1);
    feed(998);
    expect(s.st.dropped[agg]).toBe(1);
  });
});

describe('node health is driven by its machine: a crash during a crash extends the downtime', () => {
  // crash 300 + 200 ms, then again at 400 + 500 ms: the machine keeps the node down until 900 and
  // refuses the restart due at 500. Mutations caught: the engine keeping its own up/down flag
  // (the refused restart at 500 would bring the node back), and a restart the machine refused
  // being reported anyway (an "up" at 500 in the health timeline).
  const r = board()
    .add('producer', { workload: 'usage', ratePerSec: 1000, retries: 0 })
    .add('ledger')
    .chain('producer', 'ledger')
    .inject({ kind: 'crash', target: 'ledger', atMs: 300, downMs: 200 })
    .inject({ kind: 'crash', target: 'ledger', atMs: 400, downMs: 500 })
    .run({ seed: 1, events: 2000, explain: false });

  it('the node takes nothing from 300 to 900 ms: exactly the 600 items sent then are lost', () => {
    expect(inv(r, 'no-event-lost').count).toBe(600);
    expect(r.stats.ledger!.in).toBe(1400);
    expect(r.stats.ledger!.crashes).toBe(2);
  });

  it('the health timeline says crashed, crashed, up at 900 — never up at the refused restart', () => {
    expect(r.health.filter((h) => h.nodeId === 'ledger')).toEqual([
      { tMs: 300, nodeId: 'ledger', state: 'crashed' },
      { tMs: 400, nodeId: 'ledger', state: 'crashed' },
      { tMs: 900, nodeId: 'ledger', state: 'up' },
    ]);
  });
});
