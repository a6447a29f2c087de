import {
  E,
  M,
  O,
  type Outcome,
  R,
  WEBHOOK_PROCESS_MS,
  WEBHOOK_RETRY_CAP_MS,
  WEBHOOK_RETRY_HORIZON_MS,
} from '../engine/constants';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import type { KindConfigValue } from '../../domain/catalog';
import { resendLater, sendOrWait } from '../engine/resend';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';

const CREATED = 1;
const PAID = 2;
const FORGED = 3;

export interface ProviderState {
  keyTtl: number;
  keys: Map<number, number>;
}

export function initProvider(s: Sim, node: number): void {
  s.states.provider[node] = {
    keyTtl: cfg(s.t, node, 'payment-provider', 'keyTtlMs'),
    keys: new Map(),
  } satisfies ProviderState;
}

/**
 * Stripe-like: a charge request with an idempotency key seen within `keyTtlMs` is answered with the
 * first result and charges nothing; any other request charges. For what it did it emits ordered
 * webhook events (`invoice.created` v1 the first time, then `invoice.paid` v2, v3 … per charge).
 */
export function providerReceive(s: Sim, node: number, msg: number): Outcome {
  if (s.m.type[msg] !== M.invoice) return O.ok;
  const st = s.states.provider[node]!;
  const key = s.m.key[msg]!;
  const inv = s.m.item[msg]!;
  if (key !== 0) {
    const first = st.keys.get(key);
    if (first !== undefined && s.now - first < st.keyTtl) {
      s.st.duplicates[node]!++;
      if (s.tracing) traceStep(s, msg, node, -1, 'answered with the first result (same idempotency key)', []);
      return O.ok;
    }
    if (first !== undefined) s.judge.expiredKeyCharges++;
    st.keys.set(key, s.now);
  }
  const o = s.out;
  const amount = s.items.value[inv]!;
  s.judge.noteCharge(inv, node);
  o.charges[inv]!++;
  o.providerAmount[inv]! += amount;
  if (s.tracing)
    traceStep(
      s,
      msg,
      node,
      -1,
      o.charges[inv]! > 1 ? `charged again (${o.charges[inv]} charges)` : `charged ${amount} cents`,
      [],
    );
  if (o.providerVersion[inv] === 0) emitEvent(s, node, inv, CREATED, 0);
  emitEvent(s, node, inv, PAID, amount);
  return O.ok;
}

function emitEvent(s: Sim, node: number, inv: number, kind: number, amount: number): void {
  const o = s.out;
  const version = ++o.providerVersion[inv]!;
  o.providerStatus[inv] = kind;
  const h = s.hooks.add(inv, kind, version, amount, s.synthetic());
  o.providerHook[inv] = h;
  const edges = s.t.fwd[node]!;
  for (let i = 0; i < edges.length; i++) {
    const msg = s.m.alloc(M.webhook, s.hooks.synth[h]!, 0, h, inv);
    const rec = s.r.alloc(R.hook, node, msg, edges[i]!, -1, 0);
    s.r.time[rec] = s.now; // the first attempt: retries go on for WEBHOOK_RETRY_HORIZON_MS from here
    sendHook(s, rec);
  }
}

/** Delivers (or redelivers) a webhook event; un-acked deliveries are retried with backoff. */
export function sendHook(s: Sim, rec: number): void {
  const o = sendOrWait(s, rec, E.retry);
  if (o !== O.pending) onHookAnswer(s, rec, o);
}

export function onHookAnswer(s: Sim, rec: number, o: Outcome): void {
  if (o === O.ok) {
    s.r.release(rec);
    return;
  }
  const wait = resendLater(s, rec, E.retry, Infinity, WEBHOOK_RETRY_CAP_MS, WEBHOOK_RETRY_HORIZON_MS);
  if (wait >= 0) {
    if (s.tracing)
      traceStep(
        s,
        s.r.msg[rec]!,
        s.r.node[rec]!,
        s.r.edge[rec]!,
        `webhook not acked: retry in ${wait} ms`,
        [],
      );
    return;
  }
  s.st.errors[s.r.node[rec]!]!++;
  if (s.tracing)
    traceStep(
      s,
      s.r.msg[rec]!,
      s.r.node[rec]!,
      s.r.edge[rec]!,
      `webhook given up after ${s.r.attempt[rec]} attempts over three days`,
      [],
    );
  s.r.release(rec);
}

/** A webhook endpoint's local view of each invoice, and how often it applied each event. */
export interface EndpointState {
  verify: boolean;
  beforeProcessing: boolean;
  storeEventIds: boolean;
  /** 0 naive, 1 version-check, 2 refetch. */
  policy: number;
  seen: Set<number>;
  applied: Map<number, number>;
  status: Int32Array;
  version: Int32Array;
  amount: Float64Array;
}

const POLICY: Record<KindConfigValue<'webhook-endpoint', 'orderPolicy'>, number> = {
  naive: 0,
  'version-check': 1,
  refetch: 2,
};

