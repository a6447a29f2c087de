import type { Board } from '../../domain/document';
import type { Fault, FaultPlan } from '../../domain/faultPlan';

/** What a component of each kind has just done when a crash "after its side effect" hits it. */
const SIDE_EFFECT: Record<string, string> = {
  dedup: 'forwards',
  'idempotency-store': 'applies the effect',
  database: 'writes the row',
  worker: 'calls the next step',
  'webhook-endpoint': 'applies the event',
  workflow: 'starts a step',
  activity: 'applies its step',
  aggregator: 'sends the totals',
  queue: 'delivers',
  api: 'forwards the call',
  'payment-provider': 'charges',
  ledger: 'posts',
};

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (r: number) => `${Number((r * 100).toFixed(2))}%`;

function nodeName(board: Board, id: string): string {
  const n = board.nodes.find((x) => x.id === id);
  return n ? `${n.label || n.kind} (${n.kind})` : id;
}

/** `usage-events (queue) → seen-ids (dedup)`, `every dedup`, `every component`. */
function targetName(board: Board, target: string): { who: string; from?: string; to?: string } {
  if (target === '*') return { who: 'every component' };
  if (target.startsWith('kind:')) return { who: `every ${target.slice(5)}` };
  if (board.nodes.some((n) => n.id === target)) return { who: nodeName(board, target) };
  const e = board.edges.find((x) => x.id === target);
  if (!e) return { who: target };
  return {
    who: `the call from ${nodeName(board, e.source)} to ${nodeName(board, e.target)}`,
    from: nodeName(board, e.source),
    to: nodeName(board, e.target),
  };
}

function span(f: { fromMs?: number | undefined; toMs?: number | undefined }): string {
  if (f.toMs === undefined) return f.fromMs ? ` from ${secs(f.fromMs)} on` : '';
  return ` between ${secs(f.fromMs ?? 0)} and ${secs(f.toMs)}`;
}

/** One fault as the clause of a question: "usage-dedup (dedup) crashes right after it forwards, at 5.0 s". */
export function describeFault(board: Board, f: Fault): string {
  const t = targetName(board, f.target);
  switch (f.kind) {
    case 'crash': {
      const n = board.nodes.find((x) => x.id === f.target);
      const down = `, down for ${secs(f.downMs)}`;
      if (f.point === 'after-side-effect')
        return `${t.who} crashes right after it ${SIDE_EFFECT[n?.kind ?? ''] ?? 'does its side effect'}, at ${secs(f.atMs)}${down}`;
      return `${t.who} crashes at ${secs(f.atMs)}${down}`;
    }
    case 'timeout':
      return t.to
        ? `${percent(f.rate)} of the calls from ${t.from} to ${t.to} time out after ${t.to} did the work${span(f)}`
        : `${percent(f.rate)} of the calls to ${t.who} time out after the work was done${span(f)}`;
    case 'duplicate':
      return t.to
        ? `${t.from} delivers ${percent(f.rate)} of its messages to ${t.to} twice${span(f)}`
        : `${percent(f.rate)} of the deliveries to ${t.who} arrive twice${span(f)}`;
    case 'late':
      return `${percent(f.rate)} of the events ${t.to ? `from ${t.from} reach ${t.to}` : `reach ${t.who}`} ${secs(f.delayMs)} late${span(f)}`;
    case 'reorder':
      return `${percent(f.rate)} of the deliveries ${t.to ? `from ${t.from} to ${t.to}` : `to ${t.who}`} are held back up to ${secs(f.windowMs)} and overtaken${span(f)}`;
    case 'poison':
      return `a malformed message comes with ${percent(f.rate)} of the deliveries ${t.to ? `from ${t.from} to ${t.to}` : `to ${t.who}`}${span(f)}`;
    case 'outage':
      return f.rate < 1
        ? `${percent(f.rate)} of the calls to ${t.to ?? t.who} fail${span(f)}`
        : `${t.to ?? t.who} answers only errors${span(f)}`;
    case 'partition':
      if (f.target.startsWith('region:'))
        return `the link between regions ${f.target.slice(7).split('|').join(' and ')} drops everything${span(f)}`;
      return t.to
        ? `the link from ${t.from} to ${t.to} drops everything${span(f)}`
        : `${t.who} is cut off from its callers${span(f)}`;
    case 'clock-skew':
      return `${t.who}'s clock runs ${secs(Math.abs(f.skewMs))} ${f.skewMs < 0 ? 'behind' : 'ahead'}${span(f)}`;
    case 'deploy':
      return `${t.who} is redeployed with a ${f.change} change at ${secs(f.atMs)}`;
  }
}

/** The interviewer's question for a plan: "What happens if …, and …?" */
export function describePlanQuestion(board: Board, plan: FaultPlan): string {
  if (plan.faults.length === 0) return 'What happens with no faults at all?';
  return `What happens if ${plan.faults.map((f) => describeFault(board, f)).join(', and ')}?`;
}
