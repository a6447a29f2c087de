import { K, M, O, type Outcome } from '../engine/constants';
import { deliver } from '../engine/deliver';
import { fanOut, sendViaOutbox } from '../engine/fanout';
import type { Sim } from '../engine/sim';
import { cfg } from '../engine/topology';
import { traceStep } from '../engine/trace';

/**
 * Windowed roll-up of usage per tenant. The watermark is the largest event time seen minus
 * `graceMs`; a window closes when the watermark passes its end and its totals go out through a
 * durable outbox (checkpointed state: a crash delays totals, it does not lose them). An event whose
 * window has closed is late: `drop` loses it, `correction-log` sends it to the wired correction logs.
 * Other message types pass through unchanged.
 */
export interface AggregatorState {
  windowMs: number;
  graceMs: number;
  toCorrectionLog: boolean;
  maxEventTime: number;
  watermark: number;
  /** Open window indices in ascending order; per index, the window record of each tenant (-1 none). */
  openIndices: number[];
  byIndex: Map<number, Int32Array>;
  /** The last window index used, cached: events arrive mostly in time order. */
  lastIndex: number;
  lastRecs: Int32Array | null;
  correctionEdges: Int32Array;
  totalEdges: Int32Array;
  /** Late events that arrived after the final flush (no grace can wait for them). */
  lateAfterFlush: number;
}

export function initAggregator(s: Sim, node: number): void {
  const fwd = [...s.t.fwd[node]!];
  const isLog = (e: number) => s.t.kind[s.t.edgeTarget[e]!] === K.correction;
  s.states.aggregator[node] = {
    windowMs: Math.max(1, cfg(s.t, node, 'aggregator', 'windowMs')),
    graceMs: cfg(s.t, node, 'aggregator', 'graceMs'),
    toCorrectionLog: cfg(s.t, node, 'aggregator', 'latePolicy') === 'correction-log',
    maxEventTime: -Infinity,
    watermark: -Infinity,
    openIndices: [],
    byIndex: new Map(),
    lastIndex: NaN,
    lastRecs: null,
    correctionEdges: Int32Array.from(fwd.filter(isLog)),
    totalEdges: Int32Array.from(fwd.filter((e) => !isLog(e))),
    lateAfterFlush: 0,
  } satisfies AggregatorState;
}

export function aggregatorReceive(s: Sim, node: number, msg: number, owner: number, depth: number): Outcome {
  const type = s.m.type[msg]!;
  const st = s.states.aggregator[node]!;
  if (type === M.tick) {
    advance(s, node, st, s.now - st.graceMs, depth);
    return O.ok;
  }
  if (type !== M.usage) return fanOut(s, node, msg, owner, depth);
  const item = s.m.item[msg]!;
  const t = s.items.eventTime[item]!;
  if (t > st.maxEventTime) {
    st.maxEventTime = t;
    advance(s, node, st, t - st.graceMs, depth);
  }
  const w = Math.floor(t / st.windowMs);
  if ((w + 1) * st.windowMs <= st.watermark) return late(s, node, st, msg, owner, depth);
  const tenant = s.items.tenant[item]!;
  let recs = st.lastRecs;
  if (w !== st.lastIndex || recs === null) {
    recs = st.byIndex.get(w) ?? null;
    if (recs === null) {
      st.byIndex.set(w, (recs = new Int32Array(s.tenants).fill(-1)));
      insertSorted(st.openIndices, w);
    }
    st.lastIndex = w;
    st.lastRecs = recs;
  }
  let rec = recs[tenant]!;
  if (rec < 0) recs[tenant] = rec = s.windows.open(node, tenant, w);
  s.windows.add(rec, item, s.m.val[msg]!);
  if (s.tracing) traceStep(s, msg, node, -1, `counted in window ${w} (tenant ${tenant})`, []);
  return O.ok;
}

function late(s: Sim, node: number, st: AggregatorState, msg: number, owner: number, depth: number): Outcome {
  s.countLate();
  if (st.watermark === Infinity) st.lateAfterFlush++;
  if (st.toCorrectionLog && st.correctionEdges.length > 0) {
    if (s.tracing) traceStep(s, msg, node, -1, 'late (window closed): sent to the correction log', []);
    const edges = st.correctionEdges;
    if (edges.length === 1) return deliver(s, msg, edges[0]!, owner, depth + 1);
    for (let i = 0; i < edges.length; i++) deliver(s, s.m.copy(msg), edges[i]!, -1, depth + 1);
    return O.ok;
  }
  s.st.dropped[node]!++;
  if (s.tracing) {
    const why = st.toCorrectionLog ? 'no correction log is wired' : 'latePolicy drop';
    const when =
      st.watermark === Infinity ? 'arrived after the final flush' : "later than the window's grace";
    traceStep(s, msg, node, -1, `dropped: ${when} (${why})`, []);
  }
  return O.ok;
}

function insertSorted(a: number[], v: number): void {
  let i = a.length;
  while (i > 0 && a[i - 1]! > v) i--;
  a.splice(i, 0, v);
}

/** Moves the watermark and closes every window that ends at or before it. */
function advance(s: Sim, node: number, st: AggregatorState, wm: number, depth: number): void {
  if (wm <= st.watermark) return;
  st.watermark = wm;
  while (st.openIndices.length > 0 && (st.openIndices[0]! + 1) * st.windowMs <= wm)
    closeIndex(s, node, st, st.openIndices.shift()!, depth);
}

function closeIndex(s: Sim, node: number, st: AggregatorState, w: number, depth: number): void {
  const recs = st.byIndex.get(w);
  st.byIndex.delete(w);
  if (st.lastIndex === w) st.lastRecs = null;
  if (!recs) return;
  for (const rec of recs) {
    if (rec < 0) continue;
    const msg = s.m.alloc(M.window, s.synthetic(), 0, rec, 0);
    s.m.hops[msg] = depth;
    sendViaOutbox(s, node, st.totalEdges, msg, 1);
  }
}

/**
 * End of input: the watermark goes to +∞ and every open window closes (the final flush); whatever
 * arrives after it is late and goes through `latePolicy`.
 */
export function flushAggregator(s: Sim, node: number): void {
  const st = s.states.aggregator[node]!;
  st.watermark = Infinity;
  while (st.openIndices.length > 0) closeIndex(s, node, st, st.openIndices.shift()!, 0);
}
