// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board } from '../boardBuilder';
import { describeActions } from '../../../src/domain/temporalActions';

/**
 * Temporal Cloud Actions: what a run would bill, counted as Temporal's pricing lists them
 * (src/sim/behaviours/temporal/actions.ts). Counting never changes a run.
 */

/** requests → a workflow running `steps` activities in order. */
function workflowWithSteps(steps: number, wf: Record<string, string | number | boolean> = {}) {
  const b = board().add('producer', { workload: 'requests' }).add('workflow', wf, 'wf');
  b.connect('producer', 'wf');
  for (let i = 1; i <= steps; i++) b.add('activity', {}, `a${i}`).connect('wf', `a${i}`);
  return b;
}

describe('Temporal Cloud Actions', () => {
  it('one start per workflow id and one Action per activity attempt, the failed ones included', () => {
    const calm = workflowWithSteps(3).run({ events: 200 });
    expect(calm.temporalActions!.byKind).toMatchObject({ workflowStarts: 200, activityAttempts: 600 });
    expect(calm.temporalActions!.total).toBe(800);
    expect(calm.stats.wf!.actions).toBe(800);

    // An outage of the second step: every failed attempt is billed, the retries that follow too.
    const outage = workflowWithSteps(3)
      .inject({ kind: 'outage', target: 'a2', fromMs: 0, toMs: 60_000, rate: 1 })
      .run({ events: 200 });
    expect(outage.temporalActions!.byKind.workflowStarts).toBe(200);
    expect(outage.temporalActions!.byKind.activityAttempts).toBeGreaterThan(600);
  });

  it('a start that finds its workflow id running is not billed again', () => {
    const r = workflowWithSteps(1).inject({ kind: 'duplicate', target: '*', rate: 0.2 }).run({ events: 500 });
    expect(r.stats.wf!.in).toBeGreaterThan(500); // the duplicates did arrive
    expect(r.temporalActions!.byKind.workflowStarts).toBe(500);
  });

  it('long-running runs: a signal that starts its run counts once, later signals and each cycle timer once each', () => {
    const r = board()
      .add('producer', { workload: 'usage', tenants: 2 })
      .add('workflow', { cycleMs: 10_000 }, 'wf')
      .add('ledger')
      .link('producer', 'wf', 'signal')
      .connect('wf', 'ledger')
      .run({ events: 100 });
    const a = r.temporalActions!.byKind;
    expect(a.workflowStarts).toBe(2);
    expect(a.signals).toBe(98); // 100 signals, two of them Signal-With-Start
    expect(a.timers).toBeGreaterThanOrEqual(2);
    expect(r.temporalActions!.total).toBe(a.workflowStarts + a.signals + a.timers);
  });

  it('continuing as new is a start: the history stays short at the price of a few Actions', () => {
    const run = (continueAsNew: string) => {
      const b = board()
        .add('producer', { workload: 'requests', tenants: 1 })
        .add('workflow', { continueAsNew }, 'wf')
        .link('producer', 'wf', 'signal');
      for (let i = 1; i <= 4; i++) b.add('activity', {}, `a${i}`).connect('wf', `a${i}`);
      const r = b.run({ events: 2000 });
      return { starts: r.temporalActions!.byKind.workflowStarts, continued: r.stats.wf!.continuedAsNew! };
    };
    const never = run('never');
    const suggested = run('when-suggested');
    expect(never).toEqual({ starts: 1, continued: 0 });
    expect(suggested.continued).toBeGreaterThan(0);
    expect(suggested.starts).toBe(1 + suggested.continued); // the first run, then one per new run
  });

  it('a Nexus operation is billed once however often the caller retries it; its handler workflow is a start', () => {
    const nexus = (handler: string, workMs: number) =>
      board()
        .add('producer', { workload: 'requests', ratePerSec: 200 })
        .add('workflow', { retries: 2 }, 'wf')
        .add('nexus-endpoint', { handler, workMs }, 'nx')
        .add('activity', {}, 'cluster')
        .chain('producer', 'wf', 'nx', 'cluster')
        .run({ events: 100 });
    const sync = nexus('sync', 120_000);
    expect(sync.stats.nx!.duplicates).toBe(200); // the caller started each operation three times
    expect(sync.temporalActions!.byKind).toMatchObject({
      workflowStarts: 100,
      nexusOperations: 100,
      activityAttempts: 0,
    });
    const async = nexus('workflow-run', 2_000);
    // The caller's run and the handler's run per request; the handler's one step.
    expect(async.temporalActions!.byKind).toMatchObject({
      workflowStarts: 200,
      nexusOperations: 100,
      activityAttempts: 100,
    });
  });

  it('a board without workflows or Nexus endpoints reports no Actions; the sentence names each kind', () => {
    const r = board().add('producer', { workload: 'usage' }).add('ledger').chain('producer', 'ledger').run({
      events: 100,
    });
    expect(r.temporalActions).toBeUndefined();
    expect(
      describeActions({
        total: 6549,
        byKind: {
          workflowStarts: 9,
          activityAttempts: 5541,
          timers: 0,
          signals: 999,
          queries: 0,
          updates: 0,
          nexusOperations: 0,
        },
      }),
    ).toBe('6,549 Temporal Cloud Actions: 5,541 activity attempts, 999 signals, 9 workflow starts');
  });
});
