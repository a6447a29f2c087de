import { backoffMs, O, RETRY_CAP_MS, type EventType, type Outcome } from './constants';
import { deliver } from './deliver';
import type { Sim } from './sim';

/*
 * Resend with backoff, shared by everything that sends from a call record and tries again until it
 * is answered: a producer's sends, a durable outbox (aggregator, database, webhook endpoint,
 * workflow), a provider's webhook deliveries, a worker's calls and a workflow's steps.
 */

/**
 * Sends record `rec`'s message over its edge and returns the outcome; while the record's node is
 * down nothing is sent: `wake` fires for the record when the node is due back (answered pending).
 */
export function sendOrWait(s: Sim, rec: number, wake: EventType): Outcome {
  const node = s.r.node[rec]!;
  if (s.isDown(node)) {
    s.schedule(s.upAt(node), wake, rec, 0, s.r.ref(rec));
    return O.pending;
  }
  return deliver(s, s.r.msg[rec]!, s.r.edge[rec]!, s.r.ref(rec), 0);
}

/**
 * Counts one more failed attempt of record `rec` and schedules `wake` for it after the backoff
 * (1 s, 2 s, 4 s … capped at `capMs`); returns that wait in ms. Returns -1 instead — give up — once
 * `retries` resends are used, or when the resend would come later than `horizonMs` after the
 * record's first attempt (`s.r.time[rec]`).
 */
export function resendLater(
  s: Sim,
  rec: number,
  wake: EventType,
  retries = Infinity,
  capMs = RETRY_CAP_MS,
  horizonMs = Infinity,
): number {
  const attempt = ++s.r.attempt[rec]!;
  const wait = backoffMs(attempt, capMs);
  if (attempt > retries || s.now + wait - s.r.time[rec]! > horizonMs) return -1;
  s.schedule(s.now + wait, wake, rec, 0, s.r.ref(rec));
  return wait;
}
