import { K } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { describeNode } from '../engine/topology';
import { MAX_EXAMPLES, plural, type Verdict } from './types';

/** The budget when a run names none: a window's totals within a minute of its end. */
export const DEFAULT_TOTALS_BUDGET_MS = 60_000;

/**
 * totals-on-time: each aggregator window's totals reach a ledger within the budget
 * (`totalsBudgetMs`) after the window ends. The lag is measured from the window's end to its first
 * posting, and it is never less than the aggregator's `graceMs`: in a stream that keeps flowing a
 * window cannot close before its grace has passed, so the run's end-of-input flush does not make a
 * long grace look fast (a window that flush closed is judged by its grace plus the time its totals
 * then took to reach a ledger). Totals never posted are late.
 */
export function checkTotalsOnTime(s: Sim): Verdict {
  const budget = s.options.totalsBudgetMs ?? DEFAULT_TOTALS_BUDGET_MS;
  const w = s.windows;
  let late = 0;
  let never = 0;
  let worst = 0;
  const lateBy = new Map<number, number>();
  const examples: Verdict['examples'] = [];
  for (let r = 0; r < w.n; r++) {
    const node = w.node[r]!;
    if (s.t.kind[node] !== K.aggregator) continue;
    const st = s.states.aggregator[node]!;
    const end = (w.index[r]! + 1) * st.windowMs;
    const at = s.judge.postedAt(r);
    // A window the end-of-input flush closed would have closed once its grace ran out in a stream
    // that keeps flowing: judge it by its grace plus the time its totals took to reach the ledger.
    const lag =
      at < 0
        ? Infinity
        : at >= s.judge.flushAt
          ? st.graceMs + (at - s.judge.flushAt)
          : Math.max(at - end, st.graceMs);
    if (lag <= budget) continue;
    if (at < 0) never++;
    else {
      late++;
      worst = Math.max(worst, lag);
    }
    lateBy.set(node, (lateBy.get(node) ?? 0) + 1);
    if (examples.length < MAX_EXAMPLES)
      examples.push({
        messageId: `win-${r}`,
        detail:
          at < 0
            ? `tenant ${w.tenant[r]} window ${w.index[r]} of ${describeNode(s.t, node)}: totals never posted`
            : `tenant ${w.tenant[r]} window ${w.index[r]} of ${describeNode(s.t, node)}: posted ${fmt(lag)} after the window ended (budget ${fmt(budget)})`,
      });
  }
  const count = late + never;
  return {
    id: 'totals-on-time',
    holds: count === 0,
    count,
    examples,
    summarize: () => {
      if (count === 0) return `Every window's totals were posted within ${fmt(budget)} of the window's end.`;
      const why = [...lateBy.keys()].map((n) => {
        const g = s.states.aggregator[n]!.graceMs;
        return g > budget
          ? `${describeNode(s.t, n)} waits graceMs ${fmt(g)} before it closes a window, longer than the budget`
          : `${describeNode(s.t, n)}'s totals were held up on the way to the ledger`;
      });
      const parts = [
        late
          ? `${plural(late, 'window total')} posted late (worst ${fmt(worst)} after the window ended)`
          : '',
        never ? `${plural(never, 'window total')} never posted` : '',
      ].filter(Boolean);
      return `${parts.join('; ')} — budget ${fmt(budget)}: ${why.join('; ')}.`;
    },
  };
}

function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  if (ms >= 3_600_000 && ms % 60_000 === 0) return `${+(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1_000) return `${+(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}