export function initEndpoint(s: Sim, node: number): void {
  const n = s.items.capacity;
  s.states.webhook[node] = {
    verify: cfg(s.t, node, 'webhook-endpoint', 'verifySignature'),
    beforeProcessing: cfg(s.t, node, 'webhook-endpoint', 'ack') === 'before-processing',
    storeEventIds: cfg(s.t, node, 'webhook-endpoint', 'storeEventIds'),
    policy: POLICY[cfg(s.t, node, 'webhook-endpoint', 'orderPolicy')],
    seen: new Set(),
    applied: new Map(),
    status: new Int32Array(n),
    version: new Int32Array(n),
    amount: new Float64Array(n),
  } satisfies EndpointState;
}

/**
 * Receives provider events. A malformed (poison) delivery is a forged event: with `verifySignature`
 * it is rejected, without it it is applied like a real one. `ack: before-processing` answers first
 * and applies WEBHOOK_PROCESS_MS later (lost if the endpoint crashes in between).
 */
export function endpointReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const st = s.states.webhook[node]!;
  let m = msg;
  if (s.m.type[msg] === M.poison) {
    if (st.verify) {
      s.st.errors[node]!++;
      if (s.tracing) traceStep(s, msg, node, -1, 'rejected: bad signature', []);
      return O.ok;
    }
    const inv = s.m.val[msg]!;
    if (inv < 0 || inv >= s.items.count) {
      s.st.errors[node]!++;
      return O.ok;
    }
    const h = s.hooks.add(inv, FORGED, s.out.providerVersion[inv]! + 100, 0, s.synthetic());
    m = s.m.alloc(M.webhook, s.hooks.synth[h]!, 0, h, inv);
    if (s.tracing) traceStep(s, m, node, -1, 'forged event accepted (signature not verified)', []);
  } else if (s.m.type[msg] !== M.webhook) return fanOut(s, node, msg, owner, depth);
  if (st.beforeProcessing) {
    s.schedule(s.now + WEBHOOK_PROCESS_MS, E.hookApply, m, node, s.epoch[node]!);
    return O.ok;
  }
  applyEvent(s, node, m, depth);
  return O.ok;
}

/** Applies one event to local state per `storeEventIds` and `orderPolicy`; effects flow on via an outbox. */
export function applyEvent(s: Sim, node: number, msg: number, depth: number): void {
  const st = s.states.webhook[node]!;
  const h = s.m.aux[msg]!;
  const inv = s.hooks.invoice[h]!;
  if (st.storeEventIds && st.seen.has(h)) {
    s.st.duplicates[node]!++;
    if (s.tracing) traceStep(s, msg, node, -1, 'skipped: event id already applied', []);
    return;
  }
  if (st.storeEventIds) st.seen.add(h);
  let delta = 0;
  // What was applied: the event itself, or — refetching — the provider's current version.
  let applied = h;
  if (st.policy === 2) {
    const o = s.out;
    const same =
      st.status[inv] === o.providerStatus[inv] &&
      st.version[inv] === o.providerVersion[inv] &&
      st.amount[inv] === o.providerAmount[inv];
    if (same) {
      if (s.tracing) traceStep(s, msg, node, -1, 'refetched: already up to date', []);
      return;
    }
    delta = o.providerAmount[inv]! - st.amount[inv]!;
    st.status[inv] = o.providerStatus[inv]!;
    st.version[inv] = o.providerVersion[inv]!;
    st.amount[inv] = o.providerAmount[inv]!;
    if (o.providerHook[inv]! >= 0) applied = o.providerHook[inv]!;
  } else {
    const v = s.hooks.version[h]!;
    // version-check ignores strictly older versions; a redelivery of the current one is applied
    // again unless event ids are stored.
    if (st.policy === 1 && v < st.version[inv]!) {
      if (s.tracing)
        traceStep(s, msg, node, -1, `ignored: version ${v} is older than ${st.version[inv]}`, []);
      return;
    }
    delta = s.hooks.kind[h] === PAID ? s.hooks.amount[h]! : 0;
    st.status[inv] = s.hooks.kind[h]!;
    st.version[inv] = v;
    st.amount[inv]! += delta;
  }
  const n = (st.applied.get(applied) ?? 0) + 1;
  st.applied.set(applied, n);
  if (s.tracing) {
    const what = applied === h ? '' : ` (refetched v${s.hooks.version[applied]})`;
    traceStep(s, msg, node, -1, n > 1 ? `applied again (${n} times)${what}` : `applied${what}`, []);
  }
  const effect = s.m.alloc(M.hookEffect, s.hooks.synth[applied]!, 0, applied, delta);
  s.m.hops[effect] = s.m.hops[msg]! + depth;
  sendViaOutbox(s, node, s.t.fwd[node]!, effect, 1);
}

/** A deferred application (ack before processing); a crash in between lost it. */
export function onHookApply(s: Sim, msg: number, node: number, epoch: number): void {
  if (s.epoch[node] !== epoch || s.isDown(node)) {
    if (s.tracing)
      traceStep(s, msg, node, -1, 'lost: acked, then the endpoint crashed before applying it', []);
    return;
  }
  applyEvent(s, node, msg, 0);
}
