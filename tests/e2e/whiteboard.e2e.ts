import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  centre,
  drag,
  dragFromPalette,
  drawChain,
  openApp,
  SHOTS,
  visible,
  startRound,
  type Session,
} from './browser';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});
const tmp = mkdtempSync(join(tmpdir(), 'faultline-whiteboard-'));

async function exportAs(page: Page, item: string): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  const path = join(tmp, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return path;
}

type Doc = {
  title: string;
  nodes: { id: string; position: { x: number; y: number } }[];
  edges: { id: string; label?: string }[];
  stickyNotes?: { id: string; text: string }[];
  frames?: { id: string; title: string; members: string[]; position: { x: number; y: number } }[];
};
const board = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __faultline: { getBoard(): unknown } }).__faultline.getBoard(),
  ) as Promise<Doc>;

const undo = (page: Page) => page.keyboard.press('Control+z');

describe('whiteboard: notes, frames, labels, exports, compare', () => {
  it('note, frame with members, edge label — each undoable — and every export carries them', async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 } });
    const { page } = s;
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;

    // A frame, dropped from the Annotate category.
    await dragFromPalette(page, 'Frame', { x: pane.x + 360, y: pane.y + 260 });
    await visible(page.locator('.react-flow__node[data-kind="frame"]'));
    await page.locator('.react-flow__node[data-kind="frame"] .fl-frame-title').dblclick();
    await page.getByRole('textbox', { name: 'Frame title' }).fill('billing namespace');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await board(page)).frames?.[0]?.title).toBe('billing namespace');

    // Two components dropped into the frame belong to it.
    const fb = (await page.locator('.react-flow__node[data-kind="frame"]').boundingBox())!;
    await dragFromPalette(page, 'Queue', { x: fb.x + fb.width * 0.3, y: fb.y + fb.height * 0.5 });
    await dragFromPalette(page, 'Worker', { x: fb.x + fb.width * 0.72, y: fb.y + fb.height * 0.5 });
    await expect.poll(async () => (await board(page)).frames?.[0]?.members.length).toBe(2);
    const before = await board(page);

    // Moving the frame (by its title bar) moves them.
    const title = await centre(page, '.react-flow__node[data-kind="frame"] .fl-frame-title');
    await drag(page, title, { x: title.x + 120, y: title.y + 64 });
    await expect
      .poll(async () => (await board(page)).frames![0]!.position.x)
      .toBeGreaterThan(before.frames![0]!.position.x + 60);
    const after = await board(page);
    const dx = after.frames![0]!.position.x - before.frames![0]!.position.x;
    const dy = after.frames![0]!.position.y - before.frames![0]!.position.y;
    const members = new Set(before.frames![0]!.members);
    for (const n of before.nodes) {
      const moved = after.nodes.find((m) => m.id === n.id)!;
      // Members move with the frame; the sample board's other components stay where they were.
      expect(moved.position).toEqual(
        members.has(n.id) ? { x: n.position.x + dx, y: n.position.y + dy } : n.position,
      );
    }
    await undo(page);
    await expect
      .poll(async () => (await board(page)).nodes.map((n) => n.position))
      .toEqual(before.nodes.map((n) => n.position));

    // A sticky note: added from the palette with the keyboard, typed into in place.
    await page
      .getByRole('region', { name: 'Components' })
      .getByRole('button', { name: 'Note', exact: true })
      .focus();
    await page.keyboard.press('Enter');
    const text = page.getByRole('textbox', { name: 'Note text' });
    await visible(text);
    await text.pressSequentially('Peak 2k events/s');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await board(page)).stickyNotes?.[0]?.text).toBe('Peak 2k events/s');
    await visible(page.locator('.react-flow__node[data-kind="note"]').getByText('Peak 2k events/s'));
    // Move the note clear of the frame so the drawing reads well.
    const nc = await centre(page, '.react-flow__node[data-kind="note"]');
    await drag(page, nc, { x: pane.x + 150, y: pane.y + pane.height - 120 });
    await undo(page);
    await undo(page);
    await expect.poll(async () => (await board(page)).stickyNotes?.[0]?.text ?? '').toBe('');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await board(page)).stickyNotes?.[0]?.text).toBe('Peak 2k events/s');
    await page.keyboard.press('Control+Shift+z');

    // An edge label by double-click; Enter commits; undo takes it back, redo restores it.
    const [q, w] = (await board(page)).frames![0]!.members;
    const { connectNodes } = await import('./browser');
    await connectNodes(page, q!, w!);
    const edgeCount = before.edges.length + 1;
    await expect.poll(async () => (await board(page)).edges.length).toBe(edgeCount);
    const edgeId = (await board(page)).edges.at(-1)!.id;
    const label = async () => (await board(page)).edges.find((e) => e.id === edgeId)!.label;
    const path = page.locator(`.react-flow__edge[data-id="${edgeId}"] .react-flow__edge-interaction`);
    const eb = (await path.boundingBox())!;
    await page.mouse.dblclick(eb.x + eb.width / 2, eb.y + eb.height / 2);
    const input = page.getByRole('textbox', { name: 'Connection label' });
    await visible(input);
    await input.fill('usage events, at least once');
    await page.keyboard.press('Enter');
    await expect.poll(async () => await label()).toBe('usage events, at least once');
    await undo(page);
    await expect.poll(async () => await label()).toBeUndefined();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => await label()).toBe('usage events, at least once');
    // Escape cancels an edit.
    await page.locator('.fl-edge-label', { hasText: 'usage events, at least once' }).dblclick();
    await page.getByRole('textbox', { name: 'Connection label' }).fill('nope');
    await page.keyboard.press('Escape');
    await expect.poll(async () => await label()).toBe('usage events, at least once');

    // Keyboard: Enter on the selected connection edits its label; the shortcuts are in the ? overlay.
    await page.locator(`.react-flow__edge[data-id="${edgeId}"]`).click({ force: true });
    await page.keyboard.press('Enter');
    await visible(page.getByRole('textbox', { name: 'Connection label' }));
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('?');
    const overlay = await page.getByRole('dialog').textContent();
    expect(overlay).toContain('Add a sticky note');
    expect(overlay).toContain('Add a frame');
    expect(overlay).toContain('Edit the selected note, frame title or connection label');
    await page.keyboard.press('Escape');

    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.screenshot({ path: join(SHOTS, 'whiteboard-1280.png') });

    // SVG: the note's text and the frame's title are text in the file.
    const svg = readFileSync(await exportAs(page, 'SVG'), 'utf8');
    expect(svg).toContain('Peak 2k events/s');
    expect(svg).toContain('billing namespace');
    expect(svg).toContain('usage events, at least once');
    // PNG: it ran, and the DOM it rasterised held the texts.
    const png = readFileSync(await exportAs(page, 'PNG'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const domText = await page.locator('.fl-canvas .react-flow__viewport').textContent();
    expect(domText).toContain('Peak 2k events/s');
    expect(domText).toContain('billing namespace');

    // Markdown lists the note under the diagram.
    const md = readFileSync(await exportAs(page, 'Markdown notes'), 'utf8');
    expect(md).toMatch(
      /## Notes on the board\n\n- _\(billing namespace\)_ Peak 2k events\/s|## Notes on the board\n\n- Peak 2k events\/s/,
    );

    // PDF: a PDF whose (uncompressed) text holds the title and the note.
    const pdf = readFileSync(await exportAs(page, 'PDF')).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain((await board(page)).title);
    expect(pdf).toContain('Peak 2k events/s');

    // Mermaid: the frame is a subgraph, and it imports back as a frame with both members.
    const mmdPath = await exportAs(page, 'Mermaid');
    const mmd = readFileSync(mmdPath, 'utf8');
    expect(mmd).toMatch(/subgraph f0\["billing namespace"\]/);
    await page.locator('input[type=file]').setInputFiles(mmdPath);
    await expect.poll(async () => (await board(page)).frames?.[0]?.title).toBe('billing namespace');
    expect((await board(page)).frames![0]!.members).toHaveLength(2);
    await visible(page.locator('.react-flow__node[data-kind="frame"]'));

    expect(s.errors).toEqual([]);
  });

  it('Compare on canvas after a graded round shows ghosts for missing roles; leaving restores the board', async () => {
    s = await openApp({ viewport: { width: 900, height: 800 } });
    const { page } = s;
    await startRound(page, 'metering-pipeline');
    await drawChain(page, ['Producer', 'Queue', 'Aggregator']);
    await page.getByRole('button', { name: 'Submit' }).click();
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await visible(comparison, 60_000);
    const before = JSON.stringify(await board(page));
    await comparison.getByRole('button', { name: 'Compare on canvas' }).click();
    const panel = page.getByRole('region', { name: 'Compare on canvas' });
    await visible(panel);
    await expect.poll(() => page.locator('.fl-canvas [data-kind="ghost"]').count()).toBeGreaterThan(0);
    const legend = await panel.getByRole('list', { name: 'Missing components' }).textContent();
    expect(legend).toMatch(/dedup|deduplicat/i);
    expect(legend).toMatch(/usage-billed-exactly-once|broke|protects/);
    await page.screenshot({ path: join(SHOTS, 'compare-on-canvas-900.png') });
    await panel.getByRole('button', { name: 'Leave comparison' }).click();
    await expect.poll(() => page.locator('.fl-canvas [data-kind="ghost"]').count()).toBe(0);
    expect(JSON.stringify(await board(page))).toBe(before);
    expect(s.errors).toEqual([]);
  });
});
