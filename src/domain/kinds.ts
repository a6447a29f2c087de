/** Every component kind id (docs/simulation.md, "Behaviours per kind"). These ids are a contract shared with boards, scenarios and the CLI. */
export const COMPONENT_KINDS = [
  'producer',
  'api',
  'queue',
  'worker',
  'dedup',
  'aggregator',
  'database',
  'idempotency-store',
  'ledger',
  'payment-provider',
  'webhook-endpoint',
  'workflow',
  'activity',
  'reconciler',
  'dead-letter-queue',
  'correction-log',
  'notification',
  'cache',
  'scheduler',
  'object-store',
  'nexus-endpoint',
] as const;

export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export const CATEGORIES = [
  'ingest',
  'processing',
  'storage',
  'money',
  'orchestration',
  'reliability',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  ingest: 'Ingest',
  processing: 'Processing',
  storage: 'Storage',
  money: 'Money',
  orchestration: 'Orchestration',
  reliability: 'Reliability',
};

const KIND_SET: ReadonlySet<string> = new Set(COMPONENT_KINDS);

export function isComponentKind(value: unknown): value is ComponentKind {
  return typeof value === 'string' && KIND_SET.has(value);
}
