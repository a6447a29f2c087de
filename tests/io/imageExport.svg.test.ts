// Needs the DOM (jsdom): runs the real html-to-image serialiser on a canvas-like tree.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportCanvasImage } from '../../src/io/imageExport';

// jsdom lacks SVGImageElement (html-to-image only uses it for instanceof checks) and logs
// "not implemented" for pseudo-element styles; neither matters to what is tested here.
beforeEach(() => {
  (globalThis as Record<string, unknown>).SVGImageElement ??= class SVGImageElement extends SVGElement {};
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('#13 SVG export: a label with markup stays text', () => {
  it('serialises label text escaped, with no live script element', async () => {
    const root = document.createElement('div');
    root.className = 'react-flow';
    const viewport = document.createElement('div');
    viewport.className = 'react-flow__viewport';
    const node = document.createElement('div');
    node.className = 'react-flow__node';
    // React renders labels as text nodes: the same as textContent here.
    node.textContent = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    viewport.appendChild(node);
    root.appendChild(viewport);
    document.body.appendChild(root);
    const url = await exportCanvasImage(
      root,
      { x: 0, y: 0, width: 100, height: 40 },
      { format: 'svg', background: 'transparent', scale: 1 },
    );
    const svg = decodeURIComponent(url.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toMatch(/<script|<img/i);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
  });
});
