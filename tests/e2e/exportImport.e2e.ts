import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, SHOTS, visible, type Session } from './browser';

let sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions) await s.close();
  sessions = [];
});
const track = <T extends Session>(s: T) => {
  sessions.push(s);
  return s;
};
const tmp = mkdtempSync(join(tmpdir(), 'faultline-export-'));

async function exportAs(s: Session, item: string): Promise<string> {
  await s.page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    s.page.waitForEvent('download'),
    s.page.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  const path = join(tmp, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return path;
}

/** Decodes an 8-bit RGBA PNG (what Chromium's canvas writes) enough to read pixels. */
function decodePng(buf: Buffer): {
  width: number;
  height: number;
  px: (x: number, y: number) => [number, number, number, number];
} {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      expect(data[9]).toBe(6);
    }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a),
        pb = Math.abs(p - b),
        pc = Math.abs(p - c);
      const pred =
        f === 0
          ? 0
          : f === 1
            ? a
            : f === 2
              ? b
              : f === 3
                ? (a + b) >> 1
                : pa <= pb && pa <= pc
                  ? a
                  : pb <= pc
                    ? b
                    : c;
      out[y * stride + x] = (line[x]! + pred) & 255;
    }
  }
  return {
    width,
    height,
    px: (x, y) => {
      const i = y * stride + x * 4;
      return [out[i]!, out[i + 1]!, out[i + 2]!, out[i + 3]!];
    },
  };
}

describe('export', () => {
  it('PNG has an edge drawn between two nodes', async () => {
    const s = track(await openApp());
    // Two nodes on one row with a long edge between them, so the midpoint is only edge.
    await s.page.evaluate(() =>
      window.__faultline!.loadBoard({
        format: 'faultline/design',
        version: 1,
        title: 'Edge check',
        nodes: [
          { id: 'a', kind: 'producer', label: 'a', position: { x: 0, y: 0 }, config: {} },
          { id: 'b', kind: 'queue', label: 'b', position: { x: 600, y: 0 }, config: {} },
        ],
        edges: [{ id: 'e', source: 'a', target: 'b' }],
      }),
    );
    await s.page.waitForFunction(
      () =>
        document.querySelectorAll('.react-flow__node').length === 2 &&
        document.querySelectorAll('.react-flow__edge').length === 1,
    );
    const png = decodePng(readFileSync(await exportAs(s, 'PNG')));
    const nodeRects = await s.page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { w: r.width, h: r.height };
      }),
    );
    expect(png.width).toBeGreaterThan(600);
    // Scan the column at the midpoint between the nodes for a non-background (edge) pixel.
    const x = Math.round(png.width / 2);
    const bg = png.px(2, 2);
    let edgePixels = 0;
    for (let y = 0; y < png.height; y++) {
      const p = png.px(x, y);
      if (Math.abs(p[0] - bg[0]) + Math.abs(p[1] - bg[1]) + Math.abs(p[2] - bg[2]) > 60) edgePixels++;
    }
    expect(nodeRects.length).toBe(2);
    expect(edgePixels).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
  });

  it('SVG parses and contains the labels; JSON re-imports to the same board', async () => {
    const s = track(await openApp());
    const svg = readFileSync(await exportAs(s, 'SVG'), 'utf8');
    const ok = await s.page.evaluate(
      (text) => !new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror'),
      svg,
    );
    expect(ok).toBe(true);
    for (const label of ['api-gateway', 'usage-events', 'hourly-rollup', 'billing-ledger'])
      expect(svg).toContain(label);
    const jsonPath = await exportAs(s, 'JSON');
    const original = JSON.parse(readFileSync(jsonPath, 'utf8')) as { title: string };
    await s.page.locator('input[type=file]').setInputFiles(jsonPath);
    await expect.poll(() => s.page.evaluate(() => window.__faultline!.getBoard().title)).toBe(original.title);
    const reimported = await s.page.evaluate(() => window.__faultline!.getBoard());
    expect(reimported).toEqual(original);
  });

  it('Markdown notes carry a mermaid block and the results table', async () => {
    const s = track(await openApp());
    await s.page.getByRole('button', { name: 'Run ▶' }).click();
    await visible(s.page.getByRole('table', { name: 'Invariant results' }));
    const md = readFileSync(await exportAs(s, 'Markdown notes'), 'utf8');
    expect(md).toContain('```mermaid');
    expect(md).toMatch(/flowchart/);
    expect(md).toMatch(/\| *Invariant/);
    expect(md).toContain('usage-billed-exactly-once');
    const mmd = readFileSync(await exportAs(s, 'Mermaid'), 'utf8');
    expect(mmd).toMatch(/^flowchart LR/m);
  });
});

