import { K, M } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { cfg, describeNode } from '../engine/topology';
import { nodesOfKind } from './structure';
import { MAX_EXAMPLES, plural, type Verdict } from './types';

/**
 * every-request-completed: every request that met no permanent (business) failure ends with every
 * step of its orchestrator applied and none undone. A design that gives up on a passing failure
 * (an outage, a crash) and rolls the request back is atomic, but the customer never got what they
 * asked for; Temporal's default retry policy keeps trying. Requests that never reached an
 * orchestrator did not complete either.
 */
export function checkEveryRequestCompleted(s: Sim): Verdict {
  const it = s.items;
  const o = s.out;
  const acts = o.activities;
  const actNodes = nodesOfKind(s, K.activity);
  const actIndex = new Map(actNodes.map((n, i) => [n, i]));
  let eligible = 0;
  let declined = 0;
  let rolledBack = 0;
  let halfWay = 0;
  let abandoned = 0;
  let neverStarted = 0;
  const examples: Verdict['examples'] = [];
  const gaveUp = new Set<number>();
  for (let r = 0; r < it.count; r++) {
    if (it.workload[r] !== M.request) continue;
    if (s.judge.permanent[r] === 1) {
      declined++;
      continue;
    }
    eligible++;
    const orch = o.orchestrator[r]!;
    if (orch < 0 || acts === 0) {
      neverStarted++;
      if (examples.length < MAX_EXAMPLES)
        examples.push({ messageId: `req-${r}`, detail: 'never reached an orchestrator' });
      continue;
    }
    const steps =
      s.t.steps[orch]!.length > 0
        ? Array.from(s.t.steps[orch]!, (e) => actIndex.get(s.t.edgeTarget[e]!)!)
        : [];
    let done = steps.length > 0;
    let undone = false;
    let applied = false;
    for (const a of steps) {
      if (o.stepApplied[r * acts + a]! < 1 || o.stepCompensated[r * acts + a]! > 0) done = false;
      if (o.stepCompensated[r * acts + a]! > 0) undone = true;
      if (o.stepApplied[r * acts + a]! > 0) applied = true;
    }
    if (done) continue;
    if (undone) rolledBack++;
    else if (!applied) abandoned++;
    else halfWay++;
    gaveUp.add(orch);
    if (examples.length < MAX_EXAMPLES) {
      const detail = steps
        .map(
          (a) =>
            `${s.t.labels[actNodes[a]!]} applied ${o.stepApplied[r * acts + a]}×, undone ${o.stepCompensated[r * acts + a]}×`,
        )
        .join('; ');
      examples.push({
        messageId: `req-${r}`,
        detail: `${undone ? 'rolled back after a passing failure' : applied ? 'stopped part-way' : 'abandoned before any step applied'}: ${detail}`,
      });
    }
  }
  const count = rolledBack + halfWay + abandoned + neverStarted;
  return {
    id: 'every-request-completed',
    holds: count === 0,
    count,
    examples,
    summarize: () => {
      const refused = declined
        ? ` (${plural(declined, 'request')} refused for good by a business failure are not counted)`
        : '';
      if (count === 0) return `Every request that met no permanent failure completed${refused}.`;
      const parts = [
        rolledBack
          ? `${plural(rolledBack, 'request')} rolled back after a failure that a retry would have ridden out`
          : '',
        abandoned
          ? `${plural(abandoned, 'request')} abandoned when their first step failed for a passing reason`
          : '',
        halfWay ? `${plural(halfWay, 'request')} stopped part-way` : '',
        neverStarted ? `${plural(neverStarted, 'request')} never reached an orchestrator` : '',
      ].filter(Boolean);
      const why: string[] = [];
      for (const n of gaveUp) {
        if (s.t.kind[n] === K.workflow)
          why.push(
            `${describeNode(s.t, n)} gives up on a step after ${plural(cfg(s.t, n, 'workflow', 'retries'), 'retry', 'retries')}`,
          );
        else why.push(`${describeNode(s.t, n)} keeps its progress in memory and gives up after its retries`);
      }
      return `${plural(count, 'request')} of ${eligible.toLocaleString('en-US')} that met no permanent failure did not complete: ${parts.join('; ')}${why.length ? ` — ${why.join('; ')}` : ''}${refused}.`;
    },
  };
}
