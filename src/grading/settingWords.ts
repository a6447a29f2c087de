import { getKindDefinition } from '../domain/catalog';
import { crashSafetySetting, deduplicates, keepsKeysThroughCrash } from '../domain/dedupSafety';
import type { BoardNode } from '../domain/document';
import { describeNode } from './graph';

/**
 * How grading words a node's settings: the inspector's labels, and why a deduplicating node is or is
 * not safe through a crash (the predicates are domain/dedupSafety.ts, shared with the engine).
 */

/** The inspector's label of a setting ("Late events"), so a message names what the user sees; the key when unknown. */
export function settingLabel(kind: string, key: string): string {
  const f = getKindDefinition(kind)?.fields.find((x) => x.key === key);
  return f ? `“${f.label}”` : key;
}

/** Deduplicates at all (domain/dedupSafety.ts: the same predicate the engine's invariants use). */
export function isDeduplicating(n: BoardNode): boolean {
  return deduplicates(n.kind, n.config);
}

/** Why a deduplicating node would let a repeat through after a crash; null when it is crash-safe. */
export function crashWeakness(n: BoardNode): string | null {
  if (keepsKeysThroughCrash(n.kind, n.config)) return null;
  switch (crashSafetySetting(n.kind)) {
    case 'durable':
      return `${describeNode(n)} keeps its keys in memory and forgets them when it crashes (turn on “Durable”)`;
    case 'transactional':
      return `${describeNode(n)} writes the result and the processed key separately, so a crash between them lets a redelivery through (turn on “Transactional”)`;
    case 'atomicWithWrite':
      return `${describeNode(n)} checks the key and records it in separate steps (turn on ${settingLabel('idempotency-store', 'atomicWithWrite')})`;
    case undefined:
      return `${describeNode(n)} does not deduplicate`;
  }
}
