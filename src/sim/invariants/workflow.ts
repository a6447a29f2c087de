import { HISTORY_WARN, runName, world, exampleMessageId, type Run } from '../behaviours/temporal/runs';
import type { Sim } from '../engine/sim';
import { MAX_EXAMPLES, plural, type Verdict } from './types';

/**
 * workflow-completes: every started workflow run ends well — completes, compensates or continues as
 * new — or, long-running by design (a cycle timer, signals), is still healthy at the end: not stuck,
 * not terminated, nothing left unprocessed, no unit of work abandoned. The summary names the runs
 * and why.
 */
export function checkWorkflowCompletes(s: Sim): Verdict {
  const runs = world(s).runs;
  const bad: { run: Run; why: string }[] = [];
  let warned = 0;
  for (const run of runs) {
    if (run.warned || run.peakHistory >= HISTORY_WARN) warned++;
    const why = problem(s, run);
    if (why) bad.push({ run, why });
  }
  const examples = bad.slice(0, MAX_EXAMPLES).map(({ run, why }) => ({
    messageId: exampleMessageId(run),
    detail: `${runName(s, run)}: ${why}`,
  }));
  const count = bad.length;
  return {
    id: 'workflow-completes',
    holds: count === 0,
    count,
    examples,
    summarize: () => {
      const warn =
        warned > 0
          ? ` ${plural(warned, 'run')} passed the ${HISTORY_WARN.toLocaleString('en-US')}-event history warning.`
          : '';
      if (count === 0)
        return `Every workflow run (${runs.length.toLocaleString('en-US')}) completed, compensated, continued as new or is waiting healthily.${warn}`;
      // Group by reason, most common first, so that the summary names each kind of failure once.
      const byWhy = new Map<string, Run[]>();
      for (const b of bad) {
        const key = b.why.replace(/ at [\d,]+ ms/, '');
        const list = byWhy.get(key) ?? [];
        list.push(b.run);
        byWhy.set(key, list);
      }
      const parts = [...byWhy.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .slice(0, 3)
        .map(([, list]) => {
          const first = list[0]!;
          const firstWhy = bad.find((b) => b.run === first)!.why;
          return list.length === 1
            ? `${runName(s, first)} is ${firstWhy}`
            : `${runName(s, first)} and ${plural(list.length - 1, 'other run')} are ${firstWhy}`;
        });
      return `${plural(count, 'workflow run')} of ${runs.length.toLocaleString('en-US')} did not end well: ${parts.join('; ')}.${warn}`;
    },
  };
}

function problem(s: Sim, run: Run): string | null {
  switch (run.snap.value) {
    case 'completed':
    case 'compensated':
      return null;
    case 'stuck':
    case 'terminated':
    case 'failed':
      return run.reason;
    default:
      if (!run.long) return `abandoned mid-way: still open at step ${stepOf(s, run)} when the run ended`;
      if (run.failedUnits > 0) return run.reason;
      if (run.inbox.length > 0 || run.units.size > 0)
        return `unable to make progress: ${plural(run.inbox.length + run.units.size, 'message')} still waiting or half-handled when the run ended`;
      return null;
  }
}

function stepOf(s: Sim, run: Run): number {
  return run.rec >= 0 ? s.r.state[run.rec]! + 1 : 1;
}
