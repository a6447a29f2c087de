// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { faultScheduleMachine, getActiveFaults, getFaultWindows, nodeHealthMachine } from '../../src/sim';

describe('nodeHealthMachine', () => {
  it('up → crashed → restarting → up; a restart before the downtime is over is refused', () => {
    const a = createActor(nodeHealthMachine).start();
    a.send({ type: 'node.crash', atMs: 100, downMs: 50 });
    expect(a.getSnapshot().value).toBe('crashed');
    a.send({ type: 'node.restart', atMs: 120 });
    expect(a.getSnapshot().value).toBe('crashed');
    a.send({ type: 'node.crash', atMs: 130, downMs: 100 });
    expect(a.getSnapshot().context.downUntil).toBe(230);
    a.send({ type: 'node.restart', atMs: 230 });
    expect(a.getSnapshot().value).toBe('restarting');
    a.send({ type: 'node.ready', atMs: 230 });
    expect(a.getSnapshot().value).toBe('up');
    expect(a.getSnapshot().context.crashes).toBe(2);
  });

  it('partitioned ⇄ up', () => {
    const a = createActor(nodeHealthMachine).start();
    a.send({ type: 'node.partition', atMs: 5 });
    expect(a.getSnapshot().value).toBe('partitioned');
    a.send({ type: 'node.heal', atMs: 9 });
    expect(a.getSnapshot().value).toBe('up');
  });
});

describe('faultScheduleMachine', () => {
  const plan = {
    faults: [
      { kind: 'duplicate' as const, target: '*', fromMs: 0, toMs: 100, rate: 0.1 },
      { kind: 'crash' as const, target: 'kind:queue', atMs: 50, downMs: 20, point: 'any' as const },
    ],
  };

  it('opens and closes windows as the virtual clock ticks, then is done', () => {
    const a = createActor(faultScheduleMachine).start();
    a.send({ type: 'schedule.load', plan });
    expect(a.getSnapshot().value).toBe('running');
    a.send({ type: 'clock.tick', tMs: 10 });
    expect(a.getSnapshot().context.active).toEqual([0]);
    a.send({ type: 'clock.tick', tMs: 60 });
    expect(a.getSnapshot().context.opened).toEqual([1]);
    a.send({ type: 'clock.tick', tMs: 80 });
    expect(a.getSnapshot().context.closed).toEqual([1]);
    a.send({ type: 'clock.tick', tMs: 100 });
    expect(a.getSnapshot().value).toBe('done');
  });

  it('a window without toMs stays open to the end', () => {
    const w = getFaultWindows({ faults: [{ kind: 'partition', target: 'e1', fromMs: 10 }] });
    expect(w[0]!.toMs).toBe(Infinity);
    expect(getActiveFaults(w, 1e12)).toEqual([0]);
    expect(getActiveFaults(w, 9)).toEqual([]);
  });
});
