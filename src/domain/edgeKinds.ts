/**
 * How a connection talks to its target (an optional field of an edge). `call` is the default and
 * today's behaviour; `signal`, `update` and `query` are Temporal's three ways into a running
 * workflow (docs/simulation.md). A board without edge kinds is all calls.
 */
export const EDGE_KINDS = ['call', 'signal', 'update', 'query'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export function isEdgeKind(value: unknown): value is EdgeKind {
  return typeof value === 'string' && (EDGE_KINDS as readonly string[]).includes(value);
}

/** A region name: lowercase letters, digits and dashes, as in "eu-west". */
export const REGION_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
