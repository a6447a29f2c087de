import { K, M } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { describeNode } from '../engine/topology';
import { nodesOfKind } from './structure';
import { MAX_EXAMPLES, plural, type Verdict } from './types';

/**
 * discrepancy-detected: every usage event the design lost or billed more than once, and every
 * invoice it never charged or charged more than once, was flagged by some reconciler's pass by the
 * end of the run. The damage is judged before the reconcilers' own corrections (a correction is the
 * consequence of a detection, not a substitute for it). It says nothing when nothing went wrong.
 */
export function checkDiscrepancyDetected(s: Sim): Verdict {
  const it = s.items;
  const o = s.out;
  const j = s.judge;
  let lost = 0;
  let doubled = 0;
  let missedLost = 0;
  let missedDoubled = 0;
  let notArchived = 0;
  const examples: Verdict['examples'] = [];
  const invoiceMirrored = { n: 0 };
  for (let i = 0; i < it.count; i++) {
    const w = it.workload[i];
    let problem: 'lost' | 'twice' | null = null;
    if (w === M.usage) {
      const billed = o.billed[i]! - j.reconAdjust[i]! + o.corrected[i]!;
      if (billed > 1) problem = 'twice';
      else if (billed <= 0 && o.deadLettered[i] === 0) problem = 'lost';
    } else if (w === M.invoice) {
      if (o.charges[i]! > 1) problem = 'twice';
      else if (o.charges[i] === 0) problem = 'lost';
    }
    if (problem === null) continue;
    if (problem === 'lost') lost++;
    else doubled++;
    if (j.flagged[i] === 1) continue;
    if (problem === 'lost') missedLost++;
    else missedDoubled++;
    if (w === M.usage && o.archived[i] === 0) notArchived++;
    if (w === M.invoice && o.ledgerAmount[i] === o.providerAmount[i]) invoiceMirrored.n++;
    if (examples.length < MAX_EXAMPLES) {
      const what = w === M.usage ? 'event' : 'invoice';
      examples.push({
        messageId: `${w === M.usage ? 'evt' : 'inv'}-${i}`,
        detail:
          problem === 'lost'
            ? `${what} ${w === M.usage ? 'lost' : 'never charged'}, and no reconciler flagged it`
            : `${what} ${w === M.usage ? 'billed' : 'charged'} more than once, and no reconciler flagged it`,
      });
    }
  }
  const count = missedLost + missedDoubled;
  const reconcilers = nodesOfKind(s, K.reconciler);
  return {
    id: 'discrepancy-detected',
    holds: count === 0,
    count,
    examples,
    summarize: () => {
      const total = lost + doubled;
      if (total === 0) return 'Nothing was lost or billed twice, so there was nothing to detect.';
      if (count === 0)
        return `Every one of the ${plural(total, 'discrepancy', 'discrepancies')} (${lost} lost or never charged, ${doubled} billed twice) was flagged by a reconciler.`;
      const parts = [
        missedLost ? plural(missedLost, 'lost item') : '',
        missedDoubled ? `${plural(missedDoubled, 'item')} billed more than once` : '',
      ].filter(Boolean);
      const why: string[] = [];
      if (reconcilers.length === 0) why.push('the board has no reconciler');
      if (notArchived > 0 && reconcilers.some((r) => inputsOf(s, r).includes(K.objectStore)))
        why.push(
          `${plural(notArchived, 'event')} never reached the raw archive, so comparing the archive with the ledger cannot see them — the archive is fed after the point where they went wrong`,
        );
      if (invoiceMirrored.n > 0)
        why.push(
          `${plural(invoiceMirrored.n, 'invoice')} agree between ledger and provider: the ledger mirrors the provider, so both recorded the same mistake`,
        );
      for (const r of reconcilers) {
        const kinds = inputsOf(s, r);
        if (!kinds.includes(K.ledger)) why.push(`${describeNode(s.t, r)} has no ledger to compare`);
        else if (!kinds.some((k) => k === K.provider || k === K.objectStore || k === K.producer))
          why.push(
            `${describeNode(s.t, r)} has nothing to compare the ledger with (a provider, a raw archive or a producer)`,
          );
      }
      return `${parts.join(' and ')} went unflagged by any reconciler${why.length ? `: ${why.join('; ')}` : ''}.`;
    },
  };
}

function inputsOf(s: Sim, node: number): number[] {
  return Array.from(s.t.inputs[node]!, (i) => s.t.kind[i]!);
}
