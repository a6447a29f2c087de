import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { centre, drag, dragFromPalette, openApp, SHOTS, visible, type Session } from './browser';

let sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions) await s.close();
  sessions = [];
});
const track = <T extends Session>(s: T) => {
  sessions.push(s);
  return s;
};

const kinds = (page: Session['page']) =>
  page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));

describe('boards in the browser', () => {
  it('finds the board as it was after a reload', async () => {
    const s = track(await openApp());
    const pane = (await s.page.locator('.react-flow__pane').boundingBox())!;
    await dragFromPalette(s.page, 'Dedup store', { x: pane.x + 300, y: pane.y + 420 });
    await expect.poll(() => s.page.locator('.react-flow__node').count()).toBe(5);
    const title = s.page.getByLabel('Board title');
    await title.fill('Reload me');
    await title.press('Enter');
    // The autosave lands (throttled); closing the tab mid-throttle is the next test's case.
    await expect
      .poll(() =>
        s.page.evaluate(() => {
          const id = (JSON.parse(localStorage.getItem('faultline:index')!) as { activeId: string }).activeId;
          return (JSON.parse(localStorage.getItem(`faultline:board:${id}`)!) as { board: { title: string } })
            .board.title;
        }),
      )
      .toBe('Reload me');
    await s.page.reload();
    await s.page.waitForSelector('.react-flow__node');
    expect(await kinds(s.page)).toEqual(['producer', 'queue', 'aggregator', 'ledger', 'dedup']);
    await expect.poll(() => s.page.getByLabel('Board title').inputValue()).toBe('Reload me');
    expect(s.errors).toEqual([]);
  });

  it('flushes a pending save when the tab is closed right after an edit', async () => {
    const s = track(await openApp());
    const profileDir = s.profileDir;
    const l = await centre(s.page, '.react-flow__node[data-kind="ledger"]');
    await drag(s.page, l, { x: l.x, y: l.y + 150 }, 6);
    await s.page.locator('.react-flow__node[data-kind="ledger"]').click();
    await s.page.keyboard.press('Delete');
    await expect.poll(() => s.page.locator('.react-flow__node').count()).toBe(3);
    // With runBeforeUnload, close() does not wait for the page to go: wait for it, or the browser
    // may be shut down before the page's pagehide handlers run.
    const closed = new Promise((resolve) => s.page.once('close', resolve));
    await s.page.close({ runBeforeUnload: true });
    await closed;
    await s.context.close();
    sessions = [];
    const again = track(await openApp({ profileDir }));
    expect(await kinds(again.page)).toEqual(['producer', 'queue', 'aggregator']);
  });

  it('keeps several boards: new, switch, duplicate, delete', async () => {
    const s = track(await openApp());
    const { page } = s;
    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitem', { name: 'New board', exact: true }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page
      .getByRole('region', { name: 'Components' })
      .getByRole('button', { name: 'Ledger', exact: true })
      .press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitemcheckbox', { name: /Sample/ }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await expect.poll(() => page.getByLabel('Board title').inputValue()).toMatch(/\(copy\)$/);
    await page.getByRole('button', { name: 'Boards' }).click();
    await expect.poll(() => page.getByRole('menuitemcheckbox').count()).toBe(3);
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Boards' }).click();
    await expect.poll(() => page.getByRole('menuitemcheckbox').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'boards-menu.png') });
    expect(s.errors).toEqual([]);
  });

  it('sets a corrupt save aside, reports it, and never overwrites it', async () => {
    const s = track(await openApp());
    const { page } = s;
    const id = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('faultline:index')!) as { activeId: string }).activeId,
    );
    await page.evaluate(
      (id) =>
        localStorage.setItem(
          `faultline:board:${id}`,
          '{"savedVersion": 3, "board": {"format": "faultline/design", "version": 1, "nodes": [oops',
        ),
      id,
    );
    await page.reload();
    await visible(page.getByRole('alert').filter({ hasText: 'could not be opened' }));
    await visible(page.getByRole('button', { name: 'Download raw data' }));
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('faultline:quarantine:'))
        .map((k) => localStorage.getItem(k)),
    );
    expect(stored.some((v) => v?.includes('[oops'))).toBe(true);
    // Editing and saving afterwards does not touch the quarantined copy.
    await page
      .getByRole('region', { name: 'Components' })
      .getByRole('button', { name: 'Queue', exact: true })
      .press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const id = (JSON.parse(localStorage.getItem('faultline:index')!) as { activeId: string }).activeId;
          const saved = JSON.parse(
            localStorage.getItem(`faultline:board:${id}`) ?? '{"board":{"nodes":[]}}',
          ) as { board: { nodes: { kind: string }[] } };
          return saved.board.nodes.some((n) => n.kind === 'queue');
        }),
      )
      .toBe(true);
    const after = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('faultline:quarantine:'))
        .map((k) => localStorage.getItem(k)),
    );
    expect(after).toEqual(stored);
    await page.screenshot({ path: join(SHOTS, 'corrupt-save.png') });
  });

  it('two tabs: the outdated tab does not overwrite a newer save', async () => {
    const a = track(await openApp());
    const b = await a.context.newPage();
    await b.goto(a.url);
    await b.waitForSelector('.react-flow__node');
    // Tab A edits and saves.
    await a.page.getByLabel('Board title').fill('Edited in A');
    await a.page.getByLabel('Board title').press('Enter');
    await expect
      .poll(() =>
        a.page.evaluate(() => {
          const id = (JSON.parse(localStorage.getItem('faultline:index')!) as { activeId: string }).activeId;
          return (JSON.parse(localStorage.getItem(`faultline:board:${id}`)!) as { board: { title: string } })
            .board.title;
        }),
      )
      .toBe('Edited in A');
    // Tab B, which loaded the older version, edits too: its save must not clobber A's.
    await b.getByLabel('Board title').fill('Edited in B');
    await b.getByLabel('Board title').press('Enter');
    await visible(b.getByRole('alert').filter({ hasText: 'another tab' }));
    const savedTitle = await a.page.evaluate(() => {
      const id = (JSON.parse(localStorage.getItem('faultline:index')!) as { activeId: string }).activeId;
      return (JSON.parse(localStorage.getItem(`faultline:board:${id}`)!) as { board: { title: string } })
        .board.title;
    });
    expect(savedTitle).toBe('Edited in A');
    await b.getByRole('button', { name: 'Save mine as a copy' }).click();
    await b.getByRole('button', { name: 'Boards' }).click();
    await visible(b.getByRole('menuitemcheckbox', { name: /Edited in B/ }));
  });
});
