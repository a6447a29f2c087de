import { crashSafetySetting, deduplicates, keepsKeysThroughCrash } from '../../domain/dedupSafety';
import { K, type KindCode } from '../engine/constants';
import type { Sim } from '../engine/sim';
import { cfg, describeNode } from '../engine/topology';

/** Nodes that drop repeats (domain/dedupSafety.ts: the same predicate grading uses). */
export function isDeduplicator(s: Sim, n: number): boolean {
  return deduplicates(s.t.kinds[n]!, s.t.config[n]!);
}

/** Can `to` be reached from `from` without passing a node for which `blocked` is true? */
function reachableAvoiding(s: Sim, from: number, to: number, blocked: (n: number) => boolean): boolean {
  const seen = new Uint8Array(s.nodes);
  const stack = [from];
  seen[from] = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let e = 0; e < s.t.edgeIds.length; e++) {
      if (s.t.edgeSource[e] !== u) continue;
      const v = s.t.edgeTarget[e]!;
      if (v === to) return true;
      if (seen[v] || blocked(v)) continue;
      seen[v] = 1;
      stack.push(v);
    }
  }
  return false;
}

/**
 * "nothing deduplicates between usage-events (queue) and hourly-rollup (aggregator)": the nearest
 * at-least-once source (queue, else producer) with a path to a counting node that passes no
 * deduplicating node. Null when every such path is deduplicated.
 */
export function findUndedupedSegment(s: Sim, counters: number[]): string | null {
  for (const sourceKind of [K.queue, K.producer]) {
    for (let src = 0; src < s.nodes; src++) {
      if (s.t.kind[src] !== sourceKind) continue;
      for (const c of counters) {
        if (reachableAvoiding(s, src, c, (n) => isDeduplicator(s, n))) {
          return `nothing deduplicates between ${describeNode(s.t, src)} and ${describeNode(s.t, c)}`;
        }
      }
    }
  }
  return null;
}

/** A deduplicator on the board that crashed and is not crash-safe (domain/dedupSafety.ts). */
export function findForgetfulDedup(s: Sim): string | null {
  for (let n = 0; n < s.nodes; n++) {
    const kind = s.t.kinds[n]!;
    const config = s.t.config[n]!;
    if (s.st.crashes[n]! === 0 || !deduplicates(kind, config) || keepsKeysThroughCrash(kind, config))
      continue;
    switch (crashSafetySetting(kind)) {
      case 'durable':
        return `${describeNode(s.t, n)} forgot the keys it had seen when it crashed (durable: false)`;
      case 'transactional':
        return `${describeNode(s.t, n)} is not transactional: a crash between the row and its key let a redelivery through`;
      case 'atomicWithWrite':
        return `${describeNode(s.t, n)} is not atomicWithWrite: a crash between the side effect and its record let a retry through`;
    }
  }
  return null;
}

export function nodesOfKind(s: Sim, kind: KindCode): number[] {
  const out: number[] = [];
  for (let n = 0; n < s.nodes; n++) if (s.t.kind[n] === kind) out.push(n);
  return out;
}

/**
 * How each queue with several consumers of one kind hands out messages, named for a summary: "usage-events
 * (queue) gives every message to each of its 2 consumers (delivery: broadcast)".
 */
export function queueDeliveryNotes(s: Sim): string[] {
  const notes: string[] = [];
  for (const q of nodesOfKind(s, K.queue)) {
    const n = s.t.fwd[q]!.length;
    // Named when two consumers are of one kind (a group drawn as replicas), not for e.g. worker + archive.
    const kinds = Array.from(s.t.fwd[q]!, (e) => s.t.kind[s.t.edgeTarget[e]!]!);
    if (n < 2 || new Set(kinds).size === n) continue;
    notes.push(
      cfg(s.t, q, 'queue', 'delivery') === 'competing-consumers'
        ? `${describeNode(s.t, q)} gives each message to one of its ${n} consumers (delivery: competing-consumers)`
        : `${describeNode(s.t, q)} gives every message to each of its ${n} consumers (delivery: broadcast)`,
    );
  }
  return notes;
}
