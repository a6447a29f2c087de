import type { InvariantId } from '../../domain/invariants';
import { INVARIANT_IDS } from '../../domain/invariants';
import type { Board } from '../../domain/document';
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

/**
 * The invariants that apply to a board, by its workloads and components (docs/simulation.md, "Invariants"):
 * usage → billed-exactly-once and no-event-lost; invoices → no-double-charge and
 * every-invoice-charged; ledger + payment-provider → ledger-balanced; requests + activities →
 * saga-atomic; payment-provider + webhook-endpoint → webhook-applied-once; notification →
 * no-duplicate-notification; queue → pipeline-live; requests + activities → every-request-completed;
 * aggregator → totals-on-time; reconciler → discrepancy-detected.
 */
export function getApplicableInvariants(board: Board): InvariantId[] {
  const kinds = new Set(board.nodes.map((n) => n.kind));
  const workloads = new Set(
    board.nodes.filter((n) => n.kind === 'producer').map((n) => String(n.config.workload ?? 'usage')),
  );
  const applies: Record<InvariantId, boolean> = {
    'usage-billed-exactly-once': workloads.has('usage'),
    'no-event-lost': workloads.has('usage'),
    'no-double-charge': workloads.has('invoices'),
    'every-invoice-charged': workloads.has('invoices'),
    'ledger-balanced': kinds.has('ledger') && kinds.has('payment-provider'),
    'saga-atomic': workloads.has('requests') && kinds.has('activity'),
    'webhook-applied-once': kinds.has('payment-provider') && kinds.has('webhook-endpoint'),
    'no-duplicate-notification': kinds.has('notification'),
    'pipeline-live': kinds.has('queue'),
    'every-request-completed': workloads.has('requests') && kinds.has('activity'),
    'totals-on-time': kinds.has('aggregator'),
    'discrepancy-detected': kinds.has('reconciler'),
    'workflow-completes': kinds.has('workflow'),
  };
  return INVARIANT_IDS.filter((id) => applies[id]);
}

/** Runs the checkers over a finished run's final state. */
export function checkInvariants(s: Sim, ids: readonly InvariantId[]): Verdict[] {
  return ids.map((id) => CHECKERS[id](s));
}
