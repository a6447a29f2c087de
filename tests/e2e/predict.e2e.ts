import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeSerious } from './a11y';
import { openApp, SHOTS, visible, startRound, type Session } from './browser';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A metering pipeline with no deduplication: under the round's duplicates it double-bills. */
const NAIVE = {
  format: 'faultline/design',
  version: 1,
  title: 'Practice: naive',
  nodes: [
    { id: 'p', kind: 'producer', label: 'api', position: { x: 0, y: 0 }, config: {} },
    { id: 'q', kind: 'queue', label: 'events', position: { x: 250, y: 0 }, config: {} },
    { id: 'a', kind: 'aggregator', label: 'rollup', position: { x: 500, y: 0 }, config: {} },
    { id: 'l', kind: 'ledger', label: 'ledger', position: { x: 750, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'p', target: 'q' },
    { id: 'e2', source: 'q', target: 'a' },
    { id: 'e3', source: 'a', target: 'l' },
  ],
};

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.tagName.toLowerCase()}:${el.type}:${el.name}:${el.value}` : '';
  });

describe('predict, then run', () => {
  it('keyboard only: predict each invariant, Run waits for all, then the score; kept in the attempt history', async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 } });
    const { page } = s;

    await startRound(page, 'metering-pipeline');
    await page.evaluate((b) => window.__faultline!.loadBoard(b as never), NAIVE);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);

    await page.getByRole('tab', { name: 'Run' }).click();
    const run = page.getByRole('button', { name: 'Run', exact: true });
    const toggle = page.getByRole('checkbox', { name: 'Predict before running' });
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(true);

    // The invariants this run checks, one radio group each; Run waits until every one is answered.
    const form = page.getByRole('group', { name: 'Your prediction for the next run' });
    await visible(form);
    const groups = form.getByRole('group');
    const ids = (
      await groups.evaluateAll((els) => els.map((e) => e.querySelector('legend')?.textContent ?? ''))
    )
      .map((t) => t.trim())
      .filter(Boolean);
    expect(ids).toContain('usage-billed-exactly-once');
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(await run.isDisabled()).toBe(true);
    expect(await run.getAttribute('aria-describedby')).toBe('predict-status');
    expect(await page.locator('#predict-status').textContent()).toMatch(
      new RegExp(`^0 of ${ids.length} predicted`),
    );
    // Live badges would give the answers away: hidden while predicting.
    await visible(page.getByText('Live verdicts are hidden while you predict.'));
    expect(await page.locator('.react-flow [aria-label="Live verdicts"]').count()).toBe(0);

    // The run shortcut is held back too, with a notice saying why.
    await page.keyboard.press('Control+Enter');
    await visible(page.getByText(/^Predict \d+ more invariants \(holds or breaks\) before running\.$/));
    expect(await page.getByRole('table', { name: 'Invariant results' }).count()).toBe(0);

    // Tab into each group in turn: Space picks "holds", ArrowRight moves to and picks "breaks".
    const predicted: Record<string, string> = {};
    await toggle.focus();
    for (const id of ids) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(`input:radio:predict-${id}:holds`);
      if (id === 'usage-billed-exactly-once' || id === 'pipeline-live') {
        await page.keyboard.press('ArrowRight');
        predicted[id] = 'breaks';
      } else {
        await page.keyboard.press('Space');
        predicted[id] = 'holds';
      }
      expect(await focused(page)).toBe(`input:radio:predict-${id}:${predicted[id]}`);
    }
    expect(await run.isEnabled()).toBe(true);
    expect(await page.locator('#predict-status').textContent()).toMatch(/^All \d+ predicted/);
    await page.screenshot({ path: join(SHOTS, 'predict-form-1280.png') });
    const formFindings = await axeSerious(page);
    expect(formFindings, JSON.stringify(formFindings, null, 1)).toEqual([]);

    // Tab on to Run, press Enter; the score takes focus when the verdicts arrive.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Run');
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('region', { name: /^You predicted \d+ of \d+/ });
    await visible(outcome, 60_000);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('predict-outcome-title');

    // Each row: what was predicted, what the run said — the same verdict as the results table.
    const results = page.getByRole('table', { name: 'Invariant results' });
    await visible(results);
    let right = 0;
    for (const id of ids) {
      const row = outcome.getByRole('row').filter({ hasText: id });
      const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.trim());
      const verdict = (await results
        .getByRole('row')
        .filter({ hasText: id })
        .getByRole('cell')
        .nth(1)
        .textContent())!;
      const actual = verdict.includes('VIOLATED')
        ? 'breaks'
        : verdict.includes('held')
          ? 'holds'
          : 'inconclusive';
      expect(cells.slice(1, 3)).toEqual([predicted[id], actual]);
      expect(cells[3]).toBe(actual === predicted[id] ? '✓ right' : '✗ wrong');
      if (actual === predicted[id]) right++;
    }
    expect(await outcome.getByRole('heading').textContent()).toBe(
      `You predicted ${right} of ${ids.length} (${right}/${ids.length})`,
    );
    await visible(outcome.getByText('Kept with this round’s attempt in the attempts history.'));
    // The next run needs fresh predictions.
    expect(await page.getByRole('button', { name: 'Run again', exact: true }).isDisabled()).toBe(true);
    await outcome.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'predict-outcome-1280.png') });
    const outcomeFindings = await axeSerious(page);
    expect(outcomeFindings, JSON.stringify(outcomeFindings, null, 1)).toEqual([]);

    // Narrow: the side panel floats over the canvas; the outcome still reads (no scrolling needed).
    await page.setViewportSize({ width: 900, height: 800 });
    await visible(outcome);
    // Wait for the panel to settle into its overlay place (it slides in), then check it is on screen.
    await expect
      .poll(async () => {
        const box = await outcome.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 900;
      })
      .toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    await page.screenshot({ path: join(SHOTS, 'predict-outcome-900.png') });
    const narrowFindings = await axeSerious(page);
    expect(narrowFindings, JSON.stringify(narrowFindings, null, 1)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Submit: the attempt carries the scored run, saved in the browser and shown in the history.
    await page.getByRole('tab', { name: 'Round' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await visible(page.getByRole('region', { name: 'Comparison' }), 90_000);
    await page.getByRole('button', { name: 'Attempts (1)' }).click();
    const history = page.getByRole('table', { name: 'Attempts' });
    await visible(history.getByText(`${right}/${ids.length} over 1 run`));
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'predict-history-1280.png') });
    const saved = await page.evaluate(
      () =>
        JSON.parse(localStorage.getItem('faultline:attempts') ?? 'null') as {
          data: Record<string, { predictions?: unknown[] }[]>;
        },
    );
    const attempt = saved.data['metering-pipeline']?.[0];
    expect(attempt?.predictions).toHaveLength(1);
    expect(attempt?.predictions?.[0]).toMatchObject({ correct: right, scored: ids.length });
    expect(s.errors).toEqual([]);
  });
});
