import type { Page } from 'playwright-core';
import { COMPONENT_KINDS, createDefaultConfig, type Board } from '../../src/domain';
import { openBenchBrowser } from './staticServer';

/** A generated board: a grid of components, each wired to its right-hand neighbour. */
export function generateBoard(n: number): Board {
  const cols = Math.ceil(Math.sqrt(n * 2));
  const nodes = Array.from({ length: n }, (_, i) => {
    const kind = COMPONENT_KINDS[i % COMPONENT_KINDS.length]!;
    return {
      id: `n${i}`,
      kind,
      label: `${kind} ${i}`,
      position: { x: (i % cols) * 240, y: Math.floor(i / cols) * 120 },
      config: createDefaultConfig(kind),
    };
  });
  const edges = nodes
    .slice(1)
    .filter((_, i) => (i + 1) % cols !== 0)
    .map((nd, i) => ({ id: `e${i}`, source: `n${Number(nd.id.slice(1)) - 1}`, target: nd.id }));
  return { format: 'faultline/design', version: 1, title: `${n} nodes`, nodes, edges };
}

export interface CanvasFigures {
  nodes: number;
  openMs: number;
  fps: number;
  bareOpenMs: number;
  bareFps: number;
  fpsRatio: number;
}

// The in-page code is kept as plain strings: tsx (esbuild) wraps named functions with a `__name`
// helper that does not exist inside the page.
const OPEN_BOARD = `async ({ which, board }) => {
  const w = window;
  const target = which === 'app' ? w.__faultline : w.__bare;
  target.flow().setViewport({ x: 0, y: 0, zoom: 1 });
  const t0 = performance.now();
  if (which === 'app') target.loadBoard(board); else target.load(board);
  await new Promise((resolve) => {
    const check = () => {
      const els = document.querySelectorAll('.react-flow__node');
      if (els.length > 0 && [...els].every((e) => e.style.visibility !== 'hidden')) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  const elapsed = performance.now() - t0;
  // The app fits its view to a newly opened board; put both pages back on the same viewport so that
  // what follows draws the same nodes in each.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))));
  target.flow().setViewport({ x: 0, y: 0, zoom: 1 });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return elapsed;
}`;

const PAN_AND_ZOOM = `async ({ which, seconds }) => {
  const w = window;
  const rf = (which === 'app' ? w.__faultline : w.__bare).flow();
  let frames = 0;
  let longest = 0;
  let last = performance.now();
  const t0 = last;
  await new Promise((resolve) => {
    const tick = (t) => {
      const dt = t - t0;
      longest = Math.max(longest, t - last);
      last = t;
      rf.setViewport({ x: -dt * 0.6, y: -dt * 0.25, zoom: 1 + 0.25 * Math.sin(dt / 600) });
      frames++;
      if (dt < seconds * 1000) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  });
  return frames / ((performance.now() - t0) / 1000);
}`;

async function openBoard(page: Page, which: 'app' | 'bare', board: Board): Promise<number> {
  return page.evaluate<number>(`(${OPEN_BOARD})(${JSON.stringify({ which, board })})`);
}

async function panAndZoom(page: Page, which: 'app' | 'bare', seconds: number): Promise<number> {
  return page.evaluate<number>(`(${PAN_AND_ZOOM})(${JSON.stringify({ which, seconds })})`);
}

/** Opens generated boards in the built app and in a bare React Flow page, in the same browser. */
export async function benchCanvas(
  sizes: number[],
  opts: { seconds?: number } = {},
): Promise<CanvasFigures[]> {
  const { url, ctx, close } = await openBenchBrowser({ '/': 'dist', '/bare/': 'dist-bench' });
  const out: CanvasFigures[] = [];
  try {
    for (const n of sizes) {
      const board = generateBoard(n);
      const app = await ctx.newPage();
      await app.goto(`${url}/`);
      await app.waitForFunction('window.__faultline && window.__faultline.flow()');
      const openMs = await openBoard(app, 'app', board);
      const fps = await panAndZoom(app, 'app', opts.seconds ?? 3);
      await app.close();
      const bare = await ctx.newPage();
      await bare.goto(`${url}/bare/`);
      await bare.waitForFunction('window.__bare && window.__bare.flow()');
      const bareOpenMs = await openBoard(bare, 'bare', board);
      const bareFps = await panAndZoom(bare, 'bare', opts.seconds ?? 3);
      await bare.close();
      out.push({ nodes: n, openMs, fps, bareOpenMs, bareFps, fpsRatio: fps / bareFps });
    }
  } finally {
    await close();
  }
  return out;
}

export interface DragFigures {
  nodes: number;
  dragFps: number;
  longestFrameMs: number;
  moves: number;
  bareDragFps: number;
  bareLongestFrameMs: number;
}

const FRAME_WATCH = `() => {
  window.__fw = { longest: 0, count: 0, stop: false, t0: performance.now() };
  let last = performance.now();
  const tick = (t) => { const f = window.__fw; f.longest = Math.max(f.longest, t - last); f.count++; last = t; if (!f.stop) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
}`;

/** Drags one node around a board of `n` nodes with real pointer events, in the app and in bare React Flow. */
export async function benchDrag(n: number, opts: { seconds?: number } = {}): Promise<DragFigures> {
  const { url, ctx, close } = await openBenchBrowser({ '/': 'dist', '/bare/': 'dist-bench' });
  try {
    const app = await dragIn(await ctx.newPage(), `${url}/`, 'app', n, opts.seconds ?? 3);
    const bare = await dragIn(await ctx.newPage(), `${url}/bare/`, 'bare', n, opts.seconds ?? 3);
    return {
      nodes: n,
      dragFps: app.fps,
      longestFrameMs: app.longest,
      moves: app.moves,
      bareDragFps: bare.fps,
      bareLongestFrameMs: bare.longest,
    };
  } finally {
    await close();
  }
}

async function dragIn(page: Page, url: string, which: 'app' | 'bare', n: number, seconds: number) {
  await page.goto(url);
  await page.waitForFunction(
    which === 'app'
      ? 'window.__faultline && window.__faultline.flow()'
      : 'window.__bare && window.__bare.flow()',
  );
  await openBoard(page, which, generateBoard(n));
  const box = (await page.locator('.react-flow__node[data-id="n0"]').boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.evaluate(`(${FRAME_WATCH})()`);
  const t0 = Date.now();
  let moves = 0;
  while (Date.now() - t0 < seconds * 1000) {
    moves++;
    await page.mouse.move(start.x + 200 * Math.sin(moves / 10), start.y + 120 * Math.cos(moves / 13));
  }
  const f = await page.evaluate<{ longest: number; count: number; t0: number; t1: number }>(
    '(() => { window.__fw.stop = true; return { ...window.__fw, t1: performance.now() }; })()',
  );
  await page.mouse.up();
  await page.close();
  return { fps: f.count / ((f.t1 - f.t0) / 1000), longest: f.longest, moves };
}
