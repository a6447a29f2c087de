/**
 * The engine today against the engine at an earlier commit, in the same process and the same run:
 * the verdict-truth work promised that correctness would not cost more than 10% of engine speed,
 * and a figure from another day on a shared machine cannot show that.
 *
 * The earlier engine's `src/` and `scripts/bench-engine.ts` are extracted with `git archive` under
 * `.bench-ref/<commit>` in the repository (ignored by git, the linters and the test runner; its
 * imports resolve to the same node_modules), then imported with tsx like our own code. Not under
 * node_modules: tsx compiles files there differently and the same engine measured 2.8× slower. Runs alternate (earlier, today, earlier, …) so that
 * machine load falls on both alike. Each side runs its own metering bench board and fault plan.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getMeteringBoard, METERING_FAULTS } from '../bench-engine';
import { runSimulation } from '../../src/sim';
import type { FaultPlan } from '../../src/domain/faultPlan';

/** The engine when the verdict-truth issue was filed (main on 2026-11-25). */
export const DEFAULT_ENGINE_REF = '286ee8b';

/**
 * `fault-free`: no faults — the same engine events and verdicts on both engines, so the ratio is
 * the cost per event.
 * `faults`: 1% duplicates on every edge and 0.5% of the usage sent 180 s late by the producer — a
 * plan under which both engines still do the same work (same engine events; the dedup's in-progress
 * keys never meet a duplicate, because every forward behind it answers at once).
 * `bench`: the engine bench's plan (1% duplicates, 0.5% late on every edge). Under it the engines do
 * different work: a forward held back 180 s keeps its key in progress (the earlier engine recorded
 * it at once — defect 1), the queue's redelivery of it is refused, and the ordered queue holds that
 * tenant's messages behind it; at 200,000 events about 130,000 events wait and then reach the
 * aggregator after its windows closed (the earlier engine: 3,000).
 */
export type RefWorkload = 'fault-free' | 'faults' | 'bench';

/** The `faults` workload's plan (node `p` is the bench board's producer). */
const SAME_WORK_FAULTS = {
  faults: [
    { kind: 'duplicate', target: '*', fromMs: 0, rate: 0.01 },
    { kind: 'late', target: 'p', fromMs: 0, rate: 0.005, delayMs: 180_000 },
  ],
};

function planFor(workload: RefWorkload, benchPlan: unknown): unknown {
  if (workload === 'bench') return benchPlan;
  return workload === 'faults' ? SAME_WORK_FAULTS : { faults: [] };
}

type RunOnce = (events: number) => void;

export interface EngineAgainstRefRow {
  workload: RefWorkload;
  events: number;
  refMedianMs: number;
  nowMedianMs: number;
  /** today ÷ earlier: 1.10 means today's engine takes 10% longer. */
  ratio: number;
}

export interface EngineAgainstRef {
  ref: string;
  rows: EngineAgainstRefRow[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function loadRefEngine(ref: string, workload: RefWorkload): Promise<RunOnce> {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' }).trim();
  const dir = resolve('.bench-ref', sha);
  if (!existsSync(resolve(dir, 'src/sim/index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', sha, 'src', 'scripts/bench-engine.ts']);
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  type BenchModule = { getMeteringBoard: () => unknown; METERING_FAULTS: unknown };
  type SimModule = { runSimulation: (board: unknown, options: Record<string, unknown>) => unknown };
  const bench = (await import(pathToFileURL(resolve(dir, 'scripts/bench-engine.ts')).href)) as BenchModule;
  const sim = (await import(pathToFileURL(resolve(dir, 'src/sim/index.ts')).href)) as SimModule;
  return (events) => {
    sim.runSimulation(bench.getMeteringBoard(), {
      seed: 1,
      events,
      faultPlan: planFor(workload, bench.METERING_FAULTS),
      explain: false,
    });
  };
}

const nowEngine =
  (workload: RefWorkload): RunOnce =>
  (events) => {
    runSimulation(getMeteringBoard(), {
      seed: 1,
      events,
      faultPlan: planFor(workload, METERING_FAULTS) as FaultPlan,
      explain: false,
    });
  };

export async function benchEngineAgainstRef(opts: {
  ref?: string;
  sizes: number[];
  runs: number;
}): Promise<EngineAgainstRef> {
  const ref = opts.ref ?? DEFAULT_ENGINE_REF;
  const rows: EngineAgainstRefRow[] = [];
  for (const workload of ['fault-free', 'faults', 'bench'] as const)
    for (const events of opts.sizes) {
      const runRef = await loadRefEngine(ref, workload);
      rows.push(measurePair(workload, events, opts.runs, runRef, nowEngine(workload)));
    }
  return { ref, rows };
}

function measurePair(
  workload: RefWorkload,
  events: number,
  runs: number,
  runRef: RunOnce,
  runNow: RunOnce,
): EngineAgainstRefRow {
  // One untimed run each to warm both engines' code at this size.
  runRef(events);
  runNow(events);
  const refMs: number[] = [];
  const nowMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const order: [RunOnce, number[]][] =
      i % 2 === 0
        ? [
            [runRef, refMs],
            [runNow, nowMs],
          ]
        : [
            [runNow, nowMs],
            [runRef, refMs],
          ];
    for (const [run, into] of order) {
      const t0 = performance.now();
      run(events);
      into.push(performance.now() - t0);
    }
  }
  const refMedianMs = median(refMs);
  const nowMedianMs = median(nowMs);
  return { workload, events, refMedianMs, nowMedianMs, ratio: nowMedianMs / refMedianMs };
}
