/** Invariant ids (docs/simulation.md, "Invariants"): a contract with scenarios, the CLI's JSON and outside tests. */
export const INVARIANT_IDS = [
  'usage-billed-exactly-once',
  'no-event-lost',
  'no-double-charge',
  'every-invoice-charged',
  'ledger-balanced',
  'saga-atomic',
  'webhook-applied-once',
  'no-duplicate-notification',
  'pipeline-live',
  'every-request-completed',
  'totals-on-time',
  'discrepancy-detected',
  'workflow-completes',
] as const;

export type InvariantId = (typeof INVARIANT_IDS)[number];

export const INVARIANT_DESCRIPTIONS: Record<InvariantId, string> = {
  'usage-billed-exactly-once': 'Per tenant, billed quantity equals produced quantity.',
  'no-event-lost': 'Every produced event is billed, dead-lettered, or in the correction log.',
  'no-double-charge': 'Every invoice is charged at most once at the provider.',
  'every-invoice-charged': 'Every invoice is charged by the end of the run.',
  'ledger-balanced': 'Debits equal credits, and the ledger agrees with the provider.',
  'saga-atomic': 'Each multi-step request ends fully committed or fully compensated.',
  'webhook-applied-once': "Each provider event is applied once and local state ends equal to the provider's.",
  'no-duplicate-notification': 'A customer gets each email once.',
  'pipeline-live': 'No message blocks its partition forever.',
  'every-request-completed': 'Every request that met no permanent failure completes.',
  'totals-on-time': "Each window's totals are posted within the round's budget after the window ends.",
  'discrepancy-detected': 'Every lost or double-billed item is flagged by a reconciler.',
  'workflow-completes':
    'Every workflow run completes, compensates or continues as new — or, long-running, is still healthy at the end.',
};
