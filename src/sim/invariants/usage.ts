import { K, M } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { describeNode } from '../engine/topology';
import { findForgetfulDedup, findUndedupedSegment, nodesOfKind, queueDeliveryNotes } from './structure';
import { lastStep, MAX_EXAMPLES, plural, type Verdict } from './types';

/** Times each usage event counts as billed in the end: ledger postings plus correction-log adjustments. */
function effectiveBilled(s: Sim, i: number): number {
  return s.out.billed[i]! + s.out.corrected[i]!;
}

/**
 * Times an event counts as billed on the invoice: what the ledgers had posted at the cut-off (after
 * the aggregators' final flush), plus what was billed later for it (a reconciler's adjustment, a late
 * posting — billed next cycle), plus correction-log entries. A credit issued after the cut-off does
 * not take an over-count off the invoice.
 */
function invoicedTimes(s: Sim, i: number): number {
  const atCut = s.out.billedAtCutoff;
  const final = s.out.billed[i]!;
  return (atCut === null ? final : Math.max(atCut[i]!, final)) + s.out.corrected[i]!;
}

/** Reconcilers without an outgoing edge that found differences: "… found 12 differences and had nowhere to send them". */
export function strandedReconcilers(s: Sim): string | null {
  const found = nodesOfKind(s, K.reconciler).filter((n) => s.t.fwd[n]!.length === 0 && s.st.errors[n]! > 0);
  if (found.length === 0) return null;
  return found
    .map(
      (n) =>
        `${describeNode(s.t, n)} found ${plural(s.st.errors[n]!, 'difference')} and had nowhere to send them (no outgoing edge)`,
    )
    .join('; ');
}

/**
 * usage-billed-exactly-once, judged on the invoice: per tenant, the quantity invoiced at the cut-off
 * (ledger postings after the aggregators' final flush, corrections settled by periodic reconciler
 * passes before it) plus what is billed next cycle (correction log, later positive adjustments)
 * equals the produced quantity. An over-count on the invoice stays a violation when a reconciler
 * credits it afterwards. The count is the number of events invoiced other than once.
 */
export function checkBilledExactlyOnce(s: Sim): Verdict {
  const it = s.items;
  const billed = new Float64Array(s.tenants);
  let creditedAfter = 0;
  // invoicedTimes, unrolled: this loop runs over every item of the run.
  const atCut = s.out.billedAtCutoff ?? s.out.billed;
  const final = s.out.billed;
  const corrected = s.out.corrected;
  for (let i = 0; i < it.count; i++) {
    if (it.workload[i] !== M.usage) continue;
    const f = final[i]!;
    const c = atCut[i]!;
    billed[it.tenant[i]!]! += ((c > f ? c : f) + corrected[i]!) * it.value[i]!;
    if (f < c) creditedAfter++;
  }
  let tenantsOff = 0;
  for (let t = 0; t < s.tenants; t++) if (billed[t] !== s.out.producedByTenant[t]) tenantsOff++;
  let over = 0;
  let under = 0;
  const examples: Verdict['examples'] = [];
  if (tenantsOff > 0) {
    for (let i = 0; i < it.count; i++) {
      if (it.workload[i] !== M.usage) continue;
      const n = invoicedTimes(s, i);
      if (n === 1) continue;
      if (n > 1) over++;
      else under++;
      if (examples.length < MAX_EXAMPLES) {
        examples.push({
          messageId: `evt-${i}`,
          detail:
            n > 1
              ? `billed ${n} times on the invoice (tenant ${it.tenant[i]}, quantity ${it.value[i]})`
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
        parts.push(...queueDeliveryNotes(s));
        if (creditedAfter > 0)
          parts.push(
            `over-billed on the invoice: the reconciler issued ${plural(creditedAfter, 'credit')} after invoicing`,
          );
      }
      if (under > 0) {
        const firstLost = examples.find((e) => e.detail.startsWith('never'));
        const where = firstLost ? lastStep(s, paths.get(firstLost.messageId)) : null;
        parts.push(
          `${plural(under, 'event')} never billed${where ? ` (e.g. ${firstLost!.messageId}: ${where})` : ''}`,
        );
      }
      const stranded = strandedReconcilers(s);
      if (stranded) parts.push(stranded);
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
      const afterFlush = agg !== undefined ? s.states.aggregator[agg]!.lateAfterFlush : 0;
      const hint =
        agg !== undefined
          ? `; ${describeNode(s.t, agg)} dropped ${plural(s.st.dropped[agg]!, 'late event')} (${afterFlush > 0 ? `${plural(afterFlush, 'event')} arrived after the final flush, which no grace waits for: route late events to a correction-log` : 'route them to a correction-log or raise graceMs'})`
          : '';
      return `${plural(lost, 'event')} lost${where ? ` — e.g. ${examples[0]!.messageId}: ${where}` : ''}${hint}.`;
    },
  };
}
