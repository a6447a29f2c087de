import { M, O, type Outcome } from '../engine/constants';
import { fanOut } from '../engine/fanout';
import { nodeState } from '../engine/nodeState';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceId, traceStep } from '../engine/trace';

/** A ledger's posting ids: the window totals it has posted (each at most once). */
export type LedgerState = Set<number>;
const newLedgerState = (): LedgerState => new Set();

/** A notification's sends: notification id (item + template) → times sent. */
export type NotificationState = Map<number, number>;
const newNotificationState = (): NotificationState => new Map();

/**
 * The ledger: append-only and double-entry (every posting writes a debit and a credit). Usage events
 * and window totals are billed per tenant; a window total is posted once per ledger (each ledger
 * keeps the posting ids it has seen; billed = the sum over every ledger); invoice postings and webhook effects record what was charged; corrections adjust.
 */
export function ledgerReceive(s: Sim, node: number, msg: number): Outcome {
  const o = s.out;
  const item = s.m.item[msg]!;
  let amount = 0;
  switch (s.m.type[msg]) {
    case M.usage:
      amount = s.m.val[msg]!;
      o.billed[item]!++;
      o.billedByTenant[s.items.tenant[item]!]! += amount;
      if (s.tracing) traceStep(s, msg, node, -1, 'billed', [], 'billed');
      break;
    case M.window: {
      const w = s.m.aux[msg]!;
      const posted = nodeState(s, node, 'ledger', newLedgerState);
      if (posted.has(w)) {
        s.st.duplicates[node]!++;
        if (s.tracing) traceStep(s, msg, node, -1, 'ignored: window total already posted here', []);
        return O.ok;
      }
      posted.add(w);
      s.judge.notePosted(w, s.now);
      amount = s.windows.sum[w]!;
      o.billedByTenant[s.windows.tenant[w]!]! += amount;
      for (let c = s.windows.head[w]!; c >= 0; c = s.windows.cNext[c]!) {
        const it = s.windows.cItem[c]!;
        o.billed[it]!++;
        if (s.tracing) traceId(s, `evt-${it}`, node, -1, `billed in window total win-${w}`, [], 'billed');
      }
      break;
    }
    case M.invoice:
      amount = s.items.value[item]!;
      o.ledgerAmount[item]! += amount;
      if (s.tracing) traceStep(s, msg, node, -1, `recorded charge of ${amount} cents`, []);
      break;
    case M.webhook: {
      const h = s.m.aux[msg]!;
      if (s.hooks.kind[h] === 2) {
        amount = s.hooks.amount[h]!;
        o.ledgerAmount[s.hooks.invoice[h]!]! += amount;
      }
      break;
    }
    case M.hookEffect:
      amount = s.m.val[msg]!;
      o.ledgerAmount[s.hooks.invoice[s.m.aux[msg]!]!]! += amount;
      if (s.tracing) traceStep(s, msg, node, -1, `recorded ${amount} cents`, []);
      break;
    case M.correction:
      amount = s.m.val[msg]!;
      if (item < s.items.count && s.items.workload[item] === M.usage) {
        o.billed[item]! += amount;
        s.judge.reconAdjust[item]! += amount;
        o.billedByTenant[s.items.tenant[item]!]! += amount * s.items.value[item]!;
        o.usageCorrections++;
      } else if (item < s.items.count) {
        o.ledgerAmount[item]! += amount;
        o.invoiceCorrections++;
      }
      if (s.tracing)
        traceStep(s, msg, node, -1, `reconciliation correction ${amount > 0 ? '+' : ''}${amount}`, []);
      break;
  }
  o.debits += Math.abs(amount);
  o.credits += Math.abs(amount);
  return O.ok;
}

/** Late events held as adjustments; they are billed next cycle, so they count as billed. */
export function correctionLogReceive(s: Sim, node: number, msg: number): Outcome {
  if (s.m.type[msg] === M.usage) {
    s.out.corrected[s.m.item[msg]!]!++;
    if (s.tracing) traceStep(s, msg, node, -1, 'held in the correction log (billed next cycle)', []);
  }
  return O.ok;
}

/** Poison and given-up messages park here: not lost, and out of the pipeline's way. */
export function deadLetterReceive(s: Sim, node: number, msg: number): Outcome {
  const type = s.m.type[msg]!;
  s.st.deadLettered[node]!++;
  if (type === M.poison) s.out.poisonDeadLettered++;
  else if (s.m.item[msg]! < s.items.count) s.out.deadLettered[s.m.item[msg]!]!++;
  if (s.tracing) traceStep(s, msg, node, -1, 'in the dead-letter queue', []);
  return O.ok;
}

/** A notification's identity: item (or webhook event) and the template (activity) that sent it. */
export const TEMPLATE_SPAN = 4_294_967_296;

/**
 * Counts sends per notification: the same item (or webhook event) with the same template — the
 * activity that sent it, 0 for anything else. A second send of one reached the customer twice;
 * a welcome email and a receipt for one request are two notifications.
 */
export function notificationReceive(s: Sim, node: number, msg: number): Outcome {
  const sent = nodeState(s, node, 'notification', newNotificationState);
  const type = s.m.type[msg];
  const id =
    type === M.hookEffect
      ? s.hooks.synth[s.m.aux[msg]!]!
      : s.m.item[msg]! + (type === M.request ? s.m.aux[msg]! * TEMPLATE_SPAN : 0);
  const n = (sent.get(id) ?? 0) + 1;
  sent.set(id, n);
  if (n > 1) s.st.duplicates[node]!++;
  if (s.tracing)
    traceStep(s, msg, node, -1, n > 1 ? `notification sent again (${n} times)` : 'notification sent', []);
  return O.ok;
}

/** The raw archive: a set of event ids (a repeat overwrites the same object). */
export function objectStoreReceive(s: Sim, node: number, msg: number): Outcome {
  const item = s.m.item[msg]!;
  if (s.m.type[msg] === M.usage) {
    if (s.out.archived[item] !== 0) s.st.duplicates[node]!++;
    s.out.archived[item] = 1;
  }
  if (s.tracing) traceStep(s, msg, node, -1, 'archived', []);
  return O.ok;
}

export interface CacheState {
  ttl: number;
  entries: Map<number, number>;
}

const newCacheState = (s: Sim, node: number): CacheState => ({
  ttl: cfg(s.t, node, 'cache', 'ttlMs'),
  entries: new Map(),
});

/**
 * A write-through view: it forwards every message unchanged (it never deduplicates) and remembers
 * each id for `ttlMs` in memory; a write to an id still cached counts in `duplicates`. A crash empties it.
 */
export function cacheReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const st = nodeState(s, node, 'cache', newCacheState);
  const id = s.m.item[msg]!;
  const at = st.entries.get(id);
  if (at !== undefined && s.now - at < st.ttl) s.st.duplicates[node]!++;
  st.entries.set(id, s.now);
  return fanOut(s, node, msg, owner, depth);
}

export function onCacheCrash(s: Sim, node: number): void {
  const st = s.states.cache[node];
  st?.entries.clear();
}
