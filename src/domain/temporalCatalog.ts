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

/** The `workflow` kind: a durable orchestrator whose activity steps run in edge order. */
export const WORKFLOW_DEFINITION = {
  kind: 'workflow',
  displayName: 'Workflow',
  category: 'orchestration',
  description: 'A durable orchestrator (Temporal): runs its activity steps in edge order; survives crashes.',
  icon: 'M5 5h4v4H5zM15 5h4v4h-4zM10 15h4v4h-4zM9 7h6M7 9l5 6M17 9l-5 6',
  fields: [
    bool(
      'compensate',
      'Compensate on failure',
      false,
      'Undo completed steps in reverse when a step fails for good.',
    ),
    num('retries', 'Retries per step', 3, 'Retries of a failing step before it fails for good.', {
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
    num(
      'failureRate',
      'Failure rate',
      0,
      'Chance that one attempt of this step fails for a passing reason (a retry may succeed).',
      {
        min: 0,
        max: 1,
        integer: false,
        unit: 'ratio',
      },
    ),
    num(
      'permanentFailureRate',
      'Permanent failure rate',
      0,
      'Share of requests this step refuses for good (card declined, quota denied): retrying does not help.',
      { min: 0, max: 1, integer: false, unit: 'ratio' },
    ),
    bool('hasCompensation', 'Has compensation', false, 'This step can be undone (refund, deprovision…).'),
    bool(
      'atomicWithWrite',
      'Key recorded with the effect',
      false,
      'The service this step calls stores its idempotency key (workflow id + activity id) in the same transaction as the effect, so a retry after a crash right after the effect is answered "done" instead of repeating it. Off: the key is recorded afterwards and that crash loses it.',
    ),
  ],
} as const satisfies KindDefinition;
