import { getConfigField, type ConfigKey, type KindConfigValue } from '../../domain/catalog';
import type { ConfigField } from '../../domain/configFields';
import type { Board } from '../../domain/document';
import type { ComponentKind } from '../../domain/kinds';
import { K, KIND_CODE } from './constants';

/**
 * The board compiled to integer indices: node and edge tables and the edge lists each behaviour
 * needs (forwarding edges, dead-letter edges, workflow steps). Built once per run.
 */
export interface Topology {
  nodeIds: string[];
  labels: string[];
  kinds: string[];
  kind: Int32Array;
  config: Record<string, string | number | boolean>[];
  edgeIds: string[];
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Edges a node forwards ordinary messages along (never to a dead-letter queue, reconciler or activity). */
  fwd: Int32Array[];
  /** Edges to dead-letter queues: where rejected or poison messages go. */
  dlq: Int32Array[];
  /** Edges to activities in edge order: a workflow's (or orchestrating worker's) steps. */
  steps: Int32Array[];
  /** Source nodes of every edge into a node (a reconciler's inputs). */
  inputs: Int32Array[];
  byId: Map<string, number>;
  edgeById: Map<string, number>;
  /** Per edge: how it talks to its target (EK: 0 call, 1 signal, 2 update, 3 query). */
  edgeKind: Uint8Array;
  /** Per node: its region, or '' (region partitions). */
  regions: string[];
  /** Per edge: 1 = a signal/update/query into a workflow, 2 = into a replicated database, else 0. */
  hook: Uint8Array;
}

/** Edge kind codes (domain/edgeKinds.ts). */
export const EK = { call: 0, signal: 1, update: 2, query: 3 } as const;
const EDGE_KIND_CODE: Record<string, number> = { call: 0, signal: 1, update: 2, query: 3 };

/** Kinds a node never forwards ordinary messages to: they are read (reconciler) or take failures only (DLQ). */
const NOT_FORWARDED = new Set<number>([K.dlq, K.reconciler, K.activity, K.nexus]);

/** Compiles a strictly valid board. Edges whose ends are missing are ignored (strict boards have none). */
export function compileTopology(board: Board): Topology {
  const nodeIds = board.nodes.map((n) => n.id);
  const byId = new Map(nodeIds.map((id, i) => [id, i]));
  const n = nodeIds.length;
  const kind = new Int32Array(n);
  board.nodes.forEach((node, i) => (kind[i] = KIND_CODE[node.kind] ?? K.unknown));
  const edges = board.edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  const edgeSource = new Int32Array(edges.length);
  const edgeTarget = new Int32Array(edges.length);
  const fwd: number[][] = nodeIds.map(() => []);
  const dlq: number[][] = nodeIds.map(() => []);
  const steps: number[][] = nodeIds.map(() => []);
  const inputs: number[][] = nodeIds.map(() => []);
  edges.forEach((e, i) => {
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    edgeSource[i] = s;
    edgeTarget[i] = t;
    inputs[t]!.push(s);
    const tk = kind[t]!;
    if (tk === K.dlq) dlq[s]!.push(i);
    else if (tk === K.activity || tk === K.nexus) steps[s]!.push(i);
    if (!NOT_FORWARDED.has(tk)) fwd[s]!.push(i);
  });
  return {
    nodeIds,
    labels: board.nodes.map((nd) => nd.label || nd.id),
    kinds: board.nodes.map((nd) => nd.kind),
    kind,
    config: board.nodes.map((nd) => nd.config),
    edgeIds: edges.map((e) => e.id),
    edgeSource,
    edgeTarget,
    fwd: fwd.map((l) => Int32Array.from(l)),
    dlq: dlq.map((l) => Int32Array.from(l)),
    steps: steps.map((l) => Int32Array.from(l)),
    inputs: inputs.map((l) => Int32Array.from(new Set(l))),
    byId,
    edgeById: new Map(edges.map((e, i) => [e.id, i])),
    edgeKind: Uint8Array.from(edges, (e) => EDGE_KIND_CODE[e.kind ?? 'call'] ?? 0),
    regions: board.nodes.map((nd) => nd.region ?? ''),
    hook: Uint8Array.from(edges, (e, i) => {
      const tk = kind[edgeTarget[i]!]!;
      if (tk === K.workflow && (e.kind ?? 'call') !== 'call') return 1;
      const repl = board.nodes[edgeTarget[i]!]!.config.replication;
      return tk === K.database && repl !== undefined && repl !== 'none' ? 2 : 0;
    }),
  };
}

/** "usage-events (queue)": how summaries name a node. */
export function describeNode(t: Topology, node: number): string {
  return `${t.labels[node]} (${t.kinds[node]})`;
}

/**
 * A node's config value, typed by the catalog's field `key` of `kind` (the node's kind): a misspelt
 * key does not compile and an enum reads as the union of its options. A missing or ill-typed value
 * reads as the catalog's default (strict boards always have every value), so no default is
 * repeated here. Read once per node at setup, not per message.
 */
export function cfg<K extends ComponentKind, Key extends ConfigKey<K>>(
  t: Topology,
  node: number,
  kind: K,
  key: Key,
): KindConfigValue<K, Key> {
  const field = getConfigField(kind, key);
  const v = t.config[node]?.[key];
  return (isValueOf(field, v) ? v : field.default) as KindConfigValue<K, Key>;
}

function isValueOf(field: ConfigField, v: unknown): boolean {
  switch (field.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'enum':
      return typeof v === 'string' && field.options.includes(v);
  }
}
