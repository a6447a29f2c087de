import { R } from './constants';
import { onJoinAnswer, onOutboxAnswer } from './fanout';
import type { Sim } from './sim';
import { onSendAnswer } from '../behaviours/producer';
import { onQueueAnswer } from '../behaviours/queue';
import { onWorkerAnswer } from '../behaviours/worker';
import { onWorkflowAnswer } from '../behaviours/saga';
import { onHookAnswer } from '../behaviours/payments';
import { onApiAnswer } from '../behaviours/api';

/**
 * Delivers a late answer to whoever waits for it. A reference to a record freed in the meantime
 * (its owner crashed and lost it) is ignored, as a real caller's lost memory would ignore it.
 */
export function reportTo(s: Sim, ref: number, o: number): void {
  if (ref < 0) return;
  const rec = s.r.deref(ref);
  if (rec < 0) return;
  switch (s.r.type[rec]) {
    case R.send: return onSendAnswer(s, rec, o);
    case R.queueDelivery: return onQueueAnswer(s, rec, o);
    case R.worker: return onWorkerAnswer(s, rec, o);
    case R.join: return onJoinAnswer(s, rec, o);
    case R.workflow: return onWorkflowAnswer(s, rec, o);
    case R.hook: return onHookAnswer(s, rec, o);
    case R.outbox: return onOutboxAnswer(s, rec, o);
    case R.api: return onApiAnswer(s, rec, o);
  }
}
