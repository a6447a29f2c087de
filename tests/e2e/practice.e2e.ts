import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawChain, openApp, SHOTS, visible, startRound, type Session } from './browser';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('practice round', () => {
  it('metering-pipeline without dedup: the violated invariant and the missing role; then the reference', async () => {
    s = await openApp();
    const { page } = s;
    await startRound(page, 'metering-pipeline');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);

    await drawChain(page, ['Producer', 'Queue', 'Aggregator', 'Ledger']);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    await page.getByRole('button', { name: /^Show hint 1 of \d \(costs \d+ points\)$/ }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await visible(comparison, 60_000);
    const side = comparison.getByRole('table', { name: 'Invariants side by side' });
    const row = side.getByRole('row').filter({ hasText: 'usage-billed-exactly-once' });
    await visible(row.getByText(/VIOLATED/));
    await visible(row.getByText('held'));
    const gaps = await comparison.getByRole('list', { name: 'What to change' }).textContent();
    expect(gaps).toMatch(/dedup|deduplicat/i);
    await page.screenshot({ path: join(SHOTS, 'practice-comparison.png') });

    // After Submit the reference opens without asking.
    await page.getByRole('button', { name: 'Open reference design', exact: true }).click();
    await expect
      .poll(() =>
        page
          .locator(
            '.react-flow__node[data-kind="dedup"], .react-flow__node[data-kind="database"], .react-flow__node[data-kind="idempotency-store"]',
          )
          .count(),
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'practice-reference.png') });
    await page.getByRole('button', { name: 'Back to my board' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    expect(s.errors).toEqual([]);
  });
});
