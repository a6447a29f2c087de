import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawChain, openApp, SHOTS, visible, startRound, type Session } from './browser';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('Temporal practice round', () => {
  it('workflow-replay: workflow code that reads the wall clock gets stuck on replay, and the result says so', async () => {
    s = await openApp();
    const { page } = s;
    await startRound(page, 'workflow-replay');

    // The wrong design: requests into a workflow whose code branches on the system clock.
    const [producer, workflow] = await drawChain(page, ['Producer', 'Workflow', 'Activity']);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.getByRole('tab', { name: 'Inspector' }).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await page.locator(`.react-flow__node[data-id="${producer}"]`).click();
    await inspector.getByLabel('Workload').selectOption('requests');
    await page.locator(`.react-flow__node[data-id="${workflow}"]`).click();
    await inspector.getByLabel('Workflow code').selectOption('reads-wall-clock');
    await expect.poll(() => inspector.getByLabel('Workflow code').inputValue()).toBe('reads-wall-clock');

    await page.getByRole('tab', { name: 'Round' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await visible(comparison, 60_000);
    const row = comparison
      .getByRole('table', { name: 'Invariants side by side' })
      .getByRole('row')
      .filter({ hasText: 'workflow-completes' });
    await visible(row.getByText(/VIOLATED/));
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/non-determinism error: replay after the restart/);
    expect(text).toMatch(/reads the wall clock/);
    await page.screenshot({ path: join(SHOTS, 'temporal-workflow-replay.png') });
    expect(s.errors).toEqual([]);
  });
});
