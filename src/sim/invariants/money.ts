import { K, M } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { cfg, describeNode } from '../engine/topology';
import { doubleChargeCauses } from './chargeCauses';
import { nodesOfKind } from './structure';
import { strandedReconcilers } from './usage';
import { lastStep, MAX_EXAMPLES, plural, type Verdict } from './types';

/** no-double-charge: every invoice charged at most once at the provider. */
export function checkNoDoubleCharge(s: Sim): Verdict {
  const it = s.items;
  let count = 0;
  const examples: Verdict['examples'] = [];
  for (let i = 0; i < it.count; i++) {
    if (it.workload[i] !== M.invoice || s.out.charges[i]! <= 1) continue;
    count++;
    if (examples.length < MAX_EXAMPLES)
      examples.push({
        messageId: `inv-${i}`,
        detail: `charged ${s.out.charges[i]} times (${it.value[i]} cents each)`,
      });
  }
  return {
    id: 'no-double-charge',
    holds: count === 0,
    count,
    examples,
    summarize: () =>
      count === 0
        ? 'No invoice was charged twice.'
        : `${plural(count, 'invoice')} charged more than once${doubleChargeCauses(s).length ? `; ${doubleChargeCauses(s).join('; ')}` : ''}.`,
  };
}

/** every-invoice-charged: liveness — every invoice charged by the end of the run. */
export function checkEveryInvoiceCharged(s: Sim): Verdict {
  const it = s.items;
  let count = 0;
  const examples: Verdict['examples'] = [];
  for (let i = 0; i < it.count; i++) {
    if (it.workload[i] !== M.invoice || s.out.charges[i]! > 0) continue;
    count++;
    if (examples.length < MAX_EXAMPLES) examples.push({ messageId: `inv-${i}`, detail: 'never charged' });
  }
  return {
    id: 'every-invoice-charged',
    holds: count === 0,
    count,
    examples,
    summarize: (paths) => {
      if (count === 0) return 'Every invoice was charged.';
      if (nodesOfKind(s, K.provider).length === 0)
        return `${plural(count, 'invoice')} never charged: the board has no payment-provider.`;
      const where = examples[0] ? lastStep(s, paths.get(examples[0].messageId)) : null;
      return `${plural(count, 'invoice')} never charged${where ? ` — e.g. ${examples[0]!.messageId}: ${where}` : ''}.`;
    },
  };
}

/** ledger-balanced: debits equal credits, and per invoice the ledger agrees with the provider. */
export function checkLedgerBalanced(s: Sim): Verdict {
  const it = s.items;
  const o = s.out;
  let count = o.debits === o.credits ? 0 : 1;
  let recorded = 0;
  const examples: Verdict['examples'] = [];
  for (let i = 0; i < it.count; i++) {
    if (it.workload[i] !== M.invoice) continue;
    if (o.ledgerAmount[i] !== 0) recorded++;
    if (o.ledgerAmount[i] === o.providerAmount[i]) continue;
    count++;
    if (examples.length < MAX_EXAMPLES)
      examples.push({
        messageId: `inv-${i}`,
        detail: `ledger recorded ${o.ledgerAmount[i]} cents, the provider charged ${o.providerAmount[i]}`,
      });
  }
  return {
    id: 'ledger-balanced',
    holds: count === 0,
    count,
    examples,
    summarize: () => {
      const took =
        o.invoiceCorrections > 0
          ? ` (after the final reconciliation; it took ${plural(o.invoiceCorrections, 'correction')})`
          : '';
      const stranded = strandedReconcilers(s);
      if (count === 0)
        return `Debits equal credits and the ledger agrees with the provider on every invoice${took}.`;
      if (recorded === 0)
        return `The ledger disagrees with the provider on ${plural(count, 'invoice')}: nothing records charges in the ledger${stranded ? `; ${stranded}` : ''}.`;
      const rec =
        nodesOfKind(s, K.reconciler).length > 0
          ? ''
          : '; a reconciler comparing ledger and provider would correct it';
      return `The ledger disagrees with the provider on ${plural(count, 'invoice')}${took}${rec}${stranded ? `; ${stranded}` : ''}.`;
    },
  };
}

/** webhook-applied-once: each event applied once per endpoint, and local state ends equal to the provider's. */
export function checkWebhookAppliedOnce(s: Sim): Verdict {
  const o = s.out;
  let twice = 0;
  let differs = 0;
  const examples: Verdict['examples'] = [];
  const causes: string[] = [];
  for (const n of nodesOfKind(s, K.webhook)) {
    const st = s.states.webhook[n]!;
    let nTwice = 0;
    let nDiff = 0;
    for (const [h, times] of st.applied) {
      if (times <= 1 || s.hooks.kind[h] === 3) continue;
      nTwice++;
      if (examples.length < MAX_EXAMPLES)
        examples.push({
          messageId: `whk-${s.hooks.invoice[h]}-v${s.hooks.version[h]}`,
          detail: `applied ${times} times at ${describeNode(s.t, n)}`,
        });
    }
    for (let i = 0; i < s.items.count; i++) {
      if (o.providerVersion[i] === 0) continue;
      if (
        st.status[i] === o.providerStatus[i] &&
        st.version[i] === o.providerVersion[i] &&
        st.amount[i] === o.providerAmount[i]
      )
        continue;
      nDiff++;
      if (examples.length < MAX_EXAMPLES)
        examples.push({
          messageId: `inv-${i}`,
          detail: `${describeNode(s.t, n)} ends at ${stateText(st.status[i]!, st.version[i]!, st.amount[i]!)}; the provider at ${stateText(o.providerStatus[i]!, o.providerVersion[i]!, o.providerAmount[i]!)}`,
        });
    }
    if (nTwice > 0 && !cfg(s.t, n, 'webhook-endpoint', 'storeEventIds'))
      causes.push(`${describeNode(s.t, n)} does not store event ids`);
    if (nDiff > 0) {
      const policy = cfg(s.t, n, 'webhook-endpoint', 'orderPolicy');
      if (policy === 'naive')
        causes.push(`${describeNode(s.t, n)} applies events in arrival order (orderPolicy naive)`);
      if (st.beforeProcessing && s.st.crashes[n]! > 0)
        causes.push(`${describeNode(s.t, n)} acks before processing and lost events when it crashed`);
      const forged = [...st.applied.keys()].some((h) => s.hooks.kind[h] === 3);
      if (forged) causes.push(`${describeNode(s.t, n)} applied forged events (verifySignature is off)`);
    }
    twice += nTwice;
    differs += nDiff;
  }
  return {
    id: 'webhook-applied-once',
    holds: twice + differs === 0,
    count: twice + differs,
    examples,
    summarize: () => {
      if (twice + differs === 0)
        return 'Every webhook event was applied once and local state matches the provider.';
      const parts: string[] = [];
      if (twice > 0) parts.push(`${plural(twice, 'webhook event')} applied more than once`);
      if (differs > 0)
        parts.push(`${plural(differs, 'invoice')} end in a different state than the provider's`);
      return `${parts.join('; ')}${causes.length ? ` — ${[...new Set(causes)].join('; ')}` : ''}.`;
    },
  };
}

function stateText(status: number, version: number, amount: number): string {
  const name = ['unknown', 'created', 'paid', 'forged'][status] ?? 'unknown';
  return `${name} v${version} (${amount} cents)`;
}
