import type { BoardNode } from '../../domain/document';
import { getKindDefinition } from '../../domain/catalog';
import type { InvariantId } from '../../domain/invariants';
import type { FaultKind } from '../../domain/faultKinds';

/**
 * The attack's threat model, as data: where each invariant is judged, how much each fault kind
 * threatens it, how exposed each component kind is to each fault, and which settings make a node
 * weak against which faults. The candidate search (candidates.ts) scores faults with these tables.
 */

/** Where each invariant is judged: the kinds whose state the checker reads. */
export const SINK_KINDS: Record<InvariantId, readonly string[]> = {
  'usage-billed-exactly-once': ['ledger', 'correction-log', 'aggregator'],
  'no-event-lost': ['ledger', 'correction-log', 'dead-letter-queue', 'aggregator'],
  'no-double-charge': ['payment-provider'],
  'every-invoice-charged': ['payment-provider'],
  'ledger-balanced': ['ledger', 'payment-provider'],
  'saga-atomic': ['activity'],
  'webhook-applied-once': ['webhook-endpoint'],
  'no-duplicate-notification': ['notification'],
  'pipeline-live': ['queue'],
  'every-request-completed': ['activity'],
  'totals-on-time': ['ledger', 'aggregator'],
  'discrepancy-detected': ['reconciler'],
  'workflow-completes': ['workflow'],
};

/** How much each fault kind threatens each invariant (0 = never breaks it, 3 = its classic enemy). */
export const THREAT: Record<InvariantId, Partial<Record<Threat, number>>> = {
  'usage-billed-exactly-once': {
    duplicate: 3,
    timeout: 3,
    'crash-after': 3,
    crash: 2,
    late: 2,
    reorder: 1,
    poison: 1,
    'clock-skew': 1,
    outage: 1,
    partition: 1,
  },
  'no-event-lost': {
    crash: 3,
    late: 3,
    'crash-after': 2,
    outage: 2,
    partition: 2,
    poison: 2,
    'clock-skew': 2,
    timeout: 1,
    reorder: 1,
    duplicate: 1,
  },
  'no-double-charge': { timeout: 3, duplicate: 3, 'crash-after': 3, crash: 1, outage: 1 },
  'every-invoice-charged': { crash: 3, outage: 2, partition: 2, 'crash-after': 2, timeout: 1, poison: 1 },
  'ledger-balanced': { timeout: 3, duplicate: 3, 'crash-after': 2, crash: 1, reorder: 1 },
  'saga-atomic': { outage: 3, crash: 3, 'crash-after': 2, timeout: 2, duplicate: 1 },
  'webhook-applied-once': { duplicate: 3, reorder: 3, poison: 3, crash: 3, 'crash-after': 2, timeout: 1 },
  'no-duplicate-notification': { duplicate: 3, 'crash-after': 3, timeout: 2, crash: 2 },
  'pipeline-live': { poison: 3, outage: 2, crash: 1, partition: 1 },
  'every-request-completed': { outage: 3, crash: 3, timeout: 2, 'crash-after': 2, partition: 2 },
  'totals-on-time': { crash: 3, outage: 3, partition: 3, late: 2, 'clock-skew': 2, timeout: 1 },
  'discrepancy-detected': { duplicate: 3, timeout: 3, crash: 2, 'crash-after': 2, late: 2, poison: 1 },
  'workflow-completes': { crash: 3, 'crash-after': 2, outage: 2, partition: 1, timeout: 1 },
};

