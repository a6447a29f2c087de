/**
 * Codes and timing constants of the engine. Everything a behaviour needs to agree on lives here;
 * docs/simulation.md explains each timing constant to a candidate.
 *
 * Each code table is a union type of its own (`Outcome`, `MessageType`, `EventType`, …): a code is
 * its number branded with its table, so a message type where an outcome is expected does not
 * compile, although both are small integers at run time. A number read back from a typed array
 * (a record's stored outcome, an event's type from the heap) becomes a code with an explicit `as`.
 */

declare const codeOf: unique symbol;
/** A number that belongs to one code table (`B`): compile time only, nothing at run time. */
export type Code<T extends number, B extends string> = T & { readonly [codeOf]: B };

/** Brands every value of a code table with the table's name. */
function codes<B extends string>(): <const T extends Record<string, number>>(
  table: T,
) => { readonly [P in keyof T]: Code<T[P], B> } {
  return (table) => table as never;
}

/** Kind codes (indices into COMPONENT_KINDS order are not relied upon; these are the engine's own). */
export const K = codes<'kind'>()({
  producer: 0,
  api: 1,
  queue: 2,
  worker: 3,
  dedup: 4,
  aggregator: 5,
  database: 6,
  idem: 7,
  ledger: 8,
  provider: 9,
  webhook: 10,
  workflow: 11,
  activity: 12,
  reconciler: 13,
  dlq: 14,
  correction: 15,
  notification: 16,
  cache: 17,
  scheduler: 18,
  objectStore: 19,
  unknown: 20,
  nexus: 21,
});
/** An engine kind code (`K.*`). */
export type KindCode = (typeof K)[keyof typeof K];

export const KIND_CODE: Partial<Record<string, KindCode>> = {
  producer: K.producer,
  api: K.api,
  queue: K.queue,
  worker: K.worker,
  dedup: K.dedup,
  aggregator: K.aggregator,
  database: K.database,
  'idempotency-store': K.idem,
  ledger: K.ledger,
  'payment-provider': K.provider,
  'webhook-endpoint': K.webhook,
  workflow: K.workflow,
  activity: K.activity,
  reconciler: K.reconciler,
  'dead-letter-queue': K.dlq,
  'correction-log': K.correction,
  notification: K.notification,
  cache: K.cache,
  scheduler: K.scheduler,
  'object-store': K.objectStore,
  'nexus-endpoint': K.nexus,
};

/** Message types. */
export const M = codes<'message'>()({
  usage: 1,
  invoice: 2,
  request: 3,
  window: 4,
  webhook: 5,
  hookEffect: 6,
  correction: 7,
  tick: 8,
  poison: 9,
});
/** A message's type (`M.*`). */
export type MessageType = (typeof M)[keyof typeof M];

/** Message flags. */
export const F = codes<'flag'>()({ dup: 1, late: 2, redelivered: 4, compensate: 8, delayed: 16 });
/** One message flag (`F.*`); a message's flags word is their bitwise or (a plain number). */
export type Flag = (typeof F)[keyof typeof F];

/** Outcomes of a delivery, as the caller sees them. */
export const O = codes<'outcome'>()({ ok: 0, err: 1, noAnswer: 2, pending: 3 });
/** An outcome (`O.*`): what a delivery's caller sees. */
export type Outcome = (typeof O)[keyof typeof O];

/** Event types in the heap. */
export const E = codes<'event'>()({
  produce: 1,
  send: 2,
  deliver: 3,
  retry: 4,
  queueCheck: 5,
  crash: 6,
  restart: 7,
  workerDone: 8,
  stepDone: 9,
  hookApply: 10,
  timer: 11,
  apiTimeout: 12,
  report: 13,
  inject: 14,
  /** A delivery held back by a `late` fault: work, but it does not hold the end of input back. */
  lateDeliver: 15,
  /** A producer's send delayed by a `late` fault (the device was offline): same. */
  lateSend: 16,
  /** Temporal: a workflow run's durable timer (a = node, c = run). */
  wfTimer: 17,
  /** Temporal: a deploy restarts a node (a = fault, b = node). */
  deploy: 18,
  /** Temporal: a long-running run processes its next inbox message (a = node, c = run). */
  wfTask: 19,
  /** Nexus: a handler workflow finished (a = node, b = operation). */
  nexusDone: 20,
  /** A fault window opens or closes: the fault-schedule machine moves its clock. */
  faultWindow: 21,
  /**
   * Temporal: a cycle that took usage after the final flush is due at the run's timer (a = node,
   * c = run). Work, unlike `wfTimer`: the run is not over until that cycle is billed.
   */
  wfCycleDue: 22,
});
/** The type of an event in the heap (`E.*`). */
export type EventType = (typeof E)[keyof typeof E];

