// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board, inv } from './boardBuilder';

type Cfg = Record<string, string | number | boolean>;

/** producer(requests) → orchestrator → three activities (steps in edge order). */
function saga(
  kind: 'workflow' | 'worker',
  cfg: Cfg,
  steps: Cfg[] = [
    { hasCompensation: true },
    { hasCompensation: true, failureRate: 0.3 },
    { hasCompensation: true },
  ],
) {
  const b = board()
    .add('producer', { workload: 'requests' })
    .add(kind, cfg, 'orch')
    .connect('producer', 'orch');
  steps.forEach((s, i) => b.add('activity', s, `step${i + 1}`).connect('orch', `step${i + 1}`));
  return b;
}

describe('saga-atomic', () => {
  it('holds for a plain workflow with no failures and no faults', () => {
    const r = saga('workflow', {}, [{}, {}, {}]).run({ events: 500 });
    expect(inv(r, 'saga-atomic').holds).toBe(true);
  });

  it('a workflow that compensates undoes completed steps in reverse when a step fails for good', () => {
    // The third step fails: two completed steps are undone (the order: tests/sim/promised.test.ts).
    const r = saga('workflow', { compensate: true, retries: 1 }, [
      { hasCompensation: true },
      { hasCompensation: true },
      { hasCompensation: true, failureRate: 0.5 },
    ]).run({ events: 1000 });
    expect(inv(r, 'saga-atomic').holds).toBe(true);
    const failed = r.stats.orch!.errors;
    expect(failed).toBeGreaterThan(100);
    // Each step ran once per request, plus one compensation call per request that failed for good.
    expect(r.stats.step1!.in).toBe(1000 + failed);
    expect(r.stats.step2!.in).toBe(1000 + failed);
  });

  it('without compensate a failed saga stops half-way', () => {
    const s = inv(saga('workflow', { compensate: false, retries: 1 }).run({ events: 1000 }), 'saga-atomic');
    expect(s.holds).toBe(false);
    expect(s.summary).toContain('does not compensate');
    // The first example applied step 1 once and never undid it.
    const path = s.examples[0]!.path;
    expect(path.filter((p) => p.kind === 'step-applied').map((p) => p.nodeId)).toContain('step1');
    expect(path.filter((p) => p.kind === 'step-applied' && p.nodeId === 'step1')).toHaveLength(1);
    expect(path.filter((p) => p.kind === 'compensated')).toEqual([]);
  });

  it('a completed step without hasCompensation cannot be undone', () => {
    const s = inv(
      saga('workflow', { compensate: true, retries: 1 }, [
        { hasCompensation: false },
        { hasCompensation: true, failureRate: 0.3 },
        {},
      ]).run({ events: 1000 }),
      'saga-atomic',
    );
    expect(s.holds).toBe(false);
    expect(s.summary).toContain('cannot be undone');
  });

  const CRASH = { kind: 'crash', target: 'orch', atMs: 300, downMs: 200 } as const;
  const noFailures = [{ hasCompensation: true }, { hasCompensation: true }, { hasCompensation: true }];

  it('a workflow survives its crash and resumes where it was', () => {
    const r = saga('workflow', { compensate: true }, noFailures).inject(CRASH).run({ events: 1000 });
    expect(inv(r, 'saga-atomic').holds).toBe(true);
    expect(r.stats.orch!.crashes).toBe(1);
  });

  it('a worker orchestrating the steps loses its progress on a crash and runs steps again', () => {
    const s = inv(saga('worker', {}, noFailures).inject(CRASH).run({ events: 1000 }), 'saga-atomic');
    expect(s.holds).toBe(false);
    expect(s.summary).toContain('more than once');
    expect(s.summary).toContain('orch (worker) orchestrates the steps with its progress in memory');
  });

  it('a worker orchestrating with deterministic keys re-runs harmlessly', () => {
    const r = saga('worker', { idempotencyKey: 'deterministic' }, noFailures)
      .inject(CRASH)
      .run({ events: 1000 });
    expect(inv(r, 'saga-atomic').holds).toBe(true);
  });

  it('a worker orchestrator stops half-way when a step fails for good', () => {
    expect(inv(saga('worker', { retries: 0 }).run({ events: 500 }), 'saga-atomic').holds).toBe(false);
  });

  it('a workflow retries through an activity outage shorter than its retry budget', () => {
    const r = saga('workflow', { compensate: true }, noFailures)
      .inject({ kind: 'outage', target: 'step2', fromMs: 100, toMs: 2000 })
      .run({ events: 500 });
    expect(inv(r, 'saga-atomic').holds).toBe(true);
  });
});
