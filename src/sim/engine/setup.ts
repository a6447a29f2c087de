import { K, retryHorizonMs, SETTLE_MIN_MS, WEBHOOK_RETRY_HORIZON_MS } from './constants';
import { FK } from './faults';
import { scheduleFaults } from './health';
import type { Sim } from './sim';
import { cfg } from './topology';
import { initProducers } from '../behaviours/producer';
import { initQueue } from '../behaviours/queue';
import { initWorker } from '../behaviours/worker';
import { initDatabase, initDedup, initIdempotency } from '../behaviours/filters';
import { initAggregator } from '../behaviours/aggregator';
import { initEndpoint, initProvider } from '../behaviours/payments';
import { initActivity, initSagaTables, initWorkflow } from '../behaviours/saga';
import { initApi } from '../behaviours/api';
import { initTimer } from '../behaviours/periodic';
import { initTemporalWorkflow } from '../behaviours/temporal/runs';
import { initNexus } from '../behaviours/nexus';

/** Initialises every node's behaviour, the producers' schedules and the fault schedule. */
export function setupSim(s: Sim): void {
  const producers: number[] = [];
  const activities: number[] = [];
  for (let n = 0; n < s.nodes; n++) {
    switch (s.t.kind[n]) {
      case K.producer:
        producers.push(n);
        break;
      case K.queue:
        initQueue(s, n);
        break;
      case K.worker:
        initWorker(s, n);
        break;
      case K.dedup:
        initDedup(s, n);
        break;
      case K.database:
        initDatabase(s, n);
        break;
      case K.idem:
        initIdempotency(s, n);
        break;
      case K.aggregator:
        initAggregator(s, n);
        break;
      case K.provider:
        initProvider(s, n);
        break;
      case K.webhook:
        initEndpoint(s, n);
        break;
      case K.workflow:
        initWorkflow(s, n);
        initTemporalWorkflow(s, n);
        break;
      case K.nexus:
        initNexus(s, n);
        break;
      case K.activity:
        initActivity(s, n, activities.push(n) - 1);
        break;
      case K.api:
        initApi(s, n);
        break;
      case K.scheduler:
      case K.reconciler:
        initTimer(s, n);
        break;
    }
  }
  initSagaTables(s, activities);
  initProducers(s, producers);
  s.producersLeft = producers.filter((p) => s.states.producer[p]!.share > 0).length;
  s.settleMs = computeSettleMs(s);
  s.settleFloor = computeSettleFloor(s);
  if (s.producersLeft === 0) s.startSettling();
  scheduleFaults(s);
}

/**
 * How long a run may go on after its last item: long enough for every timer a design or a fault
 * plan sets (visibility timeouts, late deliveries, downtimes, webhook retries) to play out a few times.
 */
function computeSettleMs(s: Sim): number {
  let longest = 0;
  for (let n = 0; n < s.nodes; n++)
    if (s.t.kind[n] === K.queue) longest = Math.max(longest, cfg(s.t, n, 'queue', 'visibilityTimeoutMs'));
  const f = s.f;
  for (let i = 0; i < f.count; i++) {
    if (f.kind[i] === FK.late || f.kind[i] === FK.reorder || f.kind[i] === FK.crash)
      longest = Math.max(longest, f.amount[i]!);
  }
  // Every retry horizon on the board plays out in full: producers', workers' and workflows' resends,
  // and a provider's webhook redelivery (three days) when it has endpoints to deliver to.
  let horizon = 0;
  for (let n = 0; n < s.nodes; n++) {
    const k = s.t.kind[n];
    if (k === K.producer || k === K.worker || k === K.workflow)
      horizon = Math.max(horizon, retryHorizonMs(retriesOf(s, n)));
    if (k === K.provider && s.t.fwd[n]!.length > 0) horizon = Math.max(horizon, WEBHOOK_RETRY_HORIZON_MS);
  }
  return Math.max(SETTLE_MIN_MS, 4 * longest, horizon + 60_000);
}

/** How many times a producer, worker or workflow resends (their `retries`). */
function retriesOf(s: Sim, n: number): number {
  const k = s.t.kind[n];
  if (k === K.producer) return cfg(s.t, n, 'producer', 'retries');
  return k === K.worker ? cfg(s.t, n, 'worker', 'retries') : cfg(s.t, n, 'workflow', 'retries');
}

/** The end of the plan's last bounded partition, outage or downtime: settling starts no earlier. */
function computeSettleFloor(s: Sim): number {
  const f = s.f;
  let end = 0;
  for (let i = 0; i < f.count; i++) {
    const k = f.kind[i];
    if (
      (k === FK.partition || k === FK.outage || k === FK.crash || k === FK.deploy) &&
      Number.isFinite(f.to[i]!)
    )
      end = Math.max(end, f.to[i]!);
  }
  return end;
}
