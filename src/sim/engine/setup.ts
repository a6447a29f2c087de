import { K, SETTLE_MIN_MS } from './constants';
import { FK } from './faults';
import { scheduleFaults } from './health';
import type { Sim } from './sim';
import { cfgNum } from './topology';
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
  s.producersLeft = producers.filter((p) => (s.state[p] as { share: number }).share > 0).length;
  s.settleMs = computeSettleMs(s);
  if (s.producersLeft === 0) s.settleAt = s.settleMs;
  scheduleFaults(s);
}

/**
 * How long a run may go on after its last item: long enough for every timer a design or a fault
 * plan sets (visibility timeouts, late deliveries, downtimes, webhook retries) to play out a few times.
 */
function computeSettleMs(s: Sim): number {
  let longest = 0;
  for (let n = 0; n < s.nodes; n++)
    if (s.t.kind[n] === K.queue) longest = Math.max(longest, cfgNum(s.t, n, 'visibilityTimeoutMs', 30_000));
  const f = s.f;
  for (let i = 0; i < f.count; i++) {
    if (f.kind[i] === FK.late || f.kind[i] === FK.reorder || f.kind[i] === FK.crash)
      longest = Math.max(longest, f.amount[i]!);
  }
  return Math.max(SETTLE_MIN_MS, 4 * longest);
}
