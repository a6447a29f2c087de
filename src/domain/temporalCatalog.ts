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
  oneOf('code', 'Workflow code', ['deterministic', 'reads-wall-clock', 'calls-services-directly']),
  oneOf('continueAsNew', 'Continue as new', ['never', 'when-suggested']),
  num('cycleMs', 'Cycle (ms)', 0, { max: 3650 * DAY_MS, unit: 'ms' }),
  oneOf('versioning', 'Versioning', ['none', 'patched']),
] as const;

/** `gracefulShutdown` on workers and APIs. */
export const GRACEFUL_SHUTDOWN_FIELD = bool('gracefulShutdown', 'Graceful shutdown', false);

/** `replication` on databases. */
export const REPLICATION_FIELD = oneOf('replication', 'Replication', [
  'none',
  'async-replica',
  'sync-quorum',
]);

/** The `nexus-endpoint` kind: a caller workflow's operation served in another namespace. */
export const NEXUS_ENDPOINT_DEFINITION = {
  kind: 'nexus-endpoint',
  displayName: 'Nexus endpoint',
  category: 'orchestration',
  description:
    'Temporal Nexus: a caller workflow starts an operation served by a handler in another namespace.',
  icon: 'M4 12h5M15 12h5M9 7h6v10H9zM12 4v3M12 17v3',
  fields: [
    oneOf('handler', 'Handler', ['sync', 'workflow-run']),
    num('workMs', 'Work (ms)', 1_000, {
      min: 1,
      max: 60 * DAY_MS,
      unit: 'ms',
    }),
  ],
} as const satisfies KindDefinition;

/** The `workflow` kind: a durable orchestrator whose activity steps run in edge order. */
export const WORKFLOW_DEFINITION = {
  kind: 'workflow',
  displayName: 'Workflow',
  category: 'orchestration',
  description: 'A durable orchestrator (Temporal): runs its activity steps in edge order; survives crashes.',
  icon: 'M5 5h4v4H5zM15 5h4v4h-4zM10 15h4v4h-4zM9 7h6M7 9l5 6M17 9l-5 6',
  fields: [
    bool('compensate', 'Compensate on failure', false),
    num('retries', 'Retries per step', 3, {
      max: 50,
    }),
    ...TEMPORAL_WORKFLOW_FIELDS,
  ],
} as const satisfies KindDefinition;

/** The `activity` kind: one side-effecting step of a workflow. */
export const ACTIVITY_DEFINITION = {
  kind: 'activity',
  displayName: 'Activity',
  category: 'orchestration',
  description: 'One side-effecting step of a workflow (charge card, provision, send email…).',
  icon: 'M6 6h12v12H6zM10 9l4 3-4 3z',
  fields: [
    num('failureRate', 'Failure rate', 0, {
      min: 0,
      max: 1,
      integer: false,
      unit: 'ratio',
    }),
    num('permanentFailureRate', 'Permanent failure rate', 0, {
      min: 0,
      max: 1,
      integer: false,
      unit: 'ratio',
    }),
    bool('hasCompensation', 'Has compensation', false),
    bool('atomicWithWrite', 'Key recorded with the effect', false),
  ],
} as const satisfies KindDefinition;
