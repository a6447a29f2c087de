import { loadScenarioNode } from '../../src/content/loadScenarioNode';
import { FAULT_PRESETS } from '../../src/ui/run/faultPresets';
import { openBenchBrowser } from './staticServer';

export interface LiveCheckFigures {
  board: string;
  edits: number;
  p50Ms: number;
  p95Ms: number;
  longestFrameMs: number;
  /** Median time of one 2,000-event check of the same board in Node: the floor under edit → badges. */
  engineMs: number;
}

// In-page code as a string: tsx's __name helper does not exist in the page.
const EDITS = `async (n, warm) => {
  const api = window.__faultline;
  const id = api.getBoard().nodes[1].id;
  const badges = () => document.querySelector('[aria-label="Live verdicts"]');
  const frames = { longest: 0, stop: false, on: false };
  let last = performance.now();
  const tick = (t) => { if (frames.on) frames.longest = Math.max(frames.longest, t - last); last = t; if (!frames.stop) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  const times = [];
  for (let i = 0; i < warm + n; i++) {
    if (i === warm) frames.on = true;
    const t0 = performance.now();
    api.renameNode(id, 'renamed-' + i);
    const rev = String(api.revision());
    await new Promise((resolve) => {
      const check = () => {
        const b = badges();
        if (b && b.dataset.revision === rev && b.getAttribute('aria-busy') === 'false') resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    if (i >= warm) times.push(performance.now() - t0);
  }
  frames.stop = true;
  return { times, longest: frames.longest };
}`;

/**
 * Live verdicts: rename a node of a scenario-size board (the metering-pipeline reference, the run
 * panel's at-least-once preset as its fault plan) `edits` times and time each edit until the badges show the
 * verdicts of that revision (debounce + the check in the worker + render), with the longest
 * main-thread frame meanwhile. Beside it, the engine's own time for one check in Node.
 */
export async function benchLiveCheck(edits = 20): Promise<LiveCheckFigures> {
  const loaded = loadScenarioNode('metering-pipeline');
  if (!loaded.ok) throw new Error(loaded.message);
  const board = loaded.scenario.reference;
  const { runSimulation } = await import('../../src/sim');
  // The plan the page checks under: the run panel's "at-least-once" preset (1% duplicates).
  const faults = FAULT_PRESETS.find((p) => p.id === 'at-least-once')!.build(board, 0);
  // Three warm-up runs first: the first cold runs are JIT compilation (1.1 s, 0.5 s, 0.3 s), not the check.
  for (let i = 0; i < 3; i++)
    runSimulation(board, { seed: 1, events: 2000, faultPlan: { faults }, explain: false });
  const engine: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    runSimulation(board, { seed: 1, events: 2000, faultPlan: { faults }, explain: false });
    engine.push(performance.now() - t0);
  }
  const browser = await openBenchBrowser({ '/': 'dist' });
  const { url, ctx } = browser;
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${url}/`);
    await page.waitForSelector('.react-flow__node');
    await page.evaluate(`window.__faultline.loadBoard(${JSON.stringify(board)})`);
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Add a preset').selectOption('at-least-once');
    await page.getByRole('status', { name: 'Live verdicts' }).first().waitFor();
    // Three untimed edits first: the first checks compile the engine in the worker (JIT), as the
    // Node figure beside it discards its cold runs.
    const r = await page.evaluate<{ times: number[]; longest: number }>(`(${EDITS})(${edits}, 3)`);
    const sorted = [...r.times].sort((a, b) => a - b);
    const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return {
      board: 'metering-pipeline reference',
      edits,
      p50Ms: pick(0.5),
      p95Ms: pick(0.95),
      longestFrameMs: r.longest,
      engineMs: [...engine].sort((a, b) => a - b)[2]!,
    };
  } finally {
    await browser.close();
  }
}
