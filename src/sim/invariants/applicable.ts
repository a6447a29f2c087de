import type { Board } from '../../domain/document';
import { INVARIANT_IDS, type InvariantId } from '../../domain/invariants';

/*
 * Which invariants a run checks, apart from the checkers themselves: the run panel's "Predict
 * before running" asks for exactly these on the main thread, without loading the engine.
 */

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
