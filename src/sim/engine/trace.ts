import { M } from './constants';
import type { PathStepKind } from '../types';
import type { Sim } from './sim';

const PREFIX: Record<number, string> = { [M.usage]: 'evt', [M.invoice]: 'inv', [M.request]: 'req' };

/** The id a candidate sees for a message: `evt-12`, `inv-7`, `req-3`, `whk-7-v2`, `win-4`, `poison-1`. */
export function messageIdOf(s: Sim, msg: number): string {
  const type = s.m.type[msg]!;
  const item = s.m.item[msg]!;
  switch (type) {
    case M.usage:
    case M.invoice:
    case M.request:
      return `${PREFIX[type]}-${item}`;
    case M.correction:
      return item < s.items.count
        ? `${PREFIX[s.items.workload[item]!] ?? 'item'}-${item}`
        : `correction-${item}`;
    case M.webhook:
    case M.hookEffect: {
      const h = s.m.aux[msg]!;
      return `whk-${s.hooks.invoice[h]}-v${s.hooks.version[h]}`;
    }
    case M.window:
      return `win-${s.m.aux[msg]}`;
    case M.poison:
      return `poison-${item - s.items.capacity}`;
    default:
      return `msg-${msg}`;
  }
}

/** Ids whose path includes this message: itself, and for a webhook event its invoice too. */
function relatedIds(s: Sim, msg: number): string[] {
  const id = messageIdOf(s, msg);
  const type = s.m.type[msg]!;
  if (type === M.webhook || type === M.hookEffect) return [id, `inv-${s.hooks.invoice[s.m.aux[msg]!]}`];
  return [id];
}

/** Explain mode on: the hops of the messages `ids` are recorded into `s.paths`. */
export function traceIds(s: Sim, ids: Iterable<string>): void {
  s.tracing = true;
  s.traced = new Set(ids);
}

/** Reads the item numbers out of `s.traced` (once per set). */
function indexTraced(s: Sim): void {
  s.tracedIndexed = s.traced;
  s.tracedItems = new Set();
  s.tracedOther = false;
  for (const id of s.traced) {
    const m = /^(?:evt|inv|req)-(\d+)$/.exec(id);
    if (m) s.tracedItems.add(Number(m[1]));
    else s.tracedOther = true;
  }
}

/**
 * False when no traced id can relate to `msg` — a test on numbers, so that an explain pass does not
 * build an id string for every event it processes (that made it about 3× slower than the run).
 */
function mayRelate(s: Sim, msg: number): boolean {
  if (s.tracedIndexed !== s.traced) indexTraced(s);
  const type = s.m.type[msg]!;
  if (type === M.usage || type === M.invoice || type === M.request) return s.tracedItems.has(s.m.item[msg]!);
  if (type === M.webhook || type === M.hookEffect)
    return s.tracedOther || s.tracedItems.has(s.hooks.invoice[s.m.aux[msg]!]!);
  return true;
}

/** Explain mode: appends one step to the path of every traced id this message relates to. */
export function traceStep(
  s: Sim,
  msg: number,
  node: number,
  edge: number,
  action: string,
  faults: string[],
  kind?: PathStepKind,
): void {
  if (!mayRelate(s, msg)) return;
  for (const id of relatedIds(s, msg)) if (s.traced.has(id)) traceId(s, id, node, edge, action, faults, kind);
}

/** Explain mode: appends one step to the path of `id` (when traced). */
export function traceId(
  s: Sim,
  id: string,
  node: number,
  edge: number,
  action: string,
  faults: string[] = [],
  kind?: PathStepKind,
): void {
  if (!s.traced.has(id)) return;
  let path = s.paths.get(id);
  if (!path) s.paths.set(id, (path = []));
  if (path.length >= 200) return;
  path.push({
    tMs: s.now,
    nodeId: s.t.nodeIds[node]!,
    ...(edge >= 0 ? { edgeId: s.t.edgeIds[edge]! } : {}),
    action,
    faults,
    ...(kind ? { kind } : {}),
  });
}