/** How exposed a target kind is to a fault kind (for edges: the kind of the node the edge goes into). */
export const EXPOSURE: Partial<Record<Threat, Record<string, number>>> = {
  'crash-after': {
    dedup: 3,
    'idempotency-store': 3,
    database: 3,
    worker: 2,
    'webhook-endpoint': 2,
    workflow: 1,
    activity: 1,
  },
  crash: { worker: 3, 'webhook-endpoint': 3, activity: 3, dedup: 2, api: 2, workflow: 1, aggregator: 1 },
  timeout: {
    'payment-provider': 3,
    database: 2,
    'idempotency-store': 2,
    dedup: 2,
    aggregator: 2,
    activity: 2,
    worker: 1,
    ledger: 1,
  },
  duplicate: {
    aggregator: 3,
    'payment-provider': 3,
    'webhook-endpoint': 3,
    worker: 2,
    ledger: 2,
    queue: 1,
    activity: 1,
    notification: 2,
  },
  late: { aggregator: 3, queue: 1, worker: 1, dedup: 1 },
  reorder: { 'webhook-endpoint': 3, aggregator: 2, queue: 1 },
  poison: { queue: 3, worker: 2, 'webhook-endpoint': 3, aggregator: 1 },
  outage: { activity: 3, 'payment-provider': 2, queue: 1, worker: 1, database: 1 },
  partition: { queue: 2, worker: 1, 'payment-provider': 1 },
  'clock-skew': { producer: 3 },
};

export type Threat = FaultKind | 'crash-after';

/**
 * Weak settings an interviewer looks for: a node configured this way is exposed to these faults
 * (on the node itself, or on the edges into it; `out` = on the edges out of it).
 */
const WEAK: { kind: string; key: string; value: string | boolean; faults: Threat[]; out?: boolean }[] = [
  { kind: 'webhook-endpoint', key: 'storeEventIds', value: false, faults: ['duplicate'] },
  { kind: 'webhook-endpoint', key: 'orderPolicy', value: 'naive', faults: ['reorder'] },
  { kind: 'webhook-endpoint', key: 'verifySignature', value: false, faults: ['poison'] },
  { kind: 'webhook-endpoint', key: 'ack', value: 'before-processing', faults: ['crash'] },
  { kind: 'worker', key: 'ack', value: 'before-processing', faults: ['crash'] },
  { kind: 'worker', key: 'idempotencyKey', value: 'none', faults: ['timeout', 'duplicate'], out: true },
  {
    kind: 'worker',
    key: 'idempotencyKey',
    value: 'random-per-attempt',
    faults: ['timeout', 'duplicate'],
    out: true,
  },
  { kind: 'dedup', key: 'durable', value: false, faults: ['crash-after', 'crash'] },
  { kind: 'database', key: 'transactional', value: false, faults: ['crash-after'] },
  { kind: 'database', key: 'replication', value: 'async-replica', faults: ['partition'] },
  { kind: 'idempotency-store', key: 'atomicWithWrite', value: false, faults: ['crash-after'] },
  { kind: 'aggregator', key: 'latePolicy', value: 'drop', faults: ['late', 'reorder'] },
  { kind: 'activity', key: 'hasCompensation', value: false, faults: ['crash', 'outage'] },
  { kind: 'workflow', key: 'compensate', value: false, faults: ['crash', 'outage'], out: true },
  // Workflow code is replayed when its worker restarts: a direct call repeats, a clock read diverges.
  { kind: 'workflow', key: 'code', value: 'calls-services-directly', faults: ['crash'] },
  { kind: 'workflow', key: 'code', value: 'reads-wall-clock', faults: ['crash'] },
  { kind: 'activity', key: 'atomicWithWrite', value: false, faults: ['crash-after'] },
];
export const WEAK_BONUS = 25;

export function configValue(n: BoardNode, key: string): unknown {
  const v = n.config[key];
  if (v !== undefined) return v;
  return getKindDefinition(n.kind)?.fields.find((f) => f.key === key)?.default;
}

/** The bonus a weak setting gives fault `k` on node `n` (`out`: aimed at an edge out of `n`). */
export function weakness(n: BoardNode | undefined, k: Threat, out: boolean): number {
  if (!n) return 0;
  for (const w of WEAK)
    if (
      w.kind === n.kind &&
      (w.out ?? false) === out &&
      w.faults.includes(k) &&
      configValue(n, w.key) === w.value
    )
      return WEAK_BONUS;
  return 0;
}
