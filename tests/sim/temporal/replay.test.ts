// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from '../boardBuilder';

type Cfg = Record<string, string | number | boolean>;

/** producer(requests) → workflow → three activities, the last one emailing the customer. */
function provisioning(wf: Cfg) {
  return board()
    .add('producer', { workload: 'requests', ratePerSec: 500 })
    .add('workflow', { compensate: true, ...wf }, 'wf', 'provision')
    .add('activity', { hasCompensation: true }, 'a1')
    .add('activity', { hasCompensation: true }, 'a2')
    .add('activity', {}, 'a3')
    .add('notification', {}, 'mail')
    .chain('producer', 'wf')
    .connect('wf', 'a1')
    .connect('wf', 'a2')
    .connect('wf', 'a3')
    .connect('a3', 'mail');
}

describe('replay and determinism (workflow code)', () => {
  const crash = { kind: 'crash', target: 'kind:workflow', atMs: 1000, downMs: 500 } as const;

  it('right: deterministic code replays after a crash and every run completes', () => {
    const r = provisioning({ code: 'deterministic' }).inject(crash).run({ events: 1000 });
    expect(inv(r, 'workflow-completes').holds).toBe(true);
    expect(inv(r, 'saga-atomic').holds).toBe(true);
    expect(inv(r, 'no-duplicate-notification').holds).toBe(true);
  });

  it('wrong: code that reads the wall clock branches differently on replay and the runs are stuck', () => {
    const r = provisioning({ code: 'reads-wall-clock' }).inject(crash).run({ events: 1000 });
    const w = inv(r, 'workflow-completes');
    expect(w.holds).toBe(false);
    expect(w.summary).toMatch(/provision \(workflow\) req-\d+/);
    expect(w.summary).toMatch(/non-determinism error: replay after the restart .* reads the wall clock/);
    expect(w.examples[0]!.path.some((p) => /non-determinism/.test(p.action))).toBe(true);
    // The same code without a restart never replays: nothing goes wrong.
    const calm = provisioning({ code: 'reads-wall-clock' }).run({ events: 1000 });
    expect(inv(calm, 'workflow-completes').holds).toBe(true);
  });

  it('wrong: calls made from workflow code are made again on replay (side effects twice)', () => {
    const r = provisioning({ code: 'calls-services-directly' }).inject(crash).run({ events: 1000 });
    expect(inv(r, 'saga-atomic').holds).toBe(false);
    expect(inv(r, 'saga-atomic').summary).toMatch(/more than once/);
    expect(r.stats.wf!.duplicates).toBeGreaterThan(0);
  });
});

describe('deploys and versioning', () => {
  const deploy = (change: 'breaking' | 'compatible') =>
    ({ kind: 'deploy', target: 'kind:workflow', atMs: 1000, change }) as const;

  it('wrong: a breaking deploy without versioning fails the runs in flight on replay', () => {
    const r = provisioning({ versioning: 'none' }).inject(deploy('breaking')).run({ events: 1000 });
    const w = inv(r, 'workflow-completes');
    expect(w.holds).toBe(false);
    expect(w.summary).toMatch(/breaking deploy .*versioning: none/);
  });

  it('right: patched runs stay on the old branch; a compatible deploy needs nothing', () => {
    const patched = provisioning({ versioning: 'patched' }).inject(deploy('breaking')).run({ events: 1000 });
    expect(inv(patched, 'workflow-completes').holds).toBe(true);
    const compatible = provisioning({}).inject(deploy('compatible')).run({ events: 1000 });
    expect(inv(compatible, 'workflow-completes').holds).toBe(true);
  });

  it('a worker without graceful shutdown loses what it acked on receipt; with it the deploy drains', () => {
    const pipeline = (graceful: boolean) =>
      board()
        .add('producer', { workload: 'usage' })
        .add('queue')
        .add('worker', { ack: 'before-processing', gracefulShutdown: graceful })
        .add('ledger')
        .chain('producer', 'queue', 'worker', 'ledger')
        .inject({ kind: 'deploy', target: 'kind:worker', atMs: 700, change: 'compatible' })
        .run({ events: 2000 });
    expect(inv(pipeline(false), 'no-event-lost').holds).toBe(false);
    expect(inv(pipeline(true), 'no-event-lost').holds).toBe(true);
  });
});
