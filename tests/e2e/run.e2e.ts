import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawChain, openApp, SHOTS, visible, type Session } from './browser';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('running a board', () => {
  it('builds a pipeline, injects duplicates, sees the violation and explains it', async () => {
    s = await openApp();
    const { page } = s;
    // A fresh board: producer → queue → aggregator → ledger, drawn by hand.
    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitem', { name: 'New board', exact: true }).click();
    await drawChain(page, ['Producer', 'Queue', 'Aggregator', 'Ledger']);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Add a preset').selectOption('at-least-once');
    await visible(page.getByRole('listitem', { name: /Fault 1: duplicate/ }));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const table = page.getByRole('table', { name: 'Invariant results' });
    await visible(table);
    const row = table.getByRole('row').filter({ hasText: 'usage-billed-exactly-once' });
    await visible(row.getByText('VIOLATED'));
    await page.screenshot({ path: join(SHOTS, 'run-violated.png') });

    await page.getByRole('button', { name: 'Explain usage-billed-exactly-once' }).click();
    await visible(page.getByRole('region', { name: 'Explanation' }));
    await expect.poll(() => page.locator('.fl-node.is-highlighted').count()).toBeGreaterThan(1);
    expect(await page.getByRole('region', { name: 'Explanation' }).textContent()).toMatch(/duplicate/i);
    await page.screenshot({ path: join(SHOTS, 'run-explain.png') });
    expect(s.errors).toEqual([]);
  });

  it('a durable dedup fixes it; the same seed gives the same trace', async () => {
    s = await openApp();
    const { page } = s;
    await page.evaluate(() =>
      window.__faultline!.loadBoard({
        format: 'faultline/design',
        version: 1,
        title: 'Fixed',
        nodes: [
          { id: 'p', kind: 'producer', label: 'api', position: { x: 0, y: 0 }, config: {} },
          { id: 'q', kind: 'queue', label: 'events', position: { x: 250, y: 0 }, config: {} },
          { id: 'd', kind: 'dedup', label: 'dedup', position: { x: 500, y: 0 }, config: { durable: true } },
          { id: 'a', kind: 'aggregator', label: 'rollup', position: { x: 750, y: 0 }, config: {} },
          { id: 'l', kind: 'ledger', label: 'ledger', position: { x: 1000, y: 0 }, config: {} },
        ],
        edges: [
          { id: 'e1', source: 'p', target: 'q' },
          { id: 'e2', source: 'q', target: 'd' },
          { id: 'e3', source: 'd', target: 'a' },
          { id: 'e4', source: 'a', target: 'l' },
        ],
      }),
    );
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Add a preset').selectOption('at-least-once');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const row = page
      .getByRole('table', { name: 'Invariant results' })
      .getByRole('row')
      .filter({ hasText: 'usage-billed-exactly-once' });
    await visible(row.getByText('held'));
    const hash1 = await page.locator('.fl-results h3').textContent();
    await page.getByRole('button', { name: 'Run again' }).click();
    await visible(row.getByText('held'));
    expect(await page.locator('.fl-results h3').textContent()).toBe(hash1);
    // The timeline chart and the counters on nodes.
    await visible(page.getByRole('slider', { name: 'Replay position' }));
    await visible(page.getByLabel('dedup counters'));
    await page.screenshot({ path: join(SHOTS, 'run-held.png') });
    // The inspector shows the selected component's figures from the last run.
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.locator('.react-flow__node[data-kind="dedup"]').click();
    const stats = page
      .getByRole('region', { name: 'Inspector' })
      .getByRole('table', { name: 'Last run at this component' });
    await visible(stats);
    expect(await stats.getByRole('row').filter({ hasText: 'duplicates' }).textContent()).toMatch(
      /duplicates\s*[1-9]/,
    );
    expect(s.errors).toEqual([]);
  });
});
