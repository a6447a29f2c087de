import { K, M } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { describeNode } from '../engine/topology';
import type { AggregatorState } from '../behaviours/aggregator';
import { findForgetfulDedup, findUndedupedSegment, nodesOfKind } from './structure';
import { lastStep, MAX_EXAMPLES, plural, type Verdict } from './types';

/** Times each usage event counts as billed: ledger postings plus correction-log adjustments. */
function effectiveBilled(s: Sim, i: number): number {
  return s.out.billed[i]! + s.out.corrected[i]!;
}

/**
 * usage-billed-exactly-once: per tenant, billed quantity (ledger + correction log) equals produced
 * quantity. The count is the number of events billed other than once.
 */
export function checkBilledExactlyOnce(s: Sim): Verdict {
  const it = s.items;
  const billed = Float64Array.from(s.out.billedByTenant);
  for (let i = 0; i < it.count; i++)
    if (it.workload[i] === M.usage && s.out.corrected[i]! > 0)
      billed[it.tenant[i]!]! += s.out.corrected[i]! * it.value[i]!;
  let tenantsOff = 0;
  for (let t = 0; t < s.tenants; t++) if (billed[t] !== s.out.producedByTenant[t]) tenantsOff++;
  let over = 0;
  let under = 0;
  const examples: Verdict['examples'] = [];
  if (tenantsOff > 0) {
    for (let i = 0; i < it.count; i++) {
      if (it.workload[i] !== M.usage) continue;
      const n = effectiveBilled(s, i);
      if (n === 1) continue;
      if (n > 1) over++;
      else under++;
      if (examples.length < MAX_EXAMPLES) {
        examples.push({
          messageId: `evt-${i}`,
          detail:
            n > 1
              ? `billed ${n} times (tenant ${it.tenant[i]}, quantity ${it.value[i]})`
              : `never billed (tenant ${it.tenant[i]}, quantity ${it.value[i]})`,
        });
      }
    }
  }
  const counters = [...nodesOfKind(s, K.aggregator), ...nodesOfKind(s, K.ledger)];
  return {
    id: 'usage-billed-exactly-once',
    holds: tenantsOff === 0,
    count: tenantsOff === 0 ? 0 : over + under,
    examples,
    summarize: (paths) => {
      if (tenantsOff === 0) return 'Every tenant was billed exactly the quantity it used.';
      if (counters.length === 0 || nodesOfKind(s, K.ledger).length === 0)
        return `Nothing was billed correctly: the board has no ledger to read billed totals from (${plural(tenantsOff, 'tenant')} off).`;
      const parts: string[] = [];
      if (over > 0) {
        const why = findUndedupedSegment(s, counters) ?? findForgetfulDedup(s);
        parts.push(`${plural(over, 'event')} counted more than once${why ? `; ${why}` : ''}`);
      }
      if (under > 0) {
        const firstLost = examples.find((e) => e.detail.startsWith('never'));
        const where = firstLost ? lastStep(s, paths.get(firstLost.messageId)) : null;
        parts.push(
          `${plural(under, 'event')} never billed${where ? ` (e.g. ${firstLost!.messageId}: ${where})` : ''}`,
        );
      }
      return `${parts.join('; ')} — ${plural(tenantsOff, 'tenant')} billed the wrong quantity.`;
    },
  };
}

/** no-event-lost: every produced usage event is billed, dead-lettered, or in a correction log. */
export function checkNoEventLost(s: Sim): Verdict {
  const it = s.items;
  let lost = 0;
  const examples: Verdict['examples'] = [];
  for (let i = 0; i < it.count; i++) {
    if (it.workload[i] !== M.usage) continue;
    if (effectiveBilled(s, i) > 0 || s.out.deadLettered[i]! > 0) continue;
    lost++;
    if (examples.length < MAX_EXAMPLES)
      examples.push({
        messageId: `evt-${i}`,
        detail: `lost: not billed, not in a dead-letter queue or correction log (tenant ${it.tenant[i]})`,
      });
  }
  return {
    id: 'no-event-lost',
    holds: lost === 0,
    count: lost,
    examples,
    summarize: (paths) => {
      if (lost === 0) return 'Every event was billed, dead-lettered or kept for correction.';
      if (nodesOfKind(s, K.ledger).length === 0)
        return `${plural(lost, 'event')} lost: the board has no ledger, so nothing is ever billed.`;
      const where = examples[0] ? lastStep(s, paths.get(examples[0].messageId)) : null;
      const agg = nodesOfKind(s, K.aggregator).find((a) => s.st.dropped[a]! > 0);
      const afterFlush = agg !== undefined ? (s.state[agg] as AggregatorState).lateAfterFlush : 0;
      const hint =
        agg !== undefined
          ? `; ${describeNode(s.t, agg)} dropped ${plural(s.st.dropped[agg]!, 'late event')} (${afterFlush > 0 ? `${plural(afterFlush, 'event')} arrived after the final flush, which no grace waits for: route late events to a correction-log` : 'route them to a correction-log or raise graceMs'})`
          : '';
      return `${plural(lost, 'event')} lost${where ? ` — e.g. ${examples[0]!.messageId}: ${where}` : ''}${hint}.`;
    },
  };
}
