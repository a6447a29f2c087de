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

/** The engine when the verdict-truth issue was filed (main on 2026-11-25). */
export const DEFAULT_ENGINE_REF = '286ee8b';

/**
 * `bench`: the engine bench's fault plan (1% duplicates, 0.5% late). Its verdict-truth semantics
 * differ from the earlier engine's (a key in progress refuses a concurrent duplicate, a refused
 * delivery holds its ordered key until redelivered), so the two engines do different work on it.
 * `fault-free`: no faults — the same 4.97M engine events on both, so the ratio is the cost per event.
 */
export type RefWorkload = 'bench' | 'fault-free';

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
      faultPlan: workload === 'bench' ? bench.METERING_FAULTS : { faults: [] },
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
      faultPlan: workload === 'bench' ? METERING_FAULTS : { faults: [] },
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
  for (const workload of ['fault-free', 'bench'] as const)
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
