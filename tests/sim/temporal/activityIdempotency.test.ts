// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from '../boardBuilder';

/**
 * Temporal activities are at least once: a worker that dies after the side effect never reports it,
 * and the retry runs the activity again. The repeat is harmless only when the called service
 * records the activity's idempotency key (workflow id + activity id) in the same transaction as the
 * effect — `atomicWithWrite` on the activity.
 */
const SEEDS = [1, 2, 3];

function saga(atomicWithWrite: boolean, seed: number) {
  return board()
    .add('producer', { workload: 'requests' })
    .add('workflow', { retries: 5, compensate: true })
    .add('activity', { hasCompensation: true, atomicWithWrite }, 'charge')
    .add('activity', { atomicWithWrite }, 'send')
    .add('notification', {}, 'email')
    .connect('producer', 'workflow')
    .connect('workflow', 'charge')
    .connect('workflow', 'send')
    .connect('send', 'email')
    .inject({ kind: 'crash', target: 'charge', atMs: 300, downMs: 200, point: 'after-side-effect' })
    .inject({ kind: 'crash', target: 'send', atMs: 900, downMs: 200, point: 'after-side-effect' })
    .run({ seed, events: 2000, explain: false, invariants: ['saga-atomic', 'no-duplicate-notification'] });
}

describe('an activity crashing right after its side effect', () => {
  it('wrong: the key is recorded after the effect, so the retry charges and emails again', () => {
    for (const seed of SEEDS) {
      const r = saga(false, seed);
      expect(inv(r, 'saga-atomic').holds).toBe(false);
      expect(inv(r, 'saga-atomic').summary).toMatch(/ran a step more than once/);
      expect(inv(r, 'no-duplicate-notification').holds).toBe(false);
    }
  });

  it('right: the key is recorded with the effect, so the retry is answered "done"', () => {
    for (const seed of SEEDS) {
      const r = saga(true, seed);
      expect(inv(r, 'saga-atomic').holds).toBe(true);
      expect(inv(r, 'no-duplicate-notification').holds).toBe(true);
      expect(r.stats.charge!.crashes).toBe(1);
      expect(r.stats.send!.crashes).toBe(1);
    }
  });

  it('a key recorded with the effect does not help a call that carries no key', () => {
    const r = board()
      .add('producer', { workload: 'requests' })
      .add('workflow', { retries: 5, code: 'calls-services-directly' })
      .add('activity', { atomicWithWrite: true }, 'charge')
      .add('activity', { atomicWithWrite: true }, 'switch')
      .connect('producer', 'workflow')
      .connect('workflow', 'charge')
      .connect('workflow', 'switch')
      .inject({ kind: 'crash', target: 'workflow', atMs: 500, downMs: 200 })
      .run({ events: 2000, explain: false, invariants: ['saga-atomic'] });
    // Replay repeats the call made from workflow code, without the activity id as its key.
    expect(inv(r, 'saga-atomic').holds).toBe(false);
  });
});
