import { bool, num, oneOf } from './configFields';
import type { KindDefinition } from './catalog';

/**
 * Catalog entries for the Temporal primitives: the workflow's code, history, timer and versioning
 * settings, graceful shutdown on workers and APIs, database replication and the Nexus endpoint.
 * Kept apart from catalog.ts so that the main catalog stays a plain list.
 */

const DAY_MS = 86_400_000;

/** Extra settings of the `workflow` kind (defaults are the naive choice). */
export const TEMPORAL_WORKFLOW_FIELDS = [
  oneOf(
    'code',
    'Workflow code',
    ['deterministic', 'reads-wall-clock', 'calls-services-directly'],
    'What the workflow code does. It is replayed from its event history whenever its worker restarts: code that reads the wall clock takes another branch on replay and gets stuck; a call made from workflow code instead of an activity is not in the history and happens again.',
  ),
  oneOf(
    'continueAsNew',
    'Continue as new',
    ['never', 'when-suggested'],
    'A run keeps one event history. The server suggests continuing as new at 4,096 events; a run that never does is warned at 10,240 and terminated at 51,200 events.',
  ),
  num(
    'cycleMs',
    'Cycle (ms)',
    0,
    'Long-running: every cycle a durable timer fires and the workflow runs its steps for what it collected (a billing cycle). 0 = one run per request.',
    { max: 3650 * DAY_MS, unit: 'ms' },
  ),
  oneOf(
    'versioning',
    'Versioning',
    ['none', 'patched'],
    'How a breaking deploy treats runs already in flight: none = they replay on the new code and fail; patched = version markers keep them on the old branch.',
  ),
] as const;

/** `gracefulShutdown` on workers and APIs. */
export const GRACEFUL_SHUTDOWN_FIELD = bool(
  'gracefulShutdown',
  'Graceful shutdown',
  false,
  'On a deploy, stop taking new work and finish what is in flight before restarting; without it a deploy is a crash.',
);

/** `replication` on databases. */
export const REPLICATION_FIELD = oneOf(
  'replication',
  'Replication',
  ['none', 'async-replica', 'sync-quorum'],
  'Across regions: async-replica fails over during a partition and loses the writes the old primary acknowledged; sync-quorum refuses writes on the side without a quorum (unavailable, nothing lost).',
);

/** The `nexus-endpoint` kind: a caller workflow's operation served in another namespace. */
export const NEXUS_ENDPOINT_DEFINITION = {
  kind: 'nexus-endpoint',
  displayName: 'Nexus endpoint',
  category: 'orchestration',
  description:
    'Temporal Nexus: a caller workflow starts an operation served by a handler in another namespace.',
  icon: 'M4 12h5M15 12h5M9 7h6v10H9zM12 4v3M12 17v3',
  fields: [
    oneOf(
      'handler',
      'Handler',
      ['sync', 'workflow-run'],
      'sync = the handler does the work inside the start request, which must answer within 10 s; workflow-run = it starts a handler workflow (id from the request id) and completes the caller by callback.',
    ),
    num('workMs', 'Work (ms)', 1_000, 'How long the operation’s work takes.', {
      min: 1,
      max: 60 * DAY_MS,
      unit: 'ms',
    }),
  ],
} as const satisfies KindDefinition;
