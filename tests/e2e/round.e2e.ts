import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { axeSerious } from './a11y';
import { openApp, SHOTS, visible, startRound, type Session } from './browser';
import type { Page } from 'playwright-core';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/** The zoom React Flow shows the board at. */
const zoom = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** The on-screen font size of the first node label, in CSS px. */
const labelPx = async (page: Page) => {
  const fontPx = await page
    .locator('.fl-node-label')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  return fontPx * (await zoom(page));
};

describe('accessibility (axe-core: no critical or serious findings)', () => {
  it('first load, a faulted run with Explain, scenarios, a round, a graded round, shortcuts, Export, dark', async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 } });
    const { page } = s;
    const report: Record<string, unknown> = {};
    const check = async (state: string) => {
      const found = await axeSerious(page);
      report[state] = found;
      expect(found, `${state}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
    };

    // First load: the sample opens at a zoom where labels read at 12 px or more.
    await visible(page.locator('.fl-node-label'));
    await expect.poll(() => labelPx(page)).toBeGreaterThanOrEqual(12);
    await shot(page, 'first-load-1280');
    await check('first load');

    // The sample's first Run teaches: its plan has the at-least-once preset, so it double counts.
    await page.getByRole('button', { name: 'Run ▶' }).click();
    const table = page.getByRole('table', { name: 'Invariant results' });
    const row = table.getByRole('row').filter({ hasText: 'usage-billed-exactly-once' });
    await visible(row.getByText('VIOLATED'));
    // The invariant's meaning is in the table, not in a tooltip.
    await visible(row.getByText('Per tenant, billed quantity equals produced quantity.'));
    await page.getByRole('button', { name: 'Explain usage-billed-exactly-once' }).click();
    await visible(page.getByRole('region', { name: 'Explanation' }));
    // One polite live region says the outcome once.
    await expect
      .poll(() => page.getByTestId('run-announcer').textContent())
      .toMatch(/^Run finished: \d+ of \d+ invariants? held\.$/);
    // (React Flow keeps an assertive region of its own for keyboard moves.)
    expect(await page.locator('[aria-live="polite"]').count()).toBe(1);
    expect(
      await page
        .locator('[aria-live]')
        .filter({ hasText: /invariant|Simulating/ })
        .count(),
    ).toBe(1);
    await shot(page, 'run-explain-1280');
    await check('run tab with Explain');

    // The shortcuts overlay: focus moves in, and returns to the button on close.
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await visible(page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
    await check('shortcuts overlay');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Keyboard shortcuts',
    );

    await page.getByRole('button', { name: 'Export' }).click();
    await visible(page.getByRole('menu', { name: 'Export' }));
    await check('export menu');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Practice' }).click();
    await visible(page.getByRole('region', { name: 'Scenarios' }));
    await check('scenario list');

    await startRound(page, 'metering-pipeline');
    // Focus moved into the round panel.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('round-title');
    await shot(page, 'round-in-progress-1280');
    await check('round in progress');

    // Opening the reference before Submit asks first; the safe button has focus.
    await page.getByRole('button', { name: 'Open reference design…' }).click();
    const dlg = page.getByRole('alertdialog', { name: 'Open the reference design now?' });
    await visible(dlg);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await check('reference confirmation');
    await page.keyboard.press('Enter');
    await expect.poll(() => dlg.count()).toBe(0);

    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const score = page.getByTestId('round-score');
    await visible(score, 60_000);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('round-score');
    await shot(page, 'graded-round-1280');
    await check('graded round');

    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('tab', { name: 'Run' }).click();
    await shot(page, 'dark-1280');
    await check('dark theme');
    console.log('axe critical/serious findings per state:', JSON.stringify(report));
    expect(s.errors).toEqual([]);
  });
});

describe('the round as an interview', () => {
  it('shows no key point before Submit; the reference asks first and marks the attempt', async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 } });
    const { page } = s;
    await startRound(page, 'metering-pipeline');
    const scenario = JSON.parse(
      readFileSync(join(process.cwd(), 'content/scenarios/metering-pipeline.json'), 'utf8'),
    ) as { keyPoints: { text: string }[] };
    const keyPoints = scenario.keyPoints;
    expect(keyPoints.length).toBeGreaterThan(0);
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const k of keyPoints) expect(text).not.toContain(k.text.replace(/\s+/g, ' '));
    // Hints say what they cost.
    await visible(page.getByRole('button', { name: /Show hint 1 of \d \(costs 3 points\)/ }));

    await page.getByLabel('Your notes: what you would say').fill('Dedup on the event id before the rollup.');
    await page.getByRole('button', { name: 'Open reference design…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Open reference' }).click();
    await visible(page.getByText('Reference viewed before Submit'));
    await page.getByRole('button', { name: 'Back to my board' }).click();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await visible(page.getByTestId('round-score'), 60_000);
    // After Submit: the self-assessment and the key points.
    await visible(page.getByRole('group', { name: /Which of these did you cover/ }));
    const after = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(keyPoints.some((k) => after.includes(k.text.replace(/\s+/g, ' ')))).toBe(true);
    // Ticking a talking point re-scores without a new attempt.
    const before = Number(await page.locator('.fl-score-num').textContent());
    await page
      .getByRole('group', { name: /Which of these did you cover/ })
      .getByRole('checkbox')
      .first()
      .check();
    await expect
      .poll(async () => Number(await page.locator('.fl-score-num').textContent()))
      .toBeGreaterThan(before);
    const saved = await page.evaluate(() => localStorage.getItem('faultline:attempts'));
    const attempts = (JSON.parse(saved!) as { version: number; data: Record<string, unknown[]> }).data[
      'metering-pipeline'
    ] as { notes?: string; referenceViewed?: boolean; covered?: string[] }[];
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.notes).toContain('Dedup on the event id');
    expect(attempts[0]!.referenceViewed).toBe(true);
    expect(attempts[0]!.covered).toHaveLength(1);
    expect(s.errors).toEqual([]);
  });

  it('switching boards shows no stale results', async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 } });
    const { page } = s;
    await page.getByRole('button', { name: 'Run ▶' }).click();
    await visible(page.getByRole('table', { name: 'Invariant results' }));
    await expect.poll(() => page.locator('.fl-node-counters').count()).toBeGreaterThan(0);
    // A new board: no results, no counters, no timeline.
    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitem', { name: 'New board', exact: true }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByRole('tab', { name: 'Run' }).click();
    expect(await page.getByRole('table', { name: 'Invariant results' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Explain/ }).count()).toBe(0);
    expect(await page.locator('.fl-timeline-chart').count()).toBe(0);
    // Its fault plan is its own (empty), not the sample's.
    expect(await page.getByRole('listitem', { name: /Fault 1/ }).count()).toBe(0);
    // A round's board: none either.
    await startRound(page, 'metering-pipeline');
    await page.getByRole('tab', { name: 'Run' }).click();
    expect(await page.getByRole('table', { name: 'Invariant results' }).count()).toBe(0);
    expect(await page.locator('.fl-node-counters').count()).toBe(0);
    // Back on the sample: its own last run is shown again.
    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitemcheckbox', { name: /^Sample/ }).click();
    await visible(page.getByRole('table', { name: 'Invariant results' }));
    await expect.poll(() => page.locator('.fl-node-counters').count()).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('adds three components, connects them with Connect to, runs, starts a round and submits', async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 } });
    const { page } = s;
    const kb = page.keyboard;
    /** Tabs forward until the focused element matches, failing after `max` presses. */
    const tabTo = async (
      test: (el: { name: string; role: string; text: string; id: string }) => boolean,
      max = 150,
    ) => {
      for (let i = 0; i < max; i++) {
        await kb.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return {
            name: a?.getAttribute('aria-label') ?? '',
            role: a?.getAttribute('role') ?? a?.tagName.toLowerCase() ?? '',
            text: (a?.textContent ?? '').trim(),
            id: a?.dataset.id ?? '',
          };
        });
        if (test(el)) return;
      }
      throw new Error('not reached by Tab');
    };
    // A new board (Alt+N), then three components from the palette with Enter.
    await page.locator('body').focus();
    await kb.press('Alt+N');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    for (const name of ['Producer', 'Queue', 'Aggregator']) {
      await tabTo((e) => e.text === name);
      await kb.press('Enter');
    }
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    // Enter-added components do not land on one another.
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect()).map((r) => `${Math.round(r.x)},${Math.round(r.y)}`),
      );
    expect(new Set(boxes).size).toBe(3);

    // Select each node by keyboard (Tab reaches nodes; Enter selects), then Connect to the next.
    const connect = async (from: number, toLabel: string) => {
      const id = (await page.locator('.react-flow__node').nth(from).getAttribute('data-id'))!;
      // Shift+Tab back to the top of the page, then Tab to the node.
      await page.getByRole('button', { name: 'Boards' }).focus();
      await tabTo((e) => e.id === id);
      // The focused node shows a focus ring.
      const ring = await page
        .locator(`.react-flow__node[data-id="${id}"] .fl-node`)
        .evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
      expect(ring).toBe('solid 3px');
      if (from === 0) await shot(page, 'keyboard-node-focus-1280');
      await kb.press('Enter');
      await expect.poll(() => page.locator(`.react-flow__node[data-id="${id}"].selected`).count()).toBe(1);
      await tabTo((e) => e.text === 'Connect to');
      await kb.press('Enter');
      for (let i = 0; i < 5; i++) {
        const t = await page.evaluate(() => document.activeElement?.textContent ?? '');
        if (t.startsWith(toLabel)) break;
        await kb.press('ArrowDown');
      }
      await kb.press('Enter');
    };
    const labels = await page.locator('.fl-node-label').allTextContents();
    await connect(0, labels[1]!);
    await connect(1, labels[2]!);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await shot(page, 'keyboard-connected-1280');

    // Run (Ctrl+Enter), start a round, submit.
    await kb.press('Control+Enter');
    await visible(page.getByRole('table', { name: 'Invariant results' }));
    await page.getByRole('button', { name: 'Practice' }).focus();
    await kb.press('Enter');
    await tabTo((e) => e.name === 'Start Metering pipeline' || /^Start /.test(e.name));
    await kb.press('Enter');
    await visible(page.getByRole('timer', { name: 'Round timer' }));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('round-title');
    await tabTo((e) => e.text === 'Submit');
    await kb.press('Enter');
    await visible(page.getByTestId('round-score'), 60_000);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('round-score');
    expect(s.errors).toEqual([]);
  });
});

describe('narrow screens', () => {
  it('900 px wide: icon palette, overlay side panel, no sideways scroll, legible zoom', async () => {
    s = await openApp({ viewport: { width: 900, height: 800 } });
    const { page } = s;
    await visible(page.locator('.fl-node-label'));
    await expect.poll(() => labelPx(page)).toBeGreaterThanOrEqual(12);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    const theme = await page.getByRole('button', { name: 'Theme' }).boundingBox();
    const help = await page.getByRole('button', { name: 'Keyboard shortcuts' }).boundingBox();
    expect(theme!.x + theme!.width).toBeLessThanOrEqual(900);
    expect(help!.x + help!.width).toBeLessThanOrEqual(900);
    await shot(page, 'narrow-900-first-load');
    await page.getByRole('button', { name: 'Run ▶' }).click();
    await visible(page.getByRole('table', { name: 'Invariant results' }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    await shot(page, 'narrow-900-run');
    const found = await axeSerious(page);
    expect(found, JSON.stringify(found)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
