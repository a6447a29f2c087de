import type { ConfigKey } from './catalog';
import type { EdgeKind } from './edgeKinds';
import type { ComponentKind } from './kinds';

/**
 * The inspector's help text under each config field, per kind. Kept apart from the catalog, whose
 * fields the first paint needs (palette, defaults, validation), because only the inspector shows these
 * explanations: it is the one importer, so they load with its chunk. Every key of every kind needs its
 * text, and a key the kind does not have does not compile.
 */
type FieldHelp = { readonly [K in ComponentKind]: { readonly [Key in ConfigKey<K>]: string } };

const GRACEFUL_SHUTDOWN =
  'On a deploy, stop taking new work and finish what is in flight before restarting; without it a deploy is a crash.';

export const FIELD_HELP: FieldHelp = {
  producer: {
    workload: 'What this producer emits.',
    tenants: 'How many customers the workload is spread over.',
    ratePerSec: 'Items emitted per second of virtual time.',
    retries: 'Resends of an item that was not acknowledged.',
    clockSkewMs: "How far this producer's clock is off; shifts event times.",
  },
  api: {
    timeoutMs: 'How long a call may take before the caller sees a timeout.',
    gracefulShutdown: GRACEFUL_SHUTDOWN,
  },
  queue: {
    orderedByKey: 'Messages with the same key (tenant or invoice) are delivered in order.',
    visibilityTimeoutMs: 'An unacked message is redelivered after this long.',
    maxReceives:
      'With a dead-letter queue wired, a message that failed this many deliveries goes there (SQS maxReceiveCount).',
    delivery:
      'broadcast: every consumer gets every message (one consumer group each); competing-consumers: the consumers share one group and each message goes to one of them.',
  },
  worker: {
    ack: 'When the worker acks its queue message.',
    idempotencyKey: 'The key it sends with calls to the next node.',
    retries: 'Retries of a call that failed or timed out.',
    gracefulShutdown: GRACEFUL_SHUTDOWN,
  },
  dedup: {
    key: 'What identifies a repeat.',
    ttlMs: 'How long a seen key is kept.',
    durable: 'Seen keys survive a crash; in-memory dedup forgets them.',
  },
  aggregator: {
    windowMs: 'Length of one roll-up window, in virtual ms.',
    graceMs: 'How late an event may be and still count in its own window period.',
    latePolicy: 'What happens to an event that arrives after its window has closed.',
  },
  database: {
    transactional: 'Result and processed id are written atomically.',
    uniqueKey: 'A second insert with the same key is refused.',
    replication:
      'Across regions: async-replica fails over during a partition and loses the writes the old primary acknowledged; sync-quorum refuses writes on the side without a quorum (unavailable, nothing lost).',
  },
  'idempotency-store': {
    atomicWithWrite: 'The key is recorded in the same transaction as the side effect.',
    ttlMs: 'How long a key is kept.',
  },
  ledger: {},
  'payment-provider': {
    keyTtlMs: 'How long the provider remembers an idempotency key.',
  },
  'webhook-endpoint': {
    verifySignature: 'Forged or tampered events are rejected.',
    ack: 'When the endpoint answers 200.',
    storeEventIds: 'Event ids already applied are skipped.',
    orderPolicy: 'How out-of-order events are applied.',
  },
  workflow: {
    compensate: 'Undo completed steps in reverse when a step fails for good.',
    retries: 'Retries of a failing step before it fails for good.',
    code: 'What the workflow code does. It is replayed from its event history whenever its worker restarts: code that reads the wall clock takes another branch on replay and gets stuck; a call made from workflow code instead of an activity is not in the history and happens again.',
    continueAsNew:
      'A run keeps one event history. The server suggests continuing as new at 4,096 events; a run that never does is warned at 10,240 and terminated at 51,200 events.',
    cycleMs:
      'Long-running: every cycle a durable timer fires and the workflow runs its steps for what it collected (a billing cycle). 0 = one run per request.',
    versioning:
      'How a breaking deploy treats runs already in flight: none = they replay on the new code and fail; patched = version markers keep them on the old branch.',
  },
  activity: {
    failureRate: 'Chance that one attempt of this step fails for a passing reason (a retry may succeed).',
    permanentFailureRate:
      'Share of requests this step refuses for good (card declined, quota denied): retrying does not help.',
    hasCompensation: 'This step can be undone (refund, deprovision…).',
    atomicWithWrite:
      'The service this step calls stores its idempotency key (workflow id + activity id) in the same transaction as the effect, so a retry after a crash right after the effect is answered "done" instead of repeating it. Off: the key is recorded afterwards and that crash loses it.',
  },
  reconciler: {
    periodMs: 'How often it compares.',
  },
  'dead-letter-queue': {},
  'correction-log': {},
  notification: {},
  cache: {
    ttlMs: 'How stale a cached value may be.',
  },
  scheduler: {
    periodMs: 'Length of one cycle.',
  },
  'object-store': {},
  'nexus-endpoint': {
    handler:
      'sync = the handler does the work inside the start request, which must answer within 10 s; workflow-run = it starts a handler workflow (id from the request id) and completes the caller by callback.',
    workMs: 'How long the operation’s work takes.',
  },
};

/** The help text of `kind`'s field `key`; empty for a kind or key the catalog does not have. */
export function fieldHelp(kind: string, key: string): string {
  if (!Object.hasOwn(FIELD_HELP, kind)) return '';
  const texts: Readonly<Record<string, string>> = FIELD_HELP[kind as ComponentKind];
  return Object.hasOwn(texts, key) ? (texts[key] ?? '') : '';
}

/** The inspector's help text for each kind of connection (domain/edgeKinds.ts). */
export const EDGE_KIND_HELP: Record<EdgeKind, string> = {
  call: 'A plain call: the target processes the message and answers.',
  signal:
    'Asynchronous: recorded in the target workflow’s history and delivered in order; the sender learns delivery, not processing. Accepted while the workflow’s worker is down.',
  update:
    'Synchronous and validated: the caller waits until the workflow accepts (and applies) or rejects it. Needs the workflow’s worker.',
  query: 'Synchronous and read-only: never recorded, changes nothing; unanswered while the worker is down.',
};
