import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateBoardForRun } from '../../src/domain/parseBoard';
import { createSimulation } from '../../src/sim';
import { createSampleBoard, SAMPLE_FAULTS } from '../../src/store/sampleBoard';
import type { MainToWorker } from '../../src/workers/protocol';
import { openBenchBrowser } from './staticServer';

export interface WorkerVsNodeFigures {
  events: number;
  runs: number;
  /** The engine in this Node process, explain pass off (what the verdicts need). */
  nodeMedianMs: number;
  /** The built app's simulation worker in headless Chromium: post `run` → `result` received. */
  workerMedianMs: number;
  /** The worker's own figure (validation + run + verdicts, before the result is posted). */
  workerInsideMedianMs: number;
  ratio: number;
  /** Explain opened afterwards: post `explain` → `explained` received (the tracing pass, on demand). */
  explainMedianMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The same run — the sample board (producer → queue → aggregator → ledger) under its at-least-once
 * plan (1% duplicates, which violates usage-billed-exactly-once), seed 1 — in Node and in the app's
 * worker, alternating so that both see the same machine load. The worker is the built chunk
 * (`dist/assets/simWorker-*.js`) driven through its real message protocol, so the figure includes
 * the board's structured clone in, validation, the chunked run with its progress messages and the
 * result's structured clone out.
 */
export async function benchWorkerVsNode(
  events = 1_000_000,
  runs = 3,
  /** Measure Explain's tracing pass too (a worker built before it existed would never answer). */
  { withExplain = true, dist = 'dist' } = {},
): Promise<WorkerVsNodeFigures> {
  const valid = validateBoardForRun(createSampleBoard());
  if (!valid.ok) throw new Error(valid.error.message);
  const board = valid.board;
  const faultPlan = { faults: SAMPLE_FAULTS.map((f) => ({ ...f })) };
  const workerFile = readdirSync(`${dist}/assets`).find((f) => /^simWorker-.*\.js$/.test(f));
  if (!workerFile) throw new Error('no dist/assets/simWorker-*.js: run `npx vite build` first');

  const nodeRun = (n = events) => {
    const t0 = performance.now();
    const sim = createSimulation(board, { seed: 1, events: n, faultPlan, explain: false });
    while (!sim.advance(250_000));
    const r = sim.result();
    const ms = performance.now() - t0;
    return { ms, ids: r.invariants.flatMap((i) => i.examples.map((e) => e.messageId)) };
  };

  // A blank page of the app's origin: nothing but the worker runs there.
  const blank = mkdtempSync(join(tmpdir(), 'faultline-blank-'));
  writeFileSync(join(blank, 'index.html'), '<!doctype html><title>worker bench</title>');
  const { url, ctx, close } = await openBenchBrowser({ '/': dist, '/blank/': blank });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${url}/blank/`);
    await page.evaluate(`(() => {
      const w = new Worker('/assets/${workerFile}', { type: 'module' });
      window.__simCall = (msg, wanted) => new Promise((resolve, reject) => {
        const t0 = performance.now();
        const on = (e) => {
          if (e.data.runId !== msg.runId) return;
          if (e.data.type === 'error') { w.removeEventListener('message', on); reject(new Error(e.data.message)); }
          if (e.data.type !== wanted) return;
          w.removeEventListener('message', on);
          resolve({ ms: performance.now() - t0, inside: e.data.durationMs });
        };
        w.addEventListener('message', on);
        w.postMessage(msg);
      });
    })()`);
    // As a string: tsx's __name helper does not exist in the page.
    const call = (msg: MainToWorker, wanted: 'result' | 'explained') =>
      page.evaluate<{ ms: number; inside: number }>(`window.__simCall(${JSON.stringify(msg)}, '${wanted}')`);

    const node: number[] = [];
    const worker: number[] = [];
    const inside: number[] = [];
    const explain: number[] = [];
    let ids: string[] = [];
    const spec = { board, faultPlan, seed: 1, events };
    // Warm both engines up (JIT) with a run a tenth the size, untimed.
    nodeRun(Math.ceil(events / 10));
    await call({ type: 'run', runId: 999, ...spec, events: Math.ceil(events / 10) }, 'result');
    for (let i = 0; i < runs; i++) {
      const n = nodeRun();
      node.push(n.ms);
      ids = n.ids;
      const w = await call({ type: 'run', runId: 2 * i + 1, ...spec }, 'result');
      worker.push(w.ms);
      inside.push(w.inside);
    }
    // Explain, once per size: what opening it costs after the verdicts are shown.
    if (withExplain) {
      const x = await call({ type: 'explain', runId: 1000, messageIds: ids, ...spec }, 'explained');
      explain.push(x.ms);
    }
    const nodeMedianMs = median(node);
    const workerMedianMs = median(worker);
    return {
      events,
      runs,
      nodeMedianMs,
      workerMedianMs,
      workerInsideMedianMs: median(inside),
      ratio: workerMedianMs / nodeMedianMs,
      explainMedianMs: explain.length ? median(explain) : NaN,
    };
  } finally {
    await close();
    rmSync(blank, { recursive: true, force: true });
  }
}
