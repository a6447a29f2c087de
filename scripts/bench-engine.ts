/**
 * Engine benchmark: the metering workload (producer → queue → dedup (durable) → aggregator →
 * ledger; 1% duplicates, 0.5% late) at several sizes, median of `runs`, beside a baseline measured
 * in the same process — the same workload pushed through one XState actor per stage (docs/conventions.md#lifecycles-are-xstate-messages-are-plain-code:
 * why messages are plain code and XState owns only lifecycles).
 *   npx tsx scripts/bench-engine.ts            # prints a table
 *   benchEngine({ sizes: [10_000, 100_000, 1_000_000], runs: 5 })   # returns the figures
 * `events` = workload items emitted. The explain pass (paths of violating messages) is off: it is a
 * second, optional run only made when an invariant is violated.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { assign, createActor, setup, type AnyActorRef } from 'xstate';
import { validateBoardForRun } from '../src/domain/parseBoard';
import type { FaultPlan } from '../src/domain/faultPlan';
import { runSimulation } from '../src/sim';
import { Prng } from '../src/sim/core/prng';

export interface BenchRow {
  events: number;
  medianMs: number;
  eventsPerSec: number;
  peakHeapMB: number;
}
export interface BenchFigures {
  eventsPerSec: number;
  baselineEventsPerSec: number;
  ratio: number;
  rows: BenchRow[];
  baselineRows: BenchRow[];
}

const node = (id: string, kind: string, config: Record<string, unknown> = {}) => ({
  id,
  kind,
  label: id,
  position: { x: 0, y: 0 },
  config,
});

/** The metering board the bench runs. */
export function getMeteringBoard() {
  const r = validateBoardForRun({
    format: 'faultline/design',
    version: 1,
    title: 'metering bench',
    nodes: [
      node('p', 'producer', { workload: 'usage', ratePerSec: 1000 }),
      node('q', 'queue'),
      node('d', 'dedup', { durable: true }),
      node('a', 'aggregator'),
      node('l', 'ledger'),
    ],
    edges: [
      { id: 'e1', source: 'p', target: 'q' },
      { id: 'e2', source: 'q', target: 'd' },
      { id: 'e3', source: 'd', target: 'a' },
      { id: 'e4', source: 'a', target: 'l' },
    ],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.board;
}

export const METERING_FAULTS: FaultPlan = {
  faults: [
    { kind: 'duplicate', target: '*', fromMs: 0, rate: 0.01 },
    { kind: 'late', target: '*', fromMs: 0, rate: 0.005, delayMs: 180_000 },
  ],
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Typed arrays live outside the JS heap (arrayBuffers): both count.
const heapMB = () => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1_048_576;
};
// Peak memory is measured in one extra run after a full GC, apart from the timed runs: forcing a GC
// between timed runs costs the engine its warm code (it measured 3-5x slower right after one).
let gcFn: (() => void) | undefined;
function forceGc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

function measure(events: number, runs: number, once: (events: number, onTick: () => void) => void): BenchRow {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    once(events, () => {});
    times.push(performance.now() - t0);
  }
  forceGc();
  let peak = heapMB();
  const tick = () => {
    peak = Math.max(peak, heapMB());
  };
  once(events, tick);
  tick();
  const medianMs = median(times);
  return {
    events,
    medianMs: Math.round(medianMs),
    eventsPerSec: Math.round((events / medianMs) * 1000),
    peakHeapMB: Math.round(peak),
  };
}

function runEngine(events: number, onTick: () => void): void {
  runSimulation(getMeteringBoard(), { seed: 1, events, faultPlan: METERING_FAULTS, explain: false }, onTick);
}

type StageEvent = { type: 'msg.in'; id: number; tenant: number; qty: number; t: number } | { type: 'flush' };

/** The baseline: the same stages as actors, every message an XState event (per-message actors are what we avoid). */
function runXState(events: number, onTick: () => void): void {
  const stage = <C extends object>(
    name: string,
    context: C,
    handle: (ctx: C, e: Extract<StageEvent, { type: 'msg.in' }>, next: AnyActorRef | null) => Partial<C>,
  ) =>
    setup({
      types: {
        context: {} as C & { next: AnyActorRef | null },
        events: {} as StageEvent,
        input: {} as { next: AnyActorRef | null },
      },
    }).createMachine({
      id: name,
      context: ({ input }) => ({ ...context, next: input.next }),
      on: {
        'msg.in': {
          actions: assign(({ context, event }) => handle(context, event, context.next) as never),
        },
      },
    });
  const ledger = createActor(
    stage('ledger', { billed: 0 }, (c, e) => ({ billed: c.billed + e.qty })),
    { input: { next: null } },
  ).start();
  const aggregator = createActor(
    stage('aggregator', { maxT: -1, windows: new Map<number, number>(), dropped: 0 }, (c, e, next) => {
      if (e.t > c.maxT) {
        for (const [w, sum] of c.windows)
          if ((w + 1) * 60_000 <= e.t) {
            next!.send({ type: 'msg.in', id: w, tenant: 0, qty: sum, t: e.t });
            c.windows.delete(w);
          }
        c.maxT = e.t;
      }
      const w = Math.floor(e.t / 60_000);
      if ((w + 1) * 60_000 <= c.maxT) return { dropped: c.dropped + 1 };
      c.windows.set(w, (c.windows.get(w) ?? 0) + e.qty);
      return {};
    }),
    { input: { next: ledger } },
  ).start();
  const dedup = createActor(
    stage('dedup', { seen: new Set<number>() }, (c, e, next) => {
      if (c.seen.has(e.id)) return {};
      c.seen.add(e.id);
      next!.send(e);
      return {};
    }),
    { input: { next: aggregator } },
  ).start();
  const queue = createActor(
    stage('queue', { stored: 0 }, (c, e, next) => {
      next!.send(e);
      return { stored: c.stored + 1 };
    }),
    { input: { next: dedup } },
  ).start();
  const rng = new Prng(1);
  const late: StageEvent[] = [];
  for (let i = 0; i < events; i++) {
    const e: StageEvent = { type: 'msg.in', id: i, tenant: rng.int(10), qty: 1 + rng.int(100), t: i };
    if (rng.chance(0.005)) late.push(e);
    else queue.send(e);
    if (rng.chance(0.01)) queue.send(e);
    if ((i & 0xffff) === 0) onTick();
  }
  for (const e of late) queue.send(e);
}

/** Median figures per size for the engine, and the XState baseline up to `baselineMaxEvents`. */
export function benchEngine({
  sizes = [10_000, 100_000, 1_000_000],
  runs = 5,
  baselineMaxEvents = 100_000,
} = {}): BenchFigures {
  runEngine(20_000, () => {});
  runXState(20_000, () => {});
  const rows = sizes.map((n) => measure(n, runs, runEngine));
  const baselineRows = sizes.filter((n) => n <= baselineMaxEvents).map((n) => measure(n, runs, runXState));
  const eventsPerSec = rows.at(-1)!.eventsPerSec;
  const baselineEventsPerSec = baselineRows.at(-1)?.eventsPerSec ?? 0;
  return {
    eventsPerSec,
    baselineEventsPerSec,
    ratio: baselineEventsPerSec ? Math.round((eventsPerSec / baselineEventsPerSec) * 10) / 10 : 0,
    rows,
    baselineRows,
  };
}

function printTable(f: BenchFigures): void {
  const line = (who: string, r: BenchRow) =>
    `${who.padEnd(22)}${r.events.toLocaleString('en-US').padStart(11)}${String(r.medianMs).padStart(11)}${r.eventsPerSec.toLocaleString('en-US').padStart(15)}${String(r.peakHeapMB).padStart(11)}`;
  console.log(
    `${'engine'.padEnd(22)}${'events'.padStart(11)}${'median ms'.padStart(11)}${'events/s'.padStart(15)}${'heap MB'.padStart(11)}`,
  );
  for (const r of f.rows) console.log(line('faultline engine', r));
  for (const r of f.baselineRows) console.log(line('xstate actor/stage', r));
  console.log(
    `\nengine ${f.eventsPerSec.toLocaleString('en-US')} events/s at ${f.rows.at(-1)!.events.toLocaleString('en-US')} events; XState baseline ${f.baselineEventsPerSec.toLocaleString('en-US')} events/s; ratio ${f.ratio}×`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
  printTable(benchEngine({ runs }));
}
