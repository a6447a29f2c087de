// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { MAX_SPEED, runMachine } from '../../src/store/runMachine';

describe('runMachine', () => {
  it('idle → running ⇄ paused → finished, with progress, speed and steps', () => {
    const a = createActor(runMachine).start();
    expect(a.getSnapshot().value).toBe('idle');
    a.send({ type: 'run.pause' });
    expect(a.getSnapshot().value).toBe('idle');
    a.send({ type: 'run.start', total: 100 });
    expect(a.getSnapshot().value).toBe('running');
    a.send({ type: 'run.progress', done: 40, total: 100 });
    expect(a.getSnapshot().context.progress).toEqual({ done: 40, total: 100 });
    a.send({ type: 'run.pause' });
    expect(a.getSnapshot().value).toBe('paused');
    a.send({ type: 'run.step' });
    a.send({ type: 'run.step' });
    expect(a.getSnapshot().context.steps).toBe(2);
    a.send({ type: 'run.speed', speed: 1000 });
    expect(a.getSnapshot().context.speed).toBe(1000);
    a.send({ type: 'run.speed', speed: 1e12 });
    expect(a.getSnapshot().context.speed).toBe(MAX_SPEED);
    a.send({ type: 'run.speed', speed: Number.NaN });
    expect(a.getSnapshot().context.speed).toBe(MAX_SPEED);
    a.send({ type: 'run.resume' });
    expect(a.getSnapshot().value).toBe('running');
    a.send({ type: 'run.finish' });
    expect(a.getSnapshot().value).toBe('finished');
    expect(a.getSnapshot().context.progress.done).toBe(100);
    a.send({ type: 'run.reset' });
    expect(a.getSnapshot().value).toBe('idle');
    expect(a.getSnapshot().context.speed).toBe(1);
  });

  it('run.fail keeps the error until the next start', () => {
    const a = createActor(runMachine).start();
    a.send({ type: 'run.start' });
    a.send({ type: 'run.fail', error: 'stopped: loop' });
    expect(a.getSnapshot().value).toBe('failed');
    expect(a.getSnapshot().context.error).toBe('stopped: loop');
    a.send({ type: 'run.start' });
    expect(a.getSnapshot().context.error).toBeNull();
  });
});
