import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { FaultPlan } from '../../domain/faultPlan';
import { faultScheduleMachine } from '../machines/faultScheduleMachine';
import { DEPLOY_RESTART_MS, K } from './constants';
import type { Topology } from './topology';

/** Fault kind codes. */
export const FK = {
  duplicate: 1,
  late: 2,
  reorder: 3,
  crash: 4,
  timeout: 5,
  outage: 6,
  partition: 7,
  poison: 8,
  skew: 9,
  deploy: 10,
} as const;

const CODE: Record<string, number> = {
  duplicate: FK.duplicate,
  late: FK.late,
  reorder: FK.reorder,
  crash: FK.crash,
  timeout: FK.timeout,
  outage: FK.outage,
  partition: FK.partition,
  poison: FK.poison,
  'clock-skew': FK.skew,
  deploy: FK.deploy,
};

/** Per-delivery fault kinds, checked on every delivery over a matching edge. */
const DELIVERY_KINDS = new Set<number>([
  FK.duplicate,
  FK.late,
  FK.reorder,
  FK.timeout,
  FK.outage,
  FK.partition,
  FK.poison,
]);

/**
 * A fault plan resolved against one board. `target` matching (docs/formats.md, "The fault plan"): a node id matches that
 * node and every edge into it; an edge id matches that edge; `kind:<k>` matches every node of kind k
 * and every edge into one; `*` matches everything. Unknown ids match nothing.
 */
export interface CompiledFaults {
  count: number;
  kind: Int32Array;
  from: Float64Array;
  to: Float64Array;
  rate: Float64Array;
  /** late: delayMs; reorder: windowMs; clock-skew: skewMs; crash: downMs. */
  amount: Float64Array;
  atMs: Float64Array;
  afterSideEffect: Uint8Array;
  /** deploy: 1 = a breaking change. partition: 1 = a region partition (`region:<a>|<b>`). */
  flag: Uint8Array;
  /** Region partitions: the two regions ([] for other faults). */
  regionPair: string[][];
  /** Per fault: which nodes / edges it matches (edges include edges into matched nodes). */
  nodeMatch: Uint8Array[];
  edgeMatch: Uint8Array[];
  /** Per edge: indices of per-delivery faults that apply to it (empty for most edges). */
  onEdge: Int32Array[];
  /** Human-readable names, for explained paths: "duplicate#0". */
  names: string[];
}

export function compileFaults(plan: FaultPlan, t: Topology): CompiledFaults {
  const faults = plan.faults;
  const n = faults.length;
  const nodes = t.nodeIds.length;
  const edges = t.edgeIds.length;
  const out: CompiledFaults = {
    count: n,
    kind: new Int32Array(n),
    from: new Float64Array(n),
    to: new Float64Array(n),
    rate: new Float64Array(n),
    amount: new Float64Array(n),
    atMs: new Float64Array(n),
    afterSideEffect: new Uint8Array(n),
    flag: new Uint8Array(n),
    regionPair: [],
    nodeMatch: [],
    edgeMatch: [],
    onEdge: [],
    names: [],
  };
  const perEdge: number[][] = Array.from({ length: edges }, () => []);
  faults.forEach((f, i) => {
    out.kind[i] = CODE[f.kind]!;
    out.names.push(`${f.kind} (faults.${i})`);
    out.regionPair.push(f.target.startsWith('region:') ? f.target.slice(7).split('|') : []);
    if (f.kind === 'crash') {
      out.atMs[i] = f.atMs;
      out.from[i] = f.atMs;
      out.to[i] = f.atMs + f.downMs;
      out.amount[i] = f.downMs;
      out.afterSideEffect[i] = f.point === 'after-side-effect' ? 1 : 0;
    } else if (f.kind === 'deploy') {
      out.atMs[i] = f.atMs;
      out.from[i] = f.atMs;
      out.to[i] = f.atMs + DEPLOY_RESTART_MS;
      out.amount[i] = DEPLOY_RESTART_MS;
      out.flag[i] = f.change === 'breaking' ? 1 : 0;
    } else {
      out.from[i] = f.fromMs;
      out.to[i] = f.toMs ?? Infinity;
      out.rate[i] = 'rate' in f && typeof f.rate === 'number' ? f.rate : 1;
      if (f.kind === 'late') out.amount[i] = f.delayMs;
      if (f.kind === 'reorder') out.amount[i] = f.windowMs;
      if (f.kind === 'clock-skew') out.amount[i] = f.skewMs;
    }
    const nm = new Uint8Array(nodes);
    const em = new Uint8Array(edges);
    const target = f.target;
    if (target === '*') {
      nm.fill(1);
      em.fill(1);
    } else if (target.startsWith('kind:')) {
      const k = target.slice(5);
      t.kinds.forEach((kk, j) => {
        if (kk === k) nm[j] = 1;
      });
    } else if (target.startsWith('region:')) {
      // A region partition cuts every edge between the two regions (both directions), no node.
      out.flag[i] = 1;
      matchRegionPair(t, target.slice(7), em);
    } else if (t.byId.has(target)) nm[t.byId.get(target)!] = 1;
    else if (t.edgeById.has(target)) em[t.edgeById.get(target)!] = 1;
    for (let e = 0; e < edges; e++) if (nm[t.edgeTarget[e]!]) em[e] = 1;
    out.nodeMatch.push(nm);
    out.edgeMatch.push(em);
    if (DELIVERY_KINDS.has(out.kind[i])) for (let e = 0; e < edges; e++) if (em[e]) perEdge[e]!.push(i);
  });
  out.onEdge = perEdge.map((l) => Int32Array.from(l));
  return out;
}

