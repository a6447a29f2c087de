import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  centre,
  connectNodes,
  dragFromPalette,
  drag,
  nodeIds,
  openApp,
  SHOTS,
  visible,
  type Session,
} from './browser';

mkdirSync(SHOTS, { recursive: true });
let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function clearBoard(page: Session['page']) {
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
}

describe('board editor', () => {
  it('opens the sample board on first start', async () => {
    s = await openApp();
    const kinds = await s.page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['producer', 'queue', 'aggregator', 'ledger']);
    await expect.poll(() => s!.page.locator('.react-flow__edge').count()).toBe(3);
    await s.page.screenshot({ path: join(SHOTS, 'sample-board.png') });
    expect(s.errors).toEqual([]);
  });

  it('drags three components in, wires them, undoes and redoes', async () => {
    s = await openApp();
    const { page } = s;
    await clearBoard(page);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const drop = (dx: number, dy: number) => ({ x: pane.x + dx, y: pane.y + dy });
    await dragFromPalette(page, 'Producer', drop(200, 200));
    // (The canvas is about 790 px wide at 1440 px beside the 430 px side panel.)
    await dragFromPalette(page, 'Queue', drop(450, 200));
    await dragFromPalette(page, 'Dedup store', drop(700, 200));
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    // Lands where it was dropped: the node's centre is near the drop point.
    const c = await centre(page, '.react-flow__node[data-kind="queue"]');
    expect(Math.abs(c.x - drop(450, 200).x)).toBeLessThan(30);
    expect(Math.abs(c.y - drop(450, 200).y)).toBeLessThan(30);

    const [p, q, d] = await nodeIds(page);
    await connectNodes(page, p!, q!);
    await connectNodes(page, q!, d!);
    await page.screenshot({ path: join(SHOTS, 'wired.png') });
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'wired.png') });

    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+y');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // A dragged move is one undo step.
    const before = await centre(page, `.react-flow__node[data-id="${d}"]`);
    await drag(page, before, { x: before.x + 40, y: before.y + 120 }, 8);
    const after = await centre(page, `.react-flow__node[data-id="${d}"]`);
    expect(after.y - before.y).toBeGreaterThan(80);
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await centre(page, `.react-flow__node[data-id="${d}"]`)).y)
      .toBeCloseTo(before.y, -1);
    expect(s.errors).toEqual([]);
  });

  it('edits a config field and refuses a bad value', async () => {
    s = await openApp();
    const { page } = s;
    await page.locator('.react-flow__node[data-kind="aggregator"]').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const grace = inspector.getByLabel('Grace period (ms)');
    await grace.fill('-5');
    await visible(inspector.getByText(/expected a number ≥ 0/));
    await grace.fill('300000');
    await expect.poll(() => inspector.getByText(/expected a number/).count()).toBe(0);
    await inspector.getByLabel('Late events').selectOption('correction-log');
    await inspector.getByLabel('Label').fill('hourly rollup v2');
    expect(await page.locator('.react-flow__node[data-kind="aggregator"]').textContent()).toContain(
      'hourly rollup v2',
    );
    await page.screenshot({ path: join(SHOTS, 'inspector.png') });
    // Undo the label and the late policy; the valid grace value stays; the refused one never landed.
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.locator('.react-flow__node[data-kind="aggregator"]').click();
    await expect.poll(() => inspector.getByLabel('Grace period (ms)').inputValue()).toBe('300000');
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await page.locator('.react-flow__node[data-kind="aggregator"]').click();
    await expect.poll(() => inspector.getByLabel('Grace period (ms)').inputValue()).toBe('0');
    expect(s.errors).toEqual([]);
  });

  it('box-selects and deletes, then auto-layouts', async () => {
    s = await openApp();
    const { page } = s;
    const a = await centre(page, '.react-flow__node[data-kind="producer"]');
    const b = await centre(page, '.react-flow__node[data-kind="queue"]');
    await drag(page, { x: a.x - 40, y: a.y - 60 }, { x: b.x + 10, y: b.y + 60 }, 10);
    await page.screenshot({ path: join(SHOTS, 'box-select.png') });
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    // Scatter a node, then auto-layout puts the chain back in one left-to-right row.
    const l = await centre(page, '.react-flow__node[data-kind="ledger"]');
    await drag(page, l, { x: l.x - 300, y: l.y + 200 }, 8);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect
      .poll(async () => {
        const ys = await page
          .locator('.react-flow__node')
          .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
        return Math.max(...ys) - Math.min(...ys);
      })
      .toBeLessThan(10);
    const xs = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect([...xs].sort((x, y) => x - y)).toEqual(xs);
    await page.screenshot({ path: join(SHOTS, 'layout.png') });
    expect(s.errors).toEqual([]);
  });
});