describe('import and share links', () => {
  it('a malformed file shows an error and leaves the board as it was', async () => {
    const s = track(await openApp());
    const before = await s.page.evaluate(() => JSON.stringify(window.__faultline!.getBoard()));
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"format": "faultline/design", "version": 1, "nodes": [ {');
    await s.page.getByRole('button', { name: 'Import' }).click();
    await s.page.locator('input[type=file]').setInputFiles(bad);
    await visible(s.page.getByRole('alert').filter({ hasText: 'bad.json' }));
    expect(await s.page.evaluate(() => JSON.stringify(window.__faultline!.getBoard()))).toBe(before);
    await s.page.screenshot({ path: join(SHOTS, 'import-error.png') });
  });

  it('a share link round-trips into a fresh browser profile; a malformed link changes nothing', async () => {
    const a = track(await openApp());
    await a.page.getByLabel('Board title').fill('Shared board');
    await a.page.getByLabel('Board title').press('Enter');
    await a.page.getByRole('button', { name: 'Export' }).click();
    await a.page.getByRole('menuitem', { name: 'Copy share link' }).click();
    const field = a.page
      .getByRole('dialog', { name: 'Share link' })
      .getByRole('textbox', { name: 'Share link' });
    await visible(field);
    const url = await field.inputValue();
    expect(url).toMatch(/#board=/);
    const board = await a.page.evaluate(() => window.__faultline!.getBoard());
    const b = track(await openApp({ hash: url.slice(url.indexOf('#')) }));
    // The fresh profile opens on the sample board, so it asks first.
    await b.page.getByRole('alertdialog').getByRole('button', { name: 'Open shared board' }).click();
    await expect.poll(() => b.page.evaluate(() => window.__faultline!.getBoard().title)).toBe('Shared board');
    expect(await b.page.evaluate(() => window.__faultline!.getBoard())).toEqual(board);
    expect(await b.page.evaluate(() => location.hash)).toBe('');

    const c = track(await openApp({ hash: '#board=N4IgdghgtgpiBcIDKBXAXjA%%%garbage' }));
    await visible(c.page.getByRole('alert').filter({ hasText: /share link/i }));
    expect(await c.page.evaluate(() => window.__faultline!.getBoard().title)).toMatch(/Sample/);
    await c.page.screenshot({ path: join(SHOTS, 'bad-link.png') });
  });

  it('an XSS-laden board imported and exported never fires a dialog', async () => {
    const s = track(await openApp());
    let dialogs = 0;
    s.page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>"]); alert(3); //';
    const path = join(tmp, 'xss.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'faultline/design',
        version: 1,
        title: evil,
        notes: `javascript:alert(4) ${evil}`,
        nodes: [
          { id: 'x', kind: 'queue', label: evil, position: { x: 0, y: 0 }, config: {}, notes: evil },
          {
            id: 'y',
            kind: 'worker',
            label: '</textarea><svg onload=alert(5)>',
            position: { x: 300, y: 0 },
            config: {},
          },
        ],
        edges: [{ id: 'e', source: 'x', target: 'y', label: evil }],
      }),
    );
    await s.page.locator('input[type=file]').setInputFiles(path);
    await expect.poll(() => s.page.locator('.react-flow__node').count()).toBe(2);
    expect(await s.page.locator('.react-flow__node[data-kind="queue"]').textContent()).toContain(
      '<img src=x',
    );
    for (const item of ['SVG', 'Markdown notes', 'Mermaid', 'JSON', 'PNG']) await exportAs(s, item);
    await s.page.locator('.react-flow__node[data-kind="queue"]').click();
    await s.page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    expect(await s.page.evaluate(() => document.querySelectorAll('script:not([type="module"])').length)).toBe(
      0,
    );
  });

  it('a board with absurd coordinates is clamped, reported, and stays responsive', async () => {
    const s = track(await openApp());
    const path = join(tmp, 'huge.json');
    writeFileSync(
      path,
      '{"format":"faultline/design","version":1,"title":"Far away","nodes":[' +
        '{"id":"a","kind":"queue","label":"far","position":{"x":1e15,"y":-1e300},"config":{}},' +
        '{"id":"b","kind":"worker","label":"nan","position":{"x":"12","y":null},"config":{"retries":"7"}},' +
        '{"id":"c","kind":"ledger","label":"inf","position":{"x":1e999,"y":400},"config":{}}],"edges":[{"id":"e","source":"a","target":"b"},{"id":"f","source":"a","target":"zz"}]}',
    );
    await s.page.locator('input[type=file]').setInputFiles(path);
    await visible(s.page.getByRole('alert').filter({ hasText: /repair/ }));
    const board = await s.page.evaluate(() => window.__faultline!.getBoard());
    expect(board.nodes.map((n) => n.position)).toEqual([
      { x: 1_000_000, y: -1_000_000 },
      { x: 12, y: 0 },
      { x: 0, y: 400 },
    ]);
    expect(board.edges.map((e) => e.id)).toEqual(['e']);
    // Still responsive: fit the view, select a node, add one from the keyboard.
    // Opening a board fits the view, but never below the zoom where labels read at 12 px (0.75),
    // however far away one node sits (x = 1,000,000).
    await s.page.waitForFunction(() => window.__faultline!.flow()!.getViewport().zoom === 0.75);
    await s.page.evaluate(() => window.__faultline!.flow()!.setCenter(100, 30, { zoom: 1 }));
    await s.page.waitForFunction(() => window.__faultline!.flow()!.getViewport().zoom === 1);
    await s.page.locator('.react-flow__node[data-kind="worker"]').click();
    await expect
      .poll(() => s.page.getByRole('region', { name: 'Inspector' }).getByLabel('Retries').inputValue())
      .toBe('7');
    await s.page
      .getByRole('region', { name: 'Components' })
      .getByRole('button', { name: 'Cache', exact: true })
      .press('Enter');
    await expect.poll(() => s.page.locator('.react-flow__node').count()).toBe(4);
    expect(s.errors).toEqual([]);
  });

  it('a board file dropped on the canvas opens as a new board; a Mermaid export imports back', async () => {
    const s = track(await openApp());
    const mmd = readFileSync(await exportAs(s, 'Mermaid'), 'utf8');
    const boardsBefore = await s.page.evaluate(
      () => (JSON.parse(localStorage.getItem('faultline:index')!) as { boards: unknown[] }).boards.length,
    );
    // A real drop: a DataTransfer holding the exported Mermaid file, dispatched on the canvas.
    await s.page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'pipeline.mmd', { type: 'text/plain' }));
      const canvas = document.querySelector('.fl-canvas')!;
      canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, mmd);
    await expect
      .poll(() =>
        s.page.evaluate(
          () => (JSON.parse(localStorage.getItem('faultline:index')!) as { boards: unknown[] }).boards.length,
        ),
      )
      .toBe(boardsBefore + 1);
    const kinds = await s.page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['producer', 'queue', 'aggregator', 'ledger']);
    expect(await s.page.locator('.react-flow__edge').count()).toBe(3);
    expect(s.errors).toEqual([]);
  });
});
