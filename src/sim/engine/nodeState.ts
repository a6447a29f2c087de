import type { AggregatorState } from '../behaviours/aggregator';
import type { ApiState } from '../behaviours/api';
import type { DatabaseState, DedupState, IdempotencyState } from '../behaviours/filters';
import type { NexusState } from '../behaviours/nexus';
import type { EndpointState, ProviderState } from '../behaviours/payments';
import type { ReconcilerState, SchedulerState } from '../behaviours/periodic';
import type { ProducerState } from '../behaviours/producer';
import type { QueueState } from '../behaviours/queue';
import type { ActivityState, WorkflowState } from '../behaviours/saga';
import type { CacheState, LedgerState, NotificationState } from '../behaviours/sinks';
import type { WorkerState } from '../behaviours/worker';
import type { K } from './constants';
import type { Sim } from './sim';

/**
 * What each kind keeps per node, keyed by the engine's kind names (`K`). A kind that keeps nothing
 * (correction log, DLQ, object store) has no entry; a workflow's Temporal runs live in
 * behaviours/temporal/runs.ts.
 */
export interface NodeStateByKind {
  producer: ProducerState;
  api: ApiState;
  queue: QueueState;
  worker: WorkerState;
  dedup: DedupState;
  aggregator: AggregatorState;
  database: DatabaseState;
  idem: IdempotencyState;
  ledger: LedgerState;
  provider: ProviderState;
  webhook: EndpointState;
  workflow: WorkflowState;
  activity: ActivityState;
  reconciler: ReconcilerState;
  notification: NotificationState;
  cache: CacheState;
  scheduler: SchedulerState;
  nexus: NexusState;
}

export type StatefulKind = keyof NodeStateByKind & keyof typeof K;

/**
 * The per-node state table: one array per kind, indexed by node. `s.states.dedup[node]` is a
 * `DedupState` or undefined — never another kind's state seen through a cast — so reading a node
 * as the wrong kind finds nothing instead of misreading.
 */
export type NodeStates = { readonly [P in StatefulKind]: (NodeStateByKind[P] | undefined)[] };

const STATEFUL: readonly StatefulKind[] = [
  'producer',
  'api',
  'queue',
  'worker',
  'dedup',
  'aggregator',
  'database',
  'idem',
  'ledger',
  'provider',
  'webhook',
  'workflow',
  'activity',
  'reconciler',
  'notification',
  'cache',
  'scheduler',
  'nexus',
];

export function createNodeStates(nodes: number): NodeStates {
  const table: Partial<Record<StatefulKind, unknown[]>> = {};
  for (const kind of STATEFUL) table[kind] = new Array<undefined>(nodes).fill(undefined);
  return table as NodeStates;
}

/** The state of `node` as a `kind` node, made by `init` on first use (kinds that start lazily). */
export function nodeState<P extends StatefulKind>(
  s: Sim,
  node: number,
  kind: P,
  init: (s: Sim, node: number) => NodeStateByKind[P],
): NodeStateByKind[P] {
  const table = s.states[kind];
  let st = table[node];
  if (st === undefined) table[node] = st = init(s, node);
  return st;
}
