// Needs the DOM (jsdom): the adapter looks up React Flow's viewport element.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const toPng = vi.fn(() => Promise.resolve('data:image/png;base64,AAAA'));
const toSvg = vi.fn(() => Promise.resolve('data:image/svg+xml;charset=utf-8,<svg/>'));
vi.mock('html-to-image', () => ({ toPng, toSvg }));

const { computeImageFrame, exportCanvasImage, IMAGE_PADDING_PX, MAX_IMAGE_SIDE_PX } =
  await import('../../src/io/imageExport');

function canvas(): HTMLElement {
  const root = document.createElement('div');
  root.className = 'react-flow';
  const viewport = document.createElement('div');
  viewport.className = 'react-flow__viewport';
  root.appendChild(viewport);
  document.body.appendChild(root);
  return root;
}

beforeEach(() => {
  toPng.mockClear();
  toSvg.mockClear();
  document.body.innerHTML = '';
});

describe('computeImageFrame', () => {
  it('frames the nodes at zoom 1 with padding', () => {
    const f = computeImageFrame({ x: 100, y: -50, width: 400, height: 200 });
    expect(f.width).toBe(400 + 2 * IMAGE_PADDING_PX);
    expect(f.height).toBe(200 + 2 * IMAGE_PADDING_PX);
    expect(f.viewport).toEqual({ x: -100 + IMAGE_PADDING_PX, y: 50 + IMAGE_PADDING_PX, zoom: 1 });
  });
  it('scales a huge board down to fit the largest image browsers allow', () => {
    const f = computeImageFrame({ x: -1e6, y: -1e6, width: 2e6, height: 1000 });
    expect(f.width).toBe(MAX_IMAGE_SIDE_PX);
    expect(f.viewport.zoom).toBeLessThan(1);
    expect(f.viewport.zoom).toBeGreaterThan(0);
    for (const v of [f.viewport.x, f.viewport.y, f.viewport.zoom]) expect(Number.isFinite(v)).toBe(true);
  });
  it('an empty or broken bounds box still gives a finite frame', () => {
    for (const b of [
      { x: 0, y: 0, width: 0, height: 0 },
      { x: NaN, y: Infinity, width: NaN, height: -5 },
    ]) {
      const f = computeImageFrame(b);
      expect(f.width).toBeGreaterThan(0);
      for (const v of [f.width, f.height, f.viewport.x, f.viewport.y, f.viewport.zoom])
        expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe('exportCanvasImage', () => {
  const bounds = { x: 0, y: 0, width: 320, height: 120 };

  it('renders the viewport element to PNG at the requested scale and background', async () => {
    const root = canvas();
    await expect(
      exportCanvasImage(root, bounds, { format: 'png', background: '#ffffff', scale: 2 }),
    ).resolves.toMatch(/^data:image\/png/);
    expect(toPng).toHaveBeenCalledTimes(1);
    const [el, opts] = toPng.mock.calls[0] as unknown as [HTMLElement, Record<string, unknown>];
    expect(el.className).toBe('react-flow__viewport');
    const { filter, ...rest } = opts as { filter: (n: Node) => boolean };
    expect(rest).toEqual({
      width: 400,
      height: 200,
      pixelRatio: 2,
      backgroundColor: '#ffffff',
      style: { width: '400px', height: '200px', transform: 'translate(40px, 40px) scale(1)' },
    });
    // Connection handles are editing affordances and stay out of the image; text is kept.
    const handle = document.createElement('div');
    handle.className = 'react-flow__handle';
    expect(filter(handle)).toBe(false);
    expect(filter(document.createElement('div'))).toBe(true);
    expect(filter(document.createTextNode('label'))).toBe(true);
  });
  it('renders SVG with a transparent background (no backgroundColor)', async () => {
    const root = canvas();
    await exportCanvasImage(root.querySelector<HTMLElement>('.react-flow__viewport')!, bounds, {
      format: 'svg',
      background: 'transparent',
      scale: 2,
    });
    const [, opts] = toSvg.mock.calls[0] as unknown as [HTMLElement, Record<string, unknown>];
    expect(opts).not.toHaveProperty('backgroundColor');
    expect(opts.pixelRatio).toBe(1);
  });
  it('rejects with a clear message when the canvas is missing or rendering fails', async () => {
    await expect(
      exportCanvasImage(document.createElement('div'), bounds, {
        format: 'png',
        background: 'transparent',
        scale: 1,
      }),
    ).rejects.toThrow(/canvas was not found/);
    toPng.mockRejectedValueOnce(new Error('tainted canvas'));
    await expect(
      exportCanvasImage(canvas(), bounds, { format: 'png', background: 'transparent', scale: 1 }),
    ).rejects.toThrow(/Image export failed: tainted canvas/);
  });
});
