import { bool, num, oneOf, type ConfigField, type FieldValue } from './configFields';
import { COMPONENT_KINDS, type Category, type ComponentKind } from './kinds';
import {
  ACTIVITY_DEFINITION,
  GRACEFUL_SHUTDOWN_FIELD,
  NEXUS_ENDPOINT_DEFINITION,
  REPLICATION_FIELD,
  WORKFLOW_DEFINITION,
} from './temporalCatalog';

/** What the palette, the inspector and the simulation know about one component kind. */
export interface KindDefinition {
  kind: ComponentKind;
  displayName: string;
  category: Category;
  description: string;
  /** An SVG path on a 24×24 grid, stroked; data only so that no React is needed here. */
  icon: string;
  fields: readonly ConfigField[];
}

const DAY_MS = 86_400_000;

// Defaults are the naive choice (docs/conventions.md#product-decisions): a design is only as safe as the user made it.
const DEFINITIONS = [
  {
    kind: 'producer',
    displayName: 'Producer',
    category: 'ingest',
    description:
      'Emits the workload — usage events, invoices or requests — and retries unacknowledged sends.',
    icon: 'M4 12h10M10 6l6 6-6 6M19 5v14',
    fields: [
      oneOf('workload', 'Workload', ['usage', 'invoices', 'requests']),
      num('tenants', 'Tenants', 10, {
        min: 1,
        max: 100_000,
      }),
      num('ratePerSec', 'Rate (per second)', 1000, {
        min: 1,
        max: 10_000_000,
        unit: 'per-sec',
      }),
      num('retries', 'Retries', 3, { max: 50 }),
      num('clockSkewMs', 'Clock skew (ms)', 0, {
        min: -DAY_MS,
        max: DAY_MS,
        unit: 'ms',
      }),
    ],
  },
  {
    kind: 'api',
    displayName: 'API',
    category: 'ingest',
    description: 'A synchronous API or gateway in front of services; gives up on slow calls.',
    icon: 'M4 7h16v10H4zM8 11h2M12 11h4',
    fields: [
      num('timeoutMs', 'Timeout (ms)', 1000, {
        min: 1,
        max: DAY_MS,
        unit: 'ms',
      }),
      GRACEFUL_SHUTDOWN_FIELD,
    ],
  },
  {
    kind: 'queue',
    displayName: 'Queue',
    category: 'ingest',
    description:
      'A durable log or queue (Kafka, Kinesis, SQS): at-least-once, redelivers what was not acked.',
    icon: 'M3 8h18M3 16h18M7 8v8M11 8v8M15 8v8',
    fields: [
      bool('orderedByKey', 'Ordered by key', true),
      num('visibilityTimeoutMs', 'Visibility timeout (ms)', 30_000, { min: 1, max: DAY_MS, unit: 'ms' }),
      num('maxReceives', 'Receives before dead-letter', 5, { min: 1, max: 100 }),
      oneOf('delivery', 'Delivery', ['broadcast', 'competing-consumers']),
    ],
  },
  {
    kind: 'worker',
    displayName: 'Worker',
    category: 'processing',
    description:
      'A stateless consumer or service step that calls the next node; its memory is lost on a crash.',
    icon: 'M12 4v3M12 17v3M4 12h3M17 12h3M7 7l2 2M15 15l2 2M7 17l2-2M15 9l2-2M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6',
    fields: [
      oneOf('ack', 'Acknowledge', ['after-processing', 'before-processing']),
      oneOf('idempotencyKey', 'Idempotency key', ['none', 'random-per-attempt', 'deterministic']),
      num('retries', 'Retries', 3, { max: 50 }),
      GRACEFUL_SHUTDOWN_FIELD,
    ],
  },
  {
    kind: 'dedup',
    displayName: 'Dedup store',
    category: 'reliability',
    description: 'Drops messages whose key it has already seen within its time to live.',
    icon: 'M5 5h9v9H5zM10 10h9v9h-9z',
    fields: [
      oneOf('key', 'Key', ['eventId', 'idempotencyKey']),
      num('ttlMs', 'Remember for (ms)', DAY_MS, {
        min: 1,
        max: 365 * DAY_MS,
        unit: 'ms',
      }),
      bool('durable', 'Durable', false),
    ],
  },
  {
    kind: 'aggregator',
    displayName: 'Aggregator',
    category: 'processing',
    description: 'Rolls usage up per tenant in time windows, closed by a watermark.',
    icon: 'M4 6h16l-6 7v5l-4 2v-7z',
    fields: [
      num('windowMs', 'Window (ms)', 60_000, {
        min: 1,
        max: 30 * DAY_MS,
        unit: 'ms',
      }),
      num('graceMs', 'Grace period (ms)', 0, { max: 30 * DAY_MS, unit: 'ms' }),
      oneOf('latePolicy', 'Late events', ['drop', 'correction-log']),
    ],
  },
  {
    kind: 'database',
    displayName: 'Database',
    category: 'storage',
    description: 'A relational store; can enforce a unique key and write result and key in one transaction.',
    icon: 'M5 6c0-2 14-2 14 0v12c0 2-14 2-14 0zM5 6c0 2 14 2 14 0M5 12c0 2 14 2 14 0',
    fields: [
      bool('transactional', 'Transactional', false),
      oneOf('uniqueKey', 'Unique key', ['none', 'eventId', 'idempotencyKey']),
      REPLICATION_FIELD,
    ],
  },
  {
    kind: 'idempotency-store',
    displayName: 'Idempotency store',
    category: 'reliability',
    description: 'A check-then-act key store in front of a side effect.',
    icon: 'M7 11V8a5 5 0 0 1 10 0v3M5 11h14v9H5z',
    fields: [
      bool('atomicWithWrite', 'Atomic with write', false),
      num('ttlMs', 'Remember for (ms)', DAY_MS, {
        min: 1,
        max: 365 * DAY_MS,
        unit: 'ms',
      }),
    ],
  },
  {
    kind: 'ledger',
    displayName: 'Ledger',
    category: 'money',
    description: 'An append-only double-entry ledger; billed totals are read here.',
    icon: 'M6 4h12v16H6zM9 8h6M9 12h6M9 16h4',
    fields: [],
  },
  {
    kind: 'payment-provider',
    displayName: 'Payment provider',
    category: 'money',
    description: 'A Stripe-like provider: honours idempotency keys and sends webhook events for what it did.',
    icon: 'M3 7h18v10H3zM3 10h18M7 14h3',
    fields: [
      num('keyTtlMs', 'Key memory (ms)', DAY_MS, {
        min: 1,
        max: 365 * DAY_MS,
        unit: 'ms',
      }),
    ],
  },
  {
    kind: 'webhook-endpoint',
    displayName: 'Webhook endpoint',
    category: 'ingest',
    description: 'Receives provider events — at least once and out of order.',
    icon: 'M8 16a4 4 0 1 1 3-7l3 5M16 16h-6M14 14a4 4 0 1 1 1 6',
    fields: [
      bool('verifySignature', 'Verify signature', false),
      oneOf('ack', 'Acknowledge', ['after-processing', 'before-processing']),
      bool('storeEventIds', 'Store event ids', false),
      oneOf('orderPolicy', 'Ordering', ['naive', 'version-check', 'refetch']),
    ],
  },
  WORKFLOW_DEFINITION,
  ACTIVITY_DEFINITION,
  {
    kind: 'reconciler',
    displayName: 'Reconciler',
    category: 'reliability',
    description: 'Periodically compares its two inputs and emits corrections.',
    icon: 'M4 12a8 8 0 0 1 14-5M20 12a8 8 0 0 1-14 5M18 3v4h-4M6 21v-4h4',
    fields: [
      num('periodMs', 'Period (ms)', 3_600_000, {
        min: 1,
        max: 365 * DAY_MS,
        unit: 'ms',
      }),
    ],
  },
  {
    kind: 'dead-letter-queue',
    displayName: 'Dead-letter queue',
    category: 'reliability',
    description: 'Poison messages land here instead of blocking the pipeline.',
    icon: 'M4 8h16v10H4zM9 12l6 4M15 12l-6 4M8 8V5h8v3',
    fields: [],
  },
  {
    kind: 'correction-log',
    displayName: 'Correction log',
    category: 'reliability',
    description: 'Events too late for their window become adjustments billed next cycle.',
    icon: 'M6 4h12v16H6zM9 9h6M9 13h3M14 15l2 2 3-4',
    fields: [],
  },
  {
    kind: 'notification',
    displayName: 'Notification',
    category: 'processing',
    description: 'An email or notification side effect; a duplicate reaches the customer.',
    icon: 'M4 6h16v12H4zM4 6l8 7 8-7',
    fields: [],
  },
  {
    kind: 'cache',
    displayName: 'Cache',
    category: 'storage',
    description: 'A read-mostly, eventually consistent view (dashboards).',
    icon: 'M13 3L5 14h6l-1 7 8-11h-6z',
    fields: [
      num('ttlMs', 'Time to live (ms)', 60_000, {
        min: 1,
        max: 365 * DAY_MS,
        unit: 'ms',
      }),
    ],
  },
  {
    kind: 'scheduler',
    displayName: 'Scheduler',
    category: 'orchestration',
    description: 'Timers and billing cycles.',
    icon: 'M12 4a8 8 0 1 0 0 16a8 8 0 1 0 0-16M12 8v4l3 2',
    fields: [
      num('periodMs', 'Period (ms)', 2_592_000_000, {
        min: 1,
        max: 3650 * DAY_MS,
        unit: 'ms',
      }),
    ],
  },
  {
    kind: 'object-store',
    displayName: 'Object store',
    category: 'storage',
    description: 'Raw event archive for audit and replay.',
    icon: 'M4 8l8-4 8 4-8 4zM4 8v8l8 4 8-4V8M12 12v8',
    fields: [],
  },
  NEXUS_ENDPOINT_DEFINITION,
] as const satisfies readonly KindDefinition[];

