import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureBundle } from '../../scripts/bench/bundle';
import { openApp, type Session } from './browser';

/** Issue #10's budget for the JavaScript the first paint loads, gzip -9 (`npm run bench`). */
const FIRST_LOAD_BUDGET_BYTES = 150 * 1024;

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('first load (the built app in dist/)', () => {
  const bundle = measureBundle('dist');
  const firstLoad = bundle.chunks
    .filter((c) => c.initial)
    .map((c) => readFileSync(join('dist/assets', c.file), 'utf8'))
    .join('\n');

  it(`stays within ${FIRST_LOAD_BUDGET_BYTES / 1024} kB gzip`, () => {
    expect(bundle.initialGzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('carries what the first paint shows and leaves out what loads later', () => {
    // The palette's kinds and descriptions are drawn at once.
    expect(firstLoad).toContain('Dedup store');
    expect(firstLoad).toContain('Drops messages whose key it has already seen');
    const later = {
      'a config field’s help text (inspector)': 'How many customers the workload is spread over.',
      'an invariant’s meaning (run panel)': 'Per tenant, billed quantity equals produced quantity.',
      'the two-tab conflict notice (boards store write side)': 'saved more recently in another tab',
      'the in-place text editor (annotation actions)': 'setSelectionRange',
      'XState (run machinery)': 'xstate.init',
      'dnd-kit (palette drag layer)': 'To pick up a draggable item',
      'the CSS colour names (d3-color, not needed by React Flow)': 'aliceblue',
      'React Flow’s lock toggle (its Controls)': 'react-flow__controls-interactive',
    };
    for (const [what, text] of Object.entries(later)) expect(firstLoad.includes(text), what).toBe(false);
  });

  it('the lazy parts arrive after the first paint: the sample is saved, notes edit in place, zoom buttons animate', async () => {
    s = await openApp();
    const { page } = s;
    // The boards store's write side saves the first-start sample as soon as it loads.
    await expect
      .poll(() =>
        page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('faultline:board:'))),
      )
      .toBe(true);
    const scale = () =>
      page
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const before = await scale();
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect.poll(scale).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Fit View' }).click();
    // A note added from the keyboard opens its editor (loaded after the first paint).
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('n');
    const editor = page.getByRole('textbox', { name: 'Note text' });
    await editor.waitFor();
    await page.keyboard.type('p99 < 200 ms');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.fl-sticky-text').allTextContents()).toContain('p99 < 200 ms');
    expect(s.errors).toEqual([]);
  });
});
