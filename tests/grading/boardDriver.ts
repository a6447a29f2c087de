import { createDefaultConfig, type Config } from '../../src/domain/catalog';
import type { Board } from '../../src/domain/document';
import type { ComponentKind } from '../../src/domain/kinds';

/**
 * A small fluent board builder for grading tests:
 * `board().add('q', 'queue').add('a', 'aggregator').connect('q', 'a').build()`.
 * Nodes get their kind's default config merged with the given overrides; positions run left to right.
 */
export function board(title = 'test board') {
  const b: Board = { format: 'faultline/design', version: 1, title, nodes: [], edges: [] };
  const api = {
    add(id: string, kind: ComponentKind, config: Config = {}, label = id) {
      b.nodes.push({
        id,
        kind,
        label,
        position: { x: b.nodes.length * 200, y: 0 },
        config: { ...createDefaultConfig(kind), ...config },
      });
      return api;
    },
    connect(source: string, target: string) {
      b.edges.push({ id: `e${b.edges.length + 1}`, source, target });
      return api;
    },
    /** Connects a chain: chain('p', 'q', 'w') = p→q, q→w. */
    chain(...ids: string[]) {
      for (let i = 1; i < ids.length; i++) api.connect(ids[i - 1]!, ids[i]!);
      return api;
    },
    build(): Board {
      return structuredClone(b);
    },
  };
  return api;
}

/** A copy of `board` with node `id`'s config changed. */
export function withConfig(src: Board, id: string, config: Config): Board {
  const out = structuredClone(src);
  const n = out.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  n.config = { ...n.config, ...config };
  return out;
}

/** A copy of `board` without node `id`; its inputs are wired straight to its outputs. */
export function withoutNode(src: Board, id: string): Board {
  const out = structuredClone(src);
  const ins = out.edges.filter((e) => e.target === id).map((e) => e.source);
  const outs = out.edges.filter((e) => e.source === id).map((e) => e.target);
  out.nodes = out.nodes.filter((n) => n.id !== id);
  out.edges = out.edges.filter((e) => e.source !== id && e.target !== id);
  let k = 0;
  for (const s of ins) for (const t of outs) out.edges.push({ id: `bridge${++k}`, source: s, target: t });
  return out;
}