type Definition<K extends ComponentKind> = Extract<(typeof DEFINITIONS)[number], { kind: K }>;
/** The config fields of one kind, as the catalog declares them. */
export type KindField<K extends ComponentKind> = Definition<K>['fields'][number];
/** The config keys of one kind: `ConfigKey<'cache'>` is `'ttlMs'`; a misspelt key does not compile. */
export type ConfigKey<K extends ComponentKind> = KindField<K>['key'];
/** The value type of one key of one kind: `KindConfigValue<'queue', 'delivery'>` is `'broadcast' | 'competing-consumers'`. */
export type KindConfigValue<K extends ComponentKind, Key extends string> = FieldValue<
  Extract<KindField<K>, { key: Key }>
>;

const BY_KIND = new Map<string, KindDefinition>(DEFINITIONS.map((d) => [d.kind, d]));

if (BY_KIND.size !== COMPONENT_KINDS.length)
  throw new Error('catalog: every kind needs exactly one definition');

/** All kinds in palette order. */
export const CATALOG: readonly KindDefinition[] = DEFINITIONS;

const FIELDS = new Map<string, ReadonlyMap<string, ConfigField>>(
  DEFINITIONS.map((d) => [d.kind, new Map<string, ConfigField>(d.fields.map((f) => [f.key, f]))]),
);

/** The catalog's field `key` of `kind`; throws on a key the kind does not have. */
export function getConfigField(kind: ComponentKind, key: string): ConfigField {
  const field = FIELDS.get(kind)?.get(key);
  if (!field) throw new Error(`catalog: ${kind} has no config key "${key}"`);
  return field;
}

/** The definition of a kind, or undefined for an unknown ("unsupported") kind. */
export function getKindDefinition(kind: string): KindDefinition | undefined {
  return BY_KIND.get(kind);
}

/** The display name of a kind; an unknown kind shows as itself. */
export function getDisplayName(kind: string): string {
  return BY_KIND.get(kind)?.displayName ?? kind;
}

export type ConfigValue = string | number | boolean;
export type Config = Record<string, ConfigValue>;

/** The default config of a kind: every field at its naive default. */
export function createDefaultConfig(kind: ComponentKind): Config {
  const out: Config = {};
  for (const f of BY_KIND.get(kind)!.fields) out[f.key] = f.default;
  return out;
}