/** Marks the edges between regions `a` and `b` of "a|b" (nothing when either side is not on the board). */
function matchRegionPair(t: Topology, pair: string, em: Uint8Array): void {
  const bar = pair.indexOf('|');
  if (bar <= 0) return;
  const a = pair.slice(0, bar);
  const b = pair.slice(bar + 1);
  for (let e = 0; e < em.length; e++) {
    const ra = t.regions[t.edgeSource[e]!];
    const rb = t.regions[t.edgeTarget[e]!];
    if ((ra === a && rb === b) || (ra === b && rb === a)) em[e] = 1;
  }
}

/**
 * The plan's windows open and close through the fault-schedule machine: one snapshot, moved by its
 * pure `transition` at every window boundary (engine events scheduled at setup); `open[i]` is what
 * the snapshot's `active` says, read on the hot path.
 */
export class FaultClock {
  private snap: SnapshotFrom<typeof faultScheduleMachine>;
  readonly open: Uint8Array;
  constructor(plan: FaultPlan, count: number) {
    this.open = new Uint8Array(count);
    const [initial] = initialTransition(faultScheduleMachine);
    this.snap = transition(faultScheduleMachine, initial, { type: 'schedule.load', plan })[0];
  }
  /** Moves the schedule's clock to `tMs` and refreshes which windows are open. */
  tick(tMs: number): void {
    this.snap = transition(faultScheduleMachine, this.snap, { type: 'clock.tick', tMs })[0];
    this.open.fill(0);
    for (const i of this.snap.context.active) this.open[i] = 1;
  }
  /**
   * Boundaries after time 0 where a window of a fault that `matters` opens or closes, ascending,
   * without repeats (a fault that matches nothing on the board schedules nothing: the trace is unchanged).
   */
  boundaries(matters: (index: number) => boolean): number[] {
    const times = new Set<number>();
    for (const w of this.snap.context.windows) {
      if (!matters(w.index)) continue;
      if (w.fromMs > 0) times.add(w.fromMs);
      if (Number.isFinite(w.toMs) && w.toMs > 0) times.add(w.toMs);
    }
    return [...times].sort((a, b) => a - b);
  }
}

function kindTable(kinds: number[]): Uint8Array {
  const t = new Uint8Array(32);
  for (const k of kinds) t[k] = 1;
  return t;
}

/** Senders whose deliveries can be redelivered (at-least-once): where `duplicate` applies (1 = yes). */
export const DUP_SENDERS = kindTable([K.producer, K.queue, K.worker, K.api, K.provider]);
/** Senders through which a malformed message can enter: where `poison` applies (1 = yes). */
export const POISON_SENDERS = kindTable([K.producer, K.queue, K.provider]);
