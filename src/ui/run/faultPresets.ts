import type { Board, Fault, FaultKind } from '../../domain';

/** How long a run lasts in virtual ms: the producers' combined rate spreads the events over time. */
export function estimateRunMs(board: Board, events: number): number {
  const rate = board.nodes
    .filter((n) => n.kind === 'producer')
    .reduce((s, n) => s + (Number(n.config.ratePerSec) || 0), 0);
  return rate > 0 ? Math.ceil((events / rate) * 1000) : 60_000;
}

export interface FaultPreset {
  id: string;
  label: string;
  build(board: Board, runMs: number): Fault[];
}

/** Where a crash hurts most on this board: a stateful consumer if there is one. */
function crashTarget(board: Board): string {
  for (const kind of ['worker', 'dedup', 'workflow', 'aggregator', 'webhook-endpoint', 'database']) {
    if (board.nodes.some((n) => n.kind === kind)) return `kind:${kind}`;
  }
  return '*';
}

export const FAULT_PRESETS: readonly FaultPreset[] = [
  {
    id: 'at-least-once',
    label: 'At-least-once delivery (1% duplicates)',
    build: () => [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.01 }],
  },
  {
    id: 'late',
    label: 'Late events (0.5%, 3 min late)',
    build: () => [{ kind: 'late', target: '*', fromMs: 0, rate: 0.005, delayMs: 180_000 }],
  },
  {
    id: 'reorder',
    label: 'Out-of-order delivery',
    build: () => [{ kind: 'reorder', target: '*', fromMs: 0, rate: 1, windowMs: 1000 }],
  },
  {
    id: 'crash',
    label: 'Crash mid-step (after the side effect)',
    build: (b, ms) => [
      {
        kind: 'crash',
        target: crashTarget(b),
        atMs: Math.round(ms / 2),
        downMs: Math.max(1000, Math.round(ms / 20)),
        point: 'after-side-effect',
      },
    ],
  },
  {
    id: 'timeout',
    label: 'Provider timeout (5% of calls)',
    build: () => [{ kind: 'timeout', target: 'kind:payment-provider', fromMs: 0, rate: 0.05 }],
  },
  {
    id: 'outage',
    label: 'Provider outage',
    build: (_b, ms) => [
      {
        kind: 'outage',
        target: 'kind:payment-provider',
        fromMs: Math.round(ms / 4),
        toMs: Math.round(ms / 4) + Math.max(500, Math.round(ms / 20)),
        rate: 1,
      },
    ],
  },
  {
    id: 'poison',
    label: 'Poison messages (0.1%)',
    build: () => [{ kind: 'poison', target: '*', fromMs: 0, rate: 0.001 }],
  },
  {
    id: 'partition',
    label: 'Network partition on queues',
    build: (_b, ms) => [
      {
        kind: 'partition',
        target: 'kind:queue',
        fromMs: Math.round(ms / 3),
        toMs: Math.round(ms / 3) + Math.max(500, Math.round(ms / 25)),
      },
    ],
  },
];

/** A new fault of `kind` with sensible values, for the "add fault" control. */
export function createFault(kind: FaultKind, runMs: number): Fault {
  switch (kind) {
    case 'duplicate':
      return { kind, target: '*', fromMs: 0, rate: 0.01 };
    case 'late':
      return { kind, target: '*', fromMs: 0, rate: 0.005, delayMs: 180_000 };
    case 'reorder':
      return { kind, target: '*', fromMs: 0, rate: 1, windowMs: 1000 };
    case 'crash':
      return { kind, target: '*', atMs: Math.round(runMs / 2), downMs: 5000, point: 'any' };
    case 'timeout':
      return { kind, target: 'kind:payment-provider', fromMs: 0, rate: 0.05 };
    case 'outage':
      return { kind, target: '*', fromMs: Math.round(runMs / 4), toMs: Math.round(runMs / 2), rate: 1 };
    case 'partition':
      return { kind, target: '*', fromMs: Math.round(runMs / 4), toMs: Math.round(runMs / 2) };
    case 'poison':
      return { kind, target: '*', fromMs: 0, rate: 0.001 };
    case 'clock-skew':
      return { kind, target: 'kind:producer', fromMs: 0, skewMs: 120_000 };
    case 'deploy':
      return { kind, target: 'kind:workflow', atMs: Math.round(runMs / 2), change: 'breaking' };
  }
}
