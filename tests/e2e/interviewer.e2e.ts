import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, SHOTS, visible, type Session } from './browser';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('the adversarial interviewer', () => {
  it('sample board → Break my design → question → Load → Run → violated → apply the top repair → Run → holds', async () => {
    s = await openApp();
    const { page } = s;
    // A fresh profile opens the sample board (a naive metering pipeline).
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Break my design' }).click();
    const interviewer = page.getByRole('region', { name: 'Interviewer' });
    await visible(interviewer, 60_000);
    await expect.poll(() => interviewer.textContent(), { timeout: 10_000 }).toMatch(/What happens if .+\?/);
    const text = (await interviewer.textContent()) ?? '';
    const invariant = /Breaks (\S+) \(/.exec(text)?.[1];
    expect(invariant).toBeTruthy();

    await interviewer.getByRole('button', { name: 'Load' }).click();
    await visible(page.getByRole('listitem', { name: /Fault 1:/ }));
    await page.getByRole('button', { name: /^Run( again)?$/ }).click();
    const row = page
      .getByRole('table', { name: 'Invariant results' })
      .getByRole('row')
      .filter({ hasText: invariant! });
    await visible(row.getByText('VIOLATED'), 30_000);

    // The repair search runs after the question; the top suggestion is previewed as ghosts.
    const apply = interviewer.getByRole('button', { name: 'Apply repair 1' });
    await visible(apply, 60_000);
    await expect
      .poll(() => page.locator('.fl-node.is-ghost, .fl-node.is-repair-changed').count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.react-flow__edge.is-ghost').count()).toBeGreaterThan(0);
    await visible(page.locator('.react-flow__edge.is-ghost').first());
    await page.screenshot({ path: join(SHOTS, 'interviewer-repair.png') });
    const before = await page.locator('.react-flow__node').count();
    const ghosts = await page.locator('.fl-node.is-ghost').count();
    await apply.click();
    await expect.poll(() => page.locator('.fl-node.is-ghost').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
    expect(await page.locator('.react-flow__node').count()).toBe(before);
    // Applying is one undoable step.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before - ghosts);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);

    await page.getByRole('button', { name: /^Run( again)?$/ }).click();
    await visible(row.getByText('held'), 30_000);
    // Live verdicts follow the edit (under the loaded plan).
    await visible(page.getByRole('status', { name: 'Live verdicts' }).first());
    expect(s.errors).toEqual([]);
  });
});
