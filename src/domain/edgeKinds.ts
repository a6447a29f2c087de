/**
 * How a connection talks to its target (an optional field of an edge). `call` is the default and
 * today's behaviour; `signal`, `update` and `query` are Temporal's three ways into a running
 * workflow (docs/simulation.md). A board without edge kinds is all calls.
 */
export const EDGE_KINDS = ['call', 'signal', 'update', 'query'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export const EDGE_KIND_HELP: Record<EdgeKind, string> = {
  call: 'A plain call: the target processes the message and answers.',
  signal:
    'Asynchronous: recorded in the target workflow’s history and delivered in order; the sender learns delivery, not processing. Accepted while the workflow’s worker is down.',
  update:
    'Synchronous and validated: the caller waits until the workflow accepts (and applies) or rejects it. Needs the workflow’s worker.',
  query: 'Synchronous and read-only: never recorded, changes nothing; unanswered while the worker is down.',
};

export function isEdgeKind(value: unknown): value is EdgeKind {
  return typeof value === 'string' && (EDGE_KINDS as readonly string[]).includes(value);
}

/** A region name: lowercase letters, digits and dashes, as in "eu-west". */
export const REGION_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
