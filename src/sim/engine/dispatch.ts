import { K, M, O, type Outcome } from './constants';
import { deliver } from './deliver';
import { fanOut } from './fanout';
import type { Sim } from './sim';
import { traceStep } from './trace';
import { queueReceive } from '../behaviours/queue';
import { workerReceive } from '../behaviours/worker';
import { databaseReceive, dedupReceive, idempotencyReceive } from '../behaviours/filters';
import { aggregatorReceive } from '../behaviours/aggregator';
import {
  cacheReceive,
  correctionLogReceive,
  deadLetterReceive,
  ledgerReceive,
  notificationReceive,
  objectStoreReceive,
} from '../behaviours/sinks';
import { endpointReceive, providerReceive } from '../behaviours/payments';
import { activityReceive, workflowReceive } from '../behaviours/saga';
import { apiReceive } from '../behaviours/api';
import { reconcilerReceive } from '../behaviours/periodic';
import { nexusReceive } from '../behaviours/nexus';

/** Kinds that store a malformed message as it is instead of failing to parse it. */
const ACCEPTS_POISON = new Set<number>([K.queue, K.dlq, K.objectStore, K.webhook]);

/** Runs the target's behaviour for one arriving message; returns the outcome its caller sees. */
export function dispatch(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const kind = s.t.kind[node]!;
  if (s.m.type[msg] === M.poison && !ACCEPTS_POISON.has(kind)) return rejectPoison(s, node, msg, depth);
  switch (kind) {
    case K.queue:
      return queueReceive(s, node, msg, depth);
    case K.worker:
      return workerReceive(s, node, msg, owner, depth);
    case K.dedup:
      return dedupReceive(s, node, msg, owner, depth);
    case K.aggregator:
      return aggregatorReceive(s, node, msg, owner, depth);
    case K.database:
      return databaseReceive(s, node, msg, depth);
    case K.idem:
      return idempotencyReceive(s, node, msg, owner, depth);
    case K.ledger:
      return ledgerReceive(s, node, msg);
    case K.provider:
      return providerReceive(s, node, msg);
    case K.webhook:
      return endpointReceive(s, node, msg, owner, depth);
    case K.workflow:
      return workflowReceive(s, node, msg, owner, depth);
    case K.activity:
      return activityReceive(s, node, msg, owner, depth);
    case K.dlq:
      return deadLetterReceive(s, node, msg);
    case K.correction:
      return correctionLogReceive(s, node, msg);
    case K.notification:
      return notificationReceive(s, node, msg);
    case K.objectStore:
      return objectStoreReceive(s, node, msg);
    case K.cache:
      return cacheReceive(s, node, msg, owner, depth);
    case K.api:
      return apiReceive(s, node, msg, owner, depth);
    case K.reconciler:
      return reconcilerReceive(s, node, msg);
    case K.nexus:
      return nexusReceive(s, node, msg, owner, depth);
    // Producers and schedulers originate messages; anything sent to them (or to an unknown kind) passes on.
    default:
      return fanOut(s, node, msg, owner, depth);
  }
}

/**
 * A consumer cannot parse a malformed message: with a dead-letter queue wired it parks it there
 * and acks; without one it answers an error (and a queue will redeliver it, again and again).
 */
export function rejectPoison(s: Sim, node: number, msg: number, depth: number): Outcome {
  const dlq = s.t.dlq[node]!;
  if (dlq.length > 0) {
    if (s.tracing) traceStep(s, msg, node, -1, 'malformed: sent to the dead-letter queue', []);
    s.st.deadLettered[node]!++;
    for (let i = 0; i < dlq.length; i++) deliver(s, i === 0 ? msg : s.m.copy(msg), dlq[i]!, -1, depth + 1);
    return O.ok;
  }
  if (s.tracing) traceStep(s, msg, node, -1, 'malformed: cannot be processed (error)', []);
  s.st.errors[node]!++;
  s.countErr();
  return O.err;
}
