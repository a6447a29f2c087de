import type { Sim } from '../../engine/sim';
import type { NodeStats } from '../../types';
import { HISTORY_WARN, world } from './runs';

/** Adds each workflow's history figures to its stats (the inspector shows them after a run). */
export function addWorkflowFigures(s: Sim, out: Record<string, NodeStats>): void {
  const w = world(s);
  for (let n = 0; n < s.nodes; n++) {
    const tn = w.nodes[n];
    if (!tn) continue;
    let max = 0;
    let warnings = 0;
    let continued = 0;
    let bad = 0;
    for (const run of tn.runs) {
      max = Math.max(max, run.peakHistory);
      if (run.peakHistory >= HISTORY_WARN) warnings++;
      continued += run.continued;
      if (run.snap.value === 'stuck' || run.snap.value === 'terminated') bad++;
    }
    Object.assign(out[s.t.nodeIds[n]!]!, {
      historyMax: max,
      historyWarnings: warnings,
      continuedAsNew: continued,
      stuckOrTerminated: bad,
    });
  }
}
