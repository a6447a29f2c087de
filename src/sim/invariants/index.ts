import type { InvariantId } from '../../domain/invariants';
import type { Sim } from '../engine/sim';
import { checkBilledExactlyOnce, checkNoEventLost } from './usage';
import {
  checkEveryInvoiceCharged,
  checkLedgerBalanced,
  checkNoDoubleCharge,
  checkWebhookAppliedOnce,
} from './money';
import { checkNoDuplicateNotification, checkPipelineLive, checkSagaAtomic } from './flow';
import { checkEveryRequestCompleted } from './completion';
import { checkTotalsOnTime } from './timeliness';
import { checkDiscrepancyDetected } from './detection';
import type { Checker, Verdict } from './types';
import { checkWorkflowCompletes } from './workflow';

const CHECKERS: Record<InvariantId, Checker> = {
  'usage-billed-exactly-once': checkBilledExactlyOnce,
  'no-event-lost': checkNoEventLost,
  'no-double-charge': checkNoDoubleCharge,
  'every-invoice-charged': checkEveryInvoiceCharged,
  'ledger-balanced': checkLedgerBalanced,
  'saga-atomic': checkSagaAtomic,
  'webhook-applied-once': checkWebhookAppliedOnce,
  'no-duplicate-notification': checkNoDuplicateNotification,
  'pipeline-live': checkPipelineLive,
  'every-request-completed': checkEveryRequestCompleted,
  'totals-on-time': checkTotalsOnTime,
  'discrepancy-detected': checkDiscrepancyDetected,
  'workflow-completes': checkWorkflowCompletes,
};

export { getApplicableInvariants } from './applicable';

/** Runs the checkers over a finished run's final state. */
export function checkInvariants(s: Sim, ids: readonly InvariantId[]): Verdict[] {
  return ids.map((id) => CHECKERS[id](s));
}
