import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, SHOTS, visible, type Session } from './browser';

let sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions) await s.close();
  sessions = [];
});
const tmp = mkdtempSync(join(tmpdir(), 'faultline-damaged-'));
/** A save cut short mid-write: what a crash or a full disk can leave behind. */
const CUT = '{"savedVersion": 3, "board": {"format": "faultline/design", "version": 1, "nodes": [oops';

describe('damaged saves in the browser', () => {
  it('Boards → Recover damaged saves downloads the damaged save byte for byte, and deletes it on a second choice', async () => {
    const s = await openApp();
    sessions.push(s);
    const { page } = s;
    const boards = page.getByRole('button', { name: 'Boards' });
    await boards.click();
    expect(await page.getByRole('menuitem', { name: /Recover damaged saves/ }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.evaluate((cut) => {
      const id = (JSON.parse(localStorage.getItem('faultline:index')!) as { activeId: string }).activeId;
      localStorage.setItem(`faultline:board:${id}`, cut);
    }, CUT);
    await page.reload();
    await visible(page.getByRole('alert').filter({ hasText: 'could not be opened' }));

    await page.getByRole('button', { name: 'Boards' }).click();
    await page.getByRole('menuitem', { name: 'Recover damaged saves (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Damaged saves' });
    await visible(dialog);
    const item = dialog.getByRole('listitem');
    await expect.poll(() => item.textContent()).toContain('not valid JSON');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^faultline-damaged-.+\.txt$/);
    const path = join(tmp, download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path, 'utf8')).toBe(CUT);
    await page.screenshot({ path: join(SHOTS, 'damaged-saves.png') });

    await item.getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('button', { name: 'Delete for good' }).click();
    await visible(dialog.getByText('Nothing is set aside.'));
    const left = await page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith('faultline:quarantine:')).length,
    );
    expect(left).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
