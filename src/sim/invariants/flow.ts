import { K, M } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { cfg, describeNode } from '../engine/topology';
import { getStuck } from '../behaviours/queue';
import { messageIdOf } from '../engine/trace';
import { nodesOfKind } from './structure';
import { MAX_EXAMPLES, plural, type Verdict } from './types';

/**
 * The activity indices of an orchestrator's steps, in order; a Nexus endpoint step stands for the
 * handler's own activity steps (the work done in the other namespace).
 */
function orchestratorSteps(s: Sim, orch: number, actIndex: Map<number, number>): number[] {
  const out: number[] = [];
  for (const e of s.t.steps[orch]!) {
    const target = s.t.edgeTarget[e]!;
    const targets =
      s.t.kind[target] === K.nexus ? Array.from(s.t.steps[target]!, (h) => s.t.edgeTarget[h]!) : [target];
    for (const t of targets) {
      const a = actIndex.get(t);
      if (a !== undefined) out.push(a);
    }
  }
  return out;
}

/**
 * saga-atomic: each request ends fully committed (every step of its orchestrator applied exactly
 * once, none undone) or fully compensated (every applied step undone as often as applied). A request
 * that never reached an activity is trivially atomic.
 */
export function checkSagaAtomic(s: Sim): Verdict {
  const it = s.items;
  const o = s.out;
  const acts = o.activities;
  const actNodes = nodesOfKind(s, K.activity);
  const actIndex = new Map(actNodes.map((n, i) => [n, i]));
  let count = 0;
  let twice = 0;
  let partial = 0;
  const examples: Verdict['examples'] = [];
  const failedOrchestrators = new Set<number>();
  for (let r = 0; r < it.count; r++) {
    if (it.workload[r] !== M.request || acts === 0) continue;
    const orch = o.orchestrator[r]!;
    const steps =
      orch >= 0 && s.t.steps[orch]!.length > 0
        ? orchestratorSteps(s, orch, actIndex)
        : actNodes.map((_, i) => i).filter((i) => o.stepApplied[r * acts + i]! > 0);
    let committed = true;
    let compensated = true;
    let anyTwice = false;
    for (const a of steps) {
      const applied = o.stepApplied[r * acts + a]!;
      const undone = o.stepCompensated[r * acts + a]!;
      if (applied !== 1 || undone !== 0) committed = false;
      if (applied !== undone) compensated = false;
      if (applied > 1) anyTwice = true;
    }
    if (committed || compensated) continue;
    count++;
    if (anyTwice) twice++;
    else partial++;
    if (orch >= 0) failedOrchestrators.add(orch);
    if (examples.length < MAX_EXAMPLES) {
      const detail = steps
        .map(
          (a) =>
            `${s.t.labels[actNodes[a]!]} applied ${o.stepApplied[r * acts + a]}×, undone ${o.stepCompensated[r * acts + a]}×`,
        )
        .join('; ');
      examples.push({ messageId: `req-${r}`, detail: `neither committed nor compensated: ${detail}` });
    }
  }
  return {
    id: 'saga-atomic',
    holds: count === 0,
    count,
    examples,
    summarize: () => {
      if (count === 0) return 'Every request ended fully committed or fully compensated.';
      const why: string[] = [];
      for (const n of failedOrchestrators) {
        if (s.t.kind[n] === K.worker)
          why.push(
            `${describeNode(s.t, n)} orchestrates the steps with its progress in memory and no compensation`,
          );
        else if (!cfg(s.t, n, 'workflow', 'compensate'))
          why.push(`${describeNode(s.t, n)} does not compensate`);
        else {
          const stuck = actNodes
            .filter((a) => !cfg(s.t, a, 'activity', 'hasCompensation'))
            .map((a) => describeNode(s.t, a));
          if (stuck.length) why.push(`${stuck.join(', ')} cannot be undone (hasCompensation off)`);
        }
      }
      const kinds = [
        twice ? `${plural(twice, 'request')} ran a step more than once` : '',
        partial ? `${plural(partial, 'request')} stopped half-way` : '',
      ].filter(Boolean);
      return `${kinds.join('; ')}${why.length ? ` — ${why.join('; ')}` : ''}.`;
    },
  };
}

/** no-duplicate-notification: each notification id reaches the customer once. */
export function checkNoDuplicateNotification(s: Sim): Verdict {
  let count = 0;
  const examples: Verdict['examples'] = [];
  const bySynth = new Map<number, number>();
  for (let h = 0; h < s.hooks.n; h++) bySynth.set(s.hooks.synth[h]!, h);
  const where: string[] = [];
  for (const n of nodesOfKind(s, K.notification)) {
    const sent = s.states.notification[n];
    let here = 0;
    for (const [id, times] of sent ?? []) {
      if (times <= 1) continue;
      here++;
      if (examples.length < MAX_EXAMPLES)
        examples.push({
          messageId: idText(s, id, bySynth),
          detail: `sent ${times} times by ${describeNode(s.t, n)}`,
        });
    }
    if (here > 0) where.push(describeNode(s.t, n));
    count += here;
  }
  return {
    id: 'no-duplicate-notification',
    holds: count === 0,
    count,
    examples,
    summarize: () =>
      count === 0
        ? 'Every notification was sent once.'
        : `${plural(count, 'notification')} reached the customer more than once at ${where.join(', ')}: nothing drops repeats before it.`,
  };
}

function idText(s: Sim, id: number, bySynth: Map<number, number>): string {
  if (id < s.items.count)
    return `${({ [M.usage]: 'evt', [M.invoice]: 'inv', [M.request]: 'req' } as Record<number, string>)[s.items.workload[id]!]}-${id}`;
  const h = bySynth.get(id);
  return h === undefined ? `msg-${id}` : `whk-${s.hooks.invoice[h]}-v${s.hooks.version[h]}`;
}

/** pipeline-live: at the end nothing is stuck redelivering in a queue or parked behind a blocked key. */
export function checkPipelineLive(s: Sim): Verdict {
  let count = 0;
  const examples: Verdict['examples'] = [];
  const where: string[] = [];
  for (const q of nodesOfKind(s, K.queue)) {
    const { stuck, parked } = getStuck(s, q);
    if (stuck.length + parked.length === 0) continue;
    count += stuck.length + parked.length;
    const poison = stuck.filter((m) => s.m.type[m] === M.poison).length;
    where.push(
      `${describeNode(s.t, q)} has ${plural(stuck.length, 'message')} redelivered without end${poison ? ` (${poison} malformed)` : ''}${parked.length ? ` and ${plural(parked.length, 'message')} waiting behind them (orderedByKey)` : ''}${s.t.dlq[q]!.length === 0 ? '; no dead-letter-queue is wired' : ''}`,
    );
    for (const m of [...stuck, ...parked]) {
      if (examples.length >= MAX_EXAMPLES) break;
      examples.push({
        messageId: messageIdOf(s, m),
        detail: stuck.includes(m)
          ? `still redelivered at ${describeNode(s.t, q)} at the end of the run`
          : `blocked behind a failing message at ${describeNode(s.t, q)}`,
      });
    }
  }
  return {
    id: 'pipeline-live',
    holds: count === 0,
    count,
    examples,
    summarize: () => (count === 0 ? 'Nothing blocked the pipeline.' : `${where.join('; ')}.`),
  };
}
