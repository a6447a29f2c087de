import { type Outcome, R } from './constants';
import { onJoinAnswer, onOutboxAnswer } from './fanout';
import type { Sim } from './sim';
import { onSendAnswer } from '../behaviours/producer';
import { onQueueAnswer } from '../behaviours/queue';
import { onWorkerAnswer } from '../behaviours/worker';
import { onWorkflowAnswer } from '../behaviours/saga';
import { onHookAnswer } from '../behaviours/payments';
import { onApiAnswer } from '../behaviours/api';
import { onGuardAnswer } from '../behaviours/filters';

/**
 * Delivers a late answer to whoever waits for it. A reference to a record freed in the meantime
 * (its owner crashed and lost it) is ignored, as a real caller's lost memory would ignore it.
 */
export function reportTo(s: Sim, ref: number, o: Outcome): void {
  if (ref < 0) return;
  const rec = s.r.deref(ref);
  if (rec < 0) return;
  switch (s.r.type[rec]) {
    case R.send: {
      onSendAnswer(s, rec, o);
      return;
    }
    case R.queueDelivery: {
      onQueueAnswer(s, rec, o);
      return;
    }
    case R.worker: {
      onWorkerAnswer(s, rec, o);
      return;
    }
    case R.join: {
      onJoinAnswer(s, rec, o);
      return;
    }
    case R.workflow: {
      onWorkflowAnswer(s, rec, o);
      return;
    }
    case R.hook: {
      onHookAnswer(s, rec, o);
      return;
    }
    case R.outbox: {
      onOutboxAnswer(s, rec, o);
      return;
    }
    case R.api: {
      onApiAnswer(s, rec, o);
      return;
    }
    case R.guard: {
      onGuardAnswer(s, rec, o);
      return;
    }
  }
}
