// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board } from './boardBuilder';
import { Sim } from '../../src/sim/engine/sim';
import { setupSim } from '../../src/sim/engine/setup';
import { FRAME_BASE, M, O, R } from '../../src/sim/engine/constants';
import { captureOwner, isFrame } from '../../src/sim/engine/guardFrames';
import { dedupReceive } from '../../src/sim/behaviours/filters';
import { advance } from '../../src/sim/engine/loop';
import { forwardAnswersAtOnce } from '../../src/sim/engine/syncForward';
import type { FaultPlan } from '../../src/domain/faultPlan';

/**
 * A dedup holds its key "in progress" while the forward it guards is in flight. The guard lives on a
 * frame while the forward answers synchronously and becomes a call record only when something
 * downstream keeps the owner reference to answer later (engine/guardFrames.ts).
 */
function dedupIn(front: (b: ReturnType<typeof board>) => ReturnType<typeof board>) {
  const b = front(board().add('producer', { workload: 'usage' }).add('dedup', { durable: true })).build();
  const s = new Sim(b, { seed: 1, events: 8, faultPlan: { faults: [] } });
  setupSim(s);
  const dedup = s.t.byId.get('dedup')!;
  /** Hands usage item `item` to the dedup as a queue would (owner = a record waiting for the answer). */
  const receive = (item: number) => {
    s.items.count = Math.max(s.items.count, item + 1);
    s.items.tenant[item] = 0;
    s.items.value[item] = 1;
    const waiter = s.r.alloc(R.send, dedup, -1, -1, -1, 0);
    const o = dedupReceive(s, dedup, s.m.alloc(M.usage, item, 0, 0, 1), s.r.ref(waiter), 0);
    return { o, waiter };
  };
  return { s, dedup, receive };
}

describe('guard frames', () => {
  it('a synchronous forward allocates no guard record and records the key when it answers ok', () => {
    const { s, receive } = dedupIn((b) => b.add('aggregator').chain('producer', 'dedup', 'aggregator'));
    const before = s.r.live;
    const { o } = receive(0);
    expect(o).toBe(O.ok);
    expect(s.r.live).toBe(before + 1); // only the test's own waiter
    expect(s.guards.top).toBe(0);
    // The key is recorded: the same item again is dropped as a duplicate.
    expect(receive(0).o).toBe(O.ok);
    expect(s.st.duplicates[s.t.byId.get('dedup')!]).toBe(1);
  });

  it('a forward that answers later turns the frame into a guard record that keeps the key in progress', () => {
    const { s, dedup, receive } = dedupIn((b) =>
      b.add('worker').add('ledger').chain('producer', 'dedup', 'worker', 'ledger'),
    );
    const { o, waiter } = receive(0);
    expect(o).toBe(O.pending);
    const guards = [...Array(64).keys()].filter((r) => s.r.type[r] === R.guard);
    expect(guards).toHaveLength(1);
    expect(s.r.parent[guards[0]!]).toBe(s.r.ref(waiter));
    expect(s.r.node[guards[0]!]).toBe(dedup);
    // While the worker processes, a duplicate is refused (retry later), not dropped as seen.
    expect(receive(0).o).toBe(O.err);
    // The worker finishes: the guard settles (key recorded), answers its waiter and is freed.
    advance(s, 1000);
    expect(s.r.type[guards[0]!]).not.toBe(R.guard);
    expect(s.r.type[waiter]).toBe(0); // the send record was answered ok and released
    expect(receive(0).o).toBe(O.ok);
  });

  it('frame references are small integers that no record reference equals, and capture is idempotent', () => {
    const { s } = dedupIn((b) => b.add('aggregator').chain('producer', 'dedup', 'aggregator'));
    expect(isFrame(FRAME_BASE)).toBe(true);
    expect(isFrame(-1)).toBe(false);
    expect(FRAME_BASE).toBeLessThan(2 ** 30); // a V8 small integer: passed around unboxed
    expect(s.r.deref(FRAME_BASE)).toBe(-1);
    // Outside a guarded forward there is nothing to capture: other references pass through.
    expect(captureOwner(s, -1)).toBe(-1);
    const rec = s.r.alloc(R.send, 0, -1, -1, -1, 0);
    expect(captureOwner(s, s.r.ref(rec))).toBe(s.r.ref(rec));
  });
});

describe('a dedup whose forward always answers at once needs no guard', () => {
  const atOnce = (
    build: (b: ReturnType<typeof board>) => ReturnType<typeof board>,
    plan: FaultPlan = { faults: [] },
  ) => {
    const s = new Sim(build(board().add('producer', { workload: 'usage' }).add('dedup')).build(), {
      seed: 1,
      events: 8,
      faultPlan: plan,
    });
    setupSim(s);
    return forwardAnswersAtOnce(s, s.t.byId.get('dedup')!);
  };
  const metering = (b: ReturnType<typeof board>) =>
    b.add('aggregator').add('ledger').chain('producer', 'dedup', 'aggregator', 'ledger');

  it('counting and posting answer within the call; a queue takes the message and answers at once', () => {
    expect(atOnce(metering)).toBe(true);
    expect(atOnce((b) => b.add('queue').add('worker').chain('producer', 'dedup', 'queue', 'worker'))).toBe(
      true,
    );
    // Duplicates, timeouts, outages and crashes answer within the call too.
    const plan: FaultPlan = {
      faults: [
        { kind: 'duplicate', target: '*', fromMs: 0, rate: 0.1 },
        { kind: 'timeout', target: '*', fromMs: 0, rate: 0.1 },
      ],
    };
    expect(atOnce(metering, plan)).toBe(true);
  });

  it('a worker downstream, a held-back delivery or a way back to the dedup needs the guard', () => {
    expect(atOnce((b) => b.add('worker').add('ledger').chain('producer', 'dedup', 'worker', 'ledger'))).toBe(
      false,
    );
    const late: FaultPlan = { faults: [{ kind: 'late', target: '*', fromMs: 0, rate: 0.01, delayMs: 1000 }] };
    expect(atOnce(metering, late)).toBe(false);
    const reorder: FaultPlan = {
      faults: [{ kind: 'reorder', target: '*', fromMs: 0, rate: 0.01, windowMs: 100 }],
    };
    expect(atOnce(metering, reorder)).toBe(false);
    expect(atOnce((b) => b.add('cache').chain('producer', 'dedup', 'cache').connect('cache', 'dedup'))).toBe(
      false,
    );
  });
});
