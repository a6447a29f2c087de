import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface Session {
  context: BrowserContext;
  page: Page;
  url: string;
  /** Page errors and console errors seen so far; tests assert it stays empty. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens the app in a fresh Chromium profile (or `profileDir`, to reopen one). Every page error and
 * console error is collected so that a test can fail on it.
 */
export async function openApp(
  opts: {
    profileDir?: string;
    hash?: string;
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
  } = {},
): Promise<Session & { profileDir: string }> {
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'faultline-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const url = inject('baseUrl') + (opts.hash ?? '');
  await page.goto(url);
  await page.waitForSelector('.react-flow__renderer');
  return {
    context,
    page,
    url: inject('baseUrl'),
    errors,
    profileDir,
    async close() {
      await context.close();
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** A real pointer drag with several intermediate moves (a palette drag starts after 5 px of movement). */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  }
  await page.mouse.up();
}

export async function centre(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item (by its accessible name) to a point on the screen. */
export async function dragFromPalette(page: Page, name: string, to: { x: number; y: number }) {
  const item = page.getByRole('region', { name: 'Components' }).getByRole('button', { name, exact: true });
  await item.scrollIntoViewIfNeeded();
  const box = (await item.boundingBox())!;
  await drag(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, to);
}

/** Connects the source handle of one node to the target handle of another. */
export async function connectNodes(page: Page, sourceNodeId: string, targetNodeId: string) {
  const from = await centre(page, `.react-flow__node[data-id="${sourceNodeId}"] .react-flow__handle.source`);
  const to = await centre(page, `.react-flow__node[data-id="${targetNodeId}"] .react-flow__handle.target`);
  await drag(page, from, to, 10);
}

export async function nodeIds(page: Page): Promise<string[]> {
  return page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** Waits until the locator's first match is visible (Playwright's own expect is not available under Vitest). */
export async function visible(locator: import('playwright-core').Locator, timeout = 10_000) {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Draws components left to right by dragging them from the palette, then wires them in a chain. */
export async function drawChain(page: Page, names: string[]) {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const before = await page.locator('.react-flow__node').count();
  for (const [i, name] of names.entries())
    await dragFromPalette(page, name, { x: pane.x + 120 + i * 210, y: pane.y + 200 });
  await page.waitForFunction(
    (n) => document.querySelectorAll('.react-flow__node').length === n,
    before + names.length,
  );
  const ids = (await nodeIds(page)).slice(before);
  for (let i = 1; i < ids.length; i++) await connectNodes(page, ids[i - 1]!, ids[i]!);
  return ids;
}

/** Opens the Practice tab and starts round `id` from the scenario list; waits for its timer. */
export async function startRound(page: Page, id: string) {
  await page.getByRole('button', { name: 'Practice' }).click();
  await page
    .getByRole('region', { name: 'Scenarios' })
    .locator(`[data-scenario="${id}"]`)
    .getByRole('button', { name: /^Start/ })
    .click();
  await visible(page.getByRole('timer', { name: 'Round timer' }));
}
