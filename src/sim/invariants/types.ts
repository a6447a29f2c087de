import type { InvariantId } from '../../domain/invariants';
import type { Sim } from '../engine/sim';
import type { PathStep } from '../types';

/** A checker's verdict before paths are attached; `summarize` may read the explained paths. */
export interface Verdict {
  id: InvariantId;
  holds: boolean;
  count: number;
  examples: { messageId: string; detail: string }[];
  summarize: (paths: Map<string, PathStep[]>) => string;
}

export type Checker = (s: Sim) => Verdict;

export const MAX_EXAMPLES = 5;

/** "1 event" / "212 events". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The last meaningful step of a path, as "what happened at <label (kind)>". */
export function lastStep(s: Sim, path: PathStep[] | undefined): string | null {
  // The reconciler's notes come after the fact; what went wrong is the step before them.
  const steps = (path ?? []).filter((p) => !p.action.startsWith('reconciler'));
  if (steps.length === 0) return null;
  const step = steps[steps.length - 1]!;
  const n = s.t.byId.get(step.nodeId);
  const where = n === undefined ? step.nodeId : `${s.t.labels[n]} (${s.t.kinds[n]})`;
  return `${step.action} at ${where}`;
}
