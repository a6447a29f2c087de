import { K } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { cfg, describeNode } from '../engine/topology';
import { nodesOfKind } from './structure';

/** Kinds that pass a message on with the idempotency key it arrived with. */
const KEY_PASSING = new Set<number>([K.queue, K.api, K.dedup, K.database, K.idem, K.cache]);

/**
 * Why invoices were charged more than once, for the no-double-charge summary: the caller that made
 * the key (walking back through components that pass it on), a provider key that expired before the
 * retries ended, or invoices charged at two providers.
 */
export function doubleChargeCauses(s: Sim): string[] {
  const causes: string[] = [];
  const providers = nodesOfKind(s, K.provider);
  if (s.judge.crossProviderCharges > 0)
    causes.push(
      `${s.judge.crossProviderCharges.toLocaleString('en-US')} charges went to a second provider for an invoice another provider had already charged — ${providers.map((p) => describeNode(s.t, p)).join(' and ')} each got the invoice, and an idempotency key only deduplicates within one provider`,
    );
  if (s.judge.expiredKeyCharges > 0)
    for (const p of providers)
      causes.push(
        `${describeNode(s.t, p)} forgets a key after keyTtlMs ${cfg(s.t, p, 'payment-provider', 'keyTtlMs')} ms, and ${s.judge.expiredKeyCharges.toLocaleString('en-US')} retries arrived after it had expired`,
      );
  for (const p of providers) {
    const seen = new Set<number>();
    const stack = [...s.t.inputs[p]!];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const k = s.t.kind[n];
      if (k === K.worker) {
        const mode = cfg(s.t, n, 'worker', 'idempotencyKey');
        if (mode !== 'deterministic')
          causes.push(`${describeNode(s.t, n)} calls ${describeNode(s.t, p)} with idempotencyKey: ${mode}`);
      } else if (k !== undefined && KEY_PASSING.has(k)) stack.push(...s.t.inputs[n]!);
      else if (k === K.producer)
        causes.push(`${describeNode(s.t, n)} reaches ${describeNode(s.t, p)} without an idempotency key`);
    }
  }
  return [...new Set(causes)];
}