/** Event types that are not "work" (1 in this table): they do not keep a finished run alive. */
export const NON_WORK = new Uint8Array(32);
NON_WORK[E.crash] = 1;
NON_WORK[E.restart] = 1;
NON_WORK[E.timer] = 1;
NON_WORK[E.wfTimer] = 1;
NON_WORK[E.deploy] = 1;
NON_WORK[E.faultWindow] = 1;

/** Work that arrives late by definition (1 in this table): the end of input does not wait for it. */
export const LATE_WORK = new Uint8Array(32);
LATE_WORK[E.lateDeliver] = 1;
LATE_WORK[E.lateSend] = 1;

/** Call-record types (engine/store.ts). */
export const R = codes<'record'>()({
  send: 1,
  queueDelivery: 2,
  worker: 3,
  join: 4,
  workflow: 5,
  hook: 6,
  outbox: 7,
  api: 8,
  /** A dedup / idempotency store waiting for the forward its key guards (the key is "in progress"). */
  guard: 9,
});
/** A call record's type (`R.*`). */
export type RecordType = (typeof R)[keyof typeof R];

/**
 * A guard record's flag (in `state2`): its forward was applied but the answer was lost. An
 * idempotency store `atomicWithWrite` then records the key (it committed with the effect).
 */
export const GUARD_APPLIED = 4;

/** Trace actions hashed per processed event (and shown in explained paths). */
export const A = codes<'action'>()({
  deliver: 1,
  produce: 2,
  retry: 3,
  redeliver: 4,
  drop: 5,
  count: 6,
  late: 7,
  bill: 8,
  charge: 9,
  apply: 10,
  crash: 11,
  restart: 12,
  timer: 13,
  deadLetter: 14,
  giveUp: 15,
  step: 16,
  compensate: 17,
  timeout: 18,
  /** A produced item's workload: event time, tenant, quantity / amount. */
  workload: 19,
});
/** A traced action (`A.*`). */
export type TraceAction = (typeof A)[keyof typeof A];

/** A deploy takes a node down this long (a rolling restart onto the new code). */
export const DEPLOY_RESTART_MS = 2_000;

/** Resend backoff: 1 s, 2 s, 4 s … capped at 60 s (producers, workers, outboxes, provider webhooks). */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 60_000;
/**
 * An outbox relay retries an unacknowledged entry with the same backoff but never waits longer than
 * this between attempts: a relay polls its table, it does not go quiet for a minute after a sink
 * restarts (a window total held back by a 30 s ledger crash is posted seconds after the restart).
 */
export const OUTBOX_RETRY_CAP_MS = 5_000;
/** A queue consumer's acks become durable (its offset is committed) this long after it acks. */
export const ACK_COMMIT_MS = 1_000;
/** A worker's processing time: a crash within it loses the message from the worker's memory. */
export const WORKER_PROCESS_MS = 5;
/** An activity's execution time; its answer reaches the caller after this. */
export const ACTIVITY_MS = 100;
/** A webhook endpoint that acks before processing applies the event this much later. */
export const WEBHOOK_PROCESS_MS = 50;
/** A `duplicate` fault redelivers the copy 1 … this many ms after the original. */
export const DUPLICATE_DELAY_MAX_MS = 2_000;
/**
 * A queue moves a message to its wired dead-letter queue after this many failed deliveries unless its
 * `maxReceives` says otherwise (the catalog's default for that field; a test keeps them equal).
 */
export const MAX_RECEIVES = 5;
/**
 * The provider retries an un-acked webhook for this long (Stripe: up to three days), with
 * exponential backoff from 1 s doubling up to WEBHOOK_RETRY_CAP_MS between attempts.
 */
export const WEBHOOK_RETRY_HORIZON_MS = 3 * 86_400_000;
export const WEBHOOK_RETRY_CAP_MS = 3_600_000;
/** A message copy forwarded more than this many times is in a loop: the run stops. */
export const MAX_HOPS = 128;
/** After the last item is emitted, the run settles for at least this long before it is cut. */
export const SETTLE_MIN_MS = 600_000;
/** Periodic reconciliation passes per run are capped (each pass is linear in the workload). */
export const MAX_RECONCILE_PASSES = 50;
/** Records are referenced as `rec + gen * REF_SPAN` so that a stale reference is recognised. */
export const REF_SPAN = 16_777_216;
/** The top record slots stand for guard frames (engine/guardFrames.ts) and are never allocated. */
export const FRAME_SLOTS = 256;
export const FRAME_BASE = REF_SPAN - FRAME_SLOTS;

/** Backoff before retry number `attempt` (1-based). */
export function backoffMs(attempt: number, cap = RETRY_CAP_MS): number {
  return Math.min(cap, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** How long `retries` resends with backoff span (from the first failure to the last resend). */
export function retryHorizonMs(retries: number): number {
  let t = 0;
  for (let a = 1; a <= retries; a++) t += backoffMs(a);
  return t;
}
