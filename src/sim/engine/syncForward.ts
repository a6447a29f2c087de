import { K } from './constants';
import { FK } from './faults';
import type { Sim } from './sim';

/** Kinds that hand the caller's owner on synchronously, to their own forwarding edges. */
const PASSES_ON: ReadonlySet<number> = new Set([
  K.dedup,
  K.idem,
  K.aggregator,
  K.cache,
  K.producer,
  K.scheduler,
]);
/** Kinds that take a message and answer at once, keeping no owner (what they send on goes out on its own). */
const ANSWERS_AT_ONCE: ReadonlySet<number> = new Set([
  K.queue,
  K.database,
  K.ledger,
  K.provider,
  K.dlq,
  K.correction,
  K.notification,
  K.objectStore,
  K.reconciler,
]);

/**
 * True when everything `node` forwards to answers within the call, under this run's plan: no node
 * downstream (through pass-on kinds) keeps the owner to answer later (a worker, an API, a workflow,
 * an activity, a Nexus endpoint, a webhook endpoint, a workflow message edge), no fault can hold a
 * delivery back on those edges (`late`, `reorder`), and the forward never comes back to `node`.
 * A dedup whose forward always answers at once needs no in-progress marker: nothing else runs while
 * the call is on the stack, so no duplicate can meet it (engine/guardFrames.ts is for the rest).
 */
export function forwardAnswersAtOnce(s: Sim, node: number): boolean {
  const seen = new Set<number>([node]);
  const edges = [...s.t.fwd[node]!];
  while (edges.length > 0) {
    const e = edges.pop()!;
    if (s.t.hook[e] === 1) return false;
    for (const fi of s.f.onEdge[e]!)
      if (s.f.kind[fi] === FK.late || s.f.kind[fi] === FK.reorder) return false;
    const to = s.t.edgeTarget[e]!;
    if (to === node) return false;
    const kind = s.t.kind[to]!;
    if (ANSWERS_AT_ONCE.has(kind)) continue;
    if (!PASSES_ON.has(kind)) return false;
    if (seen.has(to)) continue;
    seen.add(to);
    edges.push(...s.t.fwd[to]!);
  }
  return true;
}
