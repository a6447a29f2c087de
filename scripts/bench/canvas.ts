import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { COMPONENT_KINDS, createDefaultConfig, type Board } from '../../src/domain';
import { serveStatic } from './staticServer';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A generated board: a grid of components, each wired to its right-hand neighbour. */
export function generateBoard(n: number): Board {
  const cols = Math.ceil(Math.sqrt(n * 2));
  const nodes = Array.from({ length: n }, (_, i) => {
    const kind = COMPONENT_KINDS[i % COMPONENT_KINDS.length]!;
    return { id: `n${i}`, kind, label: `${kind} ${i}`, position: { x: (i % cols) * 240, y: Math.floor(i / cols) * 120 }, config: createDefaultConfig(kind) };
  });
  const edges = nodes.slice(1).filter((_, i) => (i + 1) % cols !== 0).map((nd, i) => ({ id: `e${i}`, source: `n${Number(nd.id.slice(1)) - 1}`, target: nd.id }));
  return { format: 'faultline/design', version: 1, title: `${n} nodes`, nodes, edges };
}

export interface CanvasFigures { nodes: number; openMs: number; fps: number; bareOpenMs: number; bareFps: number; fpsRatio: number }

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
  return performance.now() - t0;
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
  return page.evaluate(`(${OPEN_BOARD})(${JSON.stringify({ which, board })})`) as Promise<number>;
}

async function panAndZoom(page: Page, which: 'app' | 'bare', seconds: number): Promise<number> {
  return page.evaluate(`(${PAN_AND_ZOOM})(${JSON.stringify({ which, seconds })})`) as Promise<number>;
}

/** Opens generated boards in the built app and in a bare React Flow page, in the same browser. */
export async function benchCanvas(sizes: number[], opts: { seconds?: number; executablePath?: string } = {}): Promise<CanvasFigures[]> {
  const { url, server } = await serveStatic({ '/': 'dist', '/bare/': 'dist-bench' });
  const profile = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1440, height: 900 } });
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
    await ctx.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}
