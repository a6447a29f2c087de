import { getDisplayName } from '../domain/catalog';
import type { Board, BoardNode } from '../domain/document';

/** A board as an adjacency structure; edge order is kept (a workflow's steps run in edge order). */
export interface BoardGraph {
  board: Board;
  byId: Map<string, BoardNode>;
  out: Map<string, BoardNode[]>;
  in: Map<string, BoardNode[]>;
}

/** Builds the graph of a board; edges whose ends are missing are ignored. */
export function createBoardGraph(board: Board): BoardGraph {
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  const out = new Map<string, BoardNode[]>(board.nodes.map((n) => [n.id, []]));
  const inn = new Map<string, BoardNode[]>(board.nodes.map((n) => [n.id, []]));
  for (const e of board.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    out.get(s.id)!.push(t);
    inn.get(t.id)!.push(s);
  }
  return { board, byId, out, in: inn };
}

export function nodesOfKind(g: BoardGraph, kind: string): BoardNode[] {
  return g.board.nodes.filter((n) => n.kind === kind);
}

/**
 * The shortest directed path from any of `from` to any of `to` that does not pass through a node
 * for which `blocked` is true (the ends themselves are never blocked), or null.
 * @example findPath(g, [queue], [aggregator], (n) => n.kind === 'dedup') // a path that skips every dedup
 */
export function findPath(
  g: BoardGraph,
  from: BoardNode[],
  to: BoardNode[],
  blocked: (n: BoardNode) => boolean = () => false,
): BoardNode[] | null {
  const targets = new Set(to.map((n) => n.id));
  const parent = new Map<string, string | null>();
  const queue: string[] = [];
  for (const n of from) {
    if (!parent.has(n.id)) {
      parent.set(n.id, null);
      queue.push(n.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of g.out.get(id) ?? []) {
      if (parent.has(next.id)) continue;
      parent.set(next.id, id);
      if (targets.has(next.id)) return unwind(g, parent, next.id);
      if (!blocked(next)) queue.push(next.id);
    }
  }
  return null;
}

function unwind(g: BoardGraph, parent: Map<string, string | null>, end: string): BoardNode[] {
  const path: BoardNode[] = [];
  for (let id: string | null = end; id !== null; id = parent.get(id) ?? null) path.push(g.byId.get(id)!);
  return path.reverse();
}

/** How a candidate reads a node in a message: `usage-events (queue)`. */
export function describeNode(n: BoardNode): string {
  return `${n.label || getDisplayName(n.kind)} (${n.kind})`;
}

/** `a (queue) → b (worker) → c (aggregator)` */
export function describePath(path: BoardNode[]): string {
  return path.map(describeNode).join(' → ');
}

/** "a dedup store", "an aggregator": the display name in lower case with its article. */
export function aKind(kind: string): string {
  const name = getDisplayName(kind);
  const lower = /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
  return `${/^[aeiou]/i.test(lower) ? 'an' : 'a'} ${lower}`;
}

/** Lists with "or": `a queue, a worker or a dedup store`. */
export function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
