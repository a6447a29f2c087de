import { openBenchBrowser } from './staticServer';

export interface UiLoadFigures {
  events: number;
  longestFrameMs: number;
  frames: number;
  workerRunMs: number;
}

// In-page frame watcher, as a string: tsx's __name helper does not exist in the page.
const WATCH = `() => {
  window.__frames = { longest: 0, count: 0, stop: false };
  let last = performance.now();
  const tick = (t) => {
    const f = window.__frames;
    f.longest = Math.max(f.longest, t - last); f.count++; last = t;
    if (!f.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
}`;

/**
 * While a large run goes in the worker, how long is the main thread's longest frame? The baseline
 * is the worker's own run time: what the page would freeze for if the engine ran on the main thread.
 */
export async function benchUiLoad(events = 1_000_000): Promise<UiLoadFigures> {
  const { url, ctx, close } = await openBenchBrowser({ '/': 'dist' });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${url}/`);
    await page.waitForSelector('.react-flow__node');
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Add a preset').selectOption('at-least-once');
    await page.getByLabel('Events', { exact: true }).fill(String(events));
    await page.evaluate(`(${WATCH})()`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('table', { name: 'Invariant results' }).waitFor({ timeout: 300_000 });
    const f = await page.evaluate<{ longest: number; count: number }>(
      '(() => { window.__frames.stop = true; return window.__frames; })()',
    );
    // The run panel's status line (not a live region: the run announcer speaks the outcome).
    const status = await page.getByText(/events processed in \d+ ms/).textContent();
    const workerRunMs = Number(/in (\d+) ms/.exec(status ?? '')?.[1] ?? NaN);
    return { events, longestFrameMs: f.longest, frames: f.count, workerRunMs };
  } finally {
    await close();
  }
}
