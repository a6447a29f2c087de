/**
 * Temporal Cloud Actions as a run reports them (`SimResult.temporalActions`), in words: the total
 * first, then each kind that occurred, most first. The engine counts them
 * (src/sim/behaviours/temporal/actions.ts; docs/simulation.md, "Actions").
 */
export const ACTION_KIND_NAMES = {
  workflowStarts: 'workflow starts',
  activityAttempts: 'activity attempts',
  timers: 'timers',
  signals: 'signals',
  queries: 'queries',
  updates: 'updates',
  nexusOperations: 'Nexus operations',
} as const;

export type ActionKindName = keyof typeof ACTION_KIND_NAMES;

/** "6,549 Temporal Cloud Actions: 5,541 activity attempts, 999 signals, 9 workflow starts". */
export function describeActions(a: { total: number; byKind: Record<ActionKindName, number> }): string {
  const parts = (Object.keys(ACTION_KIND_NAMES) as ActionKindName[])
    .filter((k) => a.byKind[k] > 0)
    .sort((x, y) => a.byKind[y] - a.byKind[x])
    .map((k) => `${a.byKind[k].toLocaleString('en-US')} ${ACTION_KIND_NAMES[k]}`);
  const head = `${a.total.toLocaleString('en-US')} Temporal Cloud Action${a.total === 1 ? '' : 's'}`;
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
