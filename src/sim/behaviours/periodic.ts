import { E, K, M, MAX_RECONCILE_PASSES, O, type Outcome } from '../engine/constants';
import { fanOut } from '../engine/fanout';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceId } from '../engine/trace';

/**
 * Scheduler: every `periodMs` it sends a tick to its targets. An aggregator treats a tick as a
 * processing-time watermark (it closes windows that ended `graceMs` before the tick: a billing
 * cycle closing); a reconciler runs a pass. Other kinds ignore ticks. A crashed scheduler fires
 * the missed tick when it is back.
 */
export function initTimer(s: Sim, node: number): void {
  const period = Math.max(
    1,
    s.t.kind[node] === K.scheduler
      ? cfg(s.t, node, 'scheduler', 'periodMs')
      : cfg(s.t, node, 'reconciler', 'periodMs'),
  );
  if (s.t.kind[node] === K.reconciler) s.states.reconciler[node] = newReconciler(period);
  else s.states.scheduler[node] = { period };
  s.schedule(period, E.timer, node, 0, 0);
}

export function onTimer(s: Sim, node: number): void {
  if (s.isDown(node)) {
    s.schedule(s.upAt(node), E.timer, node, 0, 0);
    return;
  }
  const st = s.t.kind[node] === K.scheduler ? s.states.scheduler[node]! : s.states.reconciler[node]!;
  if (s.t.kind[node] === K.scheduler) {
    const tick = s.m.alloc(M.tick, s.synthetic(), 0, 0, 0);
    fanOut(s, node, tick, -1, 0);
  } else reconcile(s, node, false);
  s.schedule(s.now + st.period, E.timer, node, 0, 0);
}

/** A scheduler's period. */
export interface SchedulerState {
  period: number;
}

export interface ReconcilerState {
  period: number;
  passes: number;
  previous: Map<number, number>;
}

function newReconciler(period: number): ReconcilerState {
  return { period, passes: 0, previous: new Map() };
}

export function reconcilerReceive(s: Sim, node: number, msg: number): Outcome {
  if (s.m.type[msg] === M.tick) reconcile(s, node, false);
  return O.ok;
}

/**
 * Reconciler: compares its two inputs and sends corrections along its outgoing edges (to a ledger).
 * Inputs ledger + payment-provider: per invoice, the ledger's recorded amount against what the
 * provider charged. Inputs ledger + object-store (the raw archive) or + producer: per usage event,
 * billed once (ledger or correction log) against the archive. A periodic pass only corrects a
 * difference it also saw, unchanged, on the previous pass (it has settled); the final pass at the
 * end of the run corrects everything. Differences found are counted in its `errors`.
 */
export function reconcile(s: Sim, node: number, final: boolean): void {
  const st = s.states.reconciler[node]!;
  if (!final && ++st.passes > MAX_RECONCILE_PASSES) return;
  const inputs = s.t.inputs[node]!;
  const kinds = new Set(Array.from(inputs, (i) => s.t.kind[i]!));
  if (!kinds.has(K.ledger)) return;
  const diffs = new Map<number, number>();
  const o = s.out;
  const it = s.items;
  if (kinds.has(K.provider)) {
    for (let i = 0; i < it.count; i++) {
      if (it.workload[i] !== M.invoice) continue;
      const d = o.providerAmount[i]! - o.ledgerAmount[i]!;
      if (d !== 0) diffs.set(i, d);
    }
  }
  const fromProducer = new Set(Array.from(inputs).filter((i) => s.t.kind[i] === K.producer));
  const archive = kinds.has(K.objectStore);
  if (archive || fromProducer.size > 0) {
    for (let i = 0; i < it.count; i++) {
      if (it.workload[i] !== M.usage) continue;
      if (!(archive && o.archived[i] !== 0) && !fromProducer.has(it.producer[i]!)) continue;
      const d = 1 - o.billed[i]! - o.corrected[i]!;
      if (d !== 0) diffs.set(i, d);
    }
  }
  s.st.errors[node] = diffs.size;
  for (const item of diffs.keys()) s.judge.flagged[item] = 1;
  const wired = s.t.fwd[node]!.length > 0;
  for (const [item, d] of diffs) {
    if (!final && st.previous.get(item) !== d) continue;
    const msg = s.m.alloc(M.correction, item, 0, 0, d);
    if (s.tracing) {
      const what = wired ? 'correction sent' : 'but it has no outgoing edge to send a correction to';
      traceId(
        s,
        `${it.workload[item] === M.usage ? 'evt' : 'inv'}-${item}`,
        node,
        -1,
        `reconciler found a difference of ${d}: ${what}`,
      );
    }
    fanOut(s, node, msg, -1, 0);
  }
  st.previous = diffs;
}
