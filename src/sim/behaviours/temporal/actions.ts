import { K } from '../../engine/constants';
import type { Sim } from '../../engine/sim';
import type { NodeStats, TemporalActions, TemporalActionKind } from '../../types';

/**
 * Temporal Cloud bills a namespace by Actions. What the engine counts, as Temporal's pricing
 * page lists them: a workflow start (a continue-as-new run is a start; a start that found the
 * workflow id already running is not); every activity attempt, failed or not (a workflow's steps
 * and their compensations are activities); a durable timer; a signal (one that starts its workflow
 * counts once, as Signal-With-Start does); a query answered; an update accepted or rejected (one
 * deduplicated by its id is not); a Nexus operation scheduled (its retries with the same request
 * id are not). Replays are never billed. Counting only: nothing here changes what a run does.
 */

interface ActionTally {
  byKind: Record<TemporalActionKind, number>;
  byNode: Float64Array;
}

const TALLIES = new WeakMap<Sim, ActionTally>();

function tally(s: Sim): ActionTally {
  let t = TALLIES.get(s);
  if (!t) {
    t = {
      byKind: {
        workflowStarts: 0,
        activityAttempts: 0,
        timers: 0,
        signals: 0,
        queries: 0,
        updates: 0,
        nexusOperations: 0,
      },
      byNode: new Float64Array(s.nodes),
    };
    TALLIES.set(s, t);
  }
  return t;
}

/** One billable Action of `kind` at `node` (the workflow, or the Nexus endpoint). */
export function countAction(s: Sim, node: number, kind: TemporalActionKind): void {
  const t = tally(s);
  t.byKind[kind]++;
  t.byNode[node]!++;
}

/** True when the board has something Temporal bills for (a workflow or a Nexus endpoint). */
function billsActions(s: Sim): boolean {
  for (let n = 0; n < s.nodes; n++) {
    const k = s.t.kind[n];
    if (k === K.workflow || k === K.nexus) return true;
  }
  return false;
}

/** The run's Actions (undefined on a board without workflows or Nexus endpoints); per node into `stats`. */
export function collectActions(s: Sim, stats: Record<string, NodeStats>): TemporalActions | undefined {
  if (!billsActions(s)) return undefined;
  const t = tally(s);
  let total = 0;
  for (let n = 0; n < s.nodes; n++) {
    const a = t.byNode[n]!;
    total += a;
    if (a > 0) stats[s.t.nodeIds[n]!]!.actions = a;
  }
  return { total, byKind: { ...t.byKind } };
}
