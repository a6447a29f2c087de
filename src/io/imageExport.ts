import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/system';

/**
 * Browser adapter: PNG or SVG of the board, following React Flow's "download image" example —
 * render `.react-flow__viewport` with html-to-image, sized to the nodes' bounds and transformed so
 * that every node is in frame, whatever the user's current pan and zoom. html-to-image is loaded on
 * demand (its own chunk). Labels reach the image as DOM text, which html-to-image serialises with
 * XML escaping, so user text stays text in the SVG too.
 */

export interface ImageExportOptions {
  format: 'png' | 'svg';
  /** A CSS colour, or 'transparent' for no background. */
  background: string;
  /** Pixel density of a PNG (1 or 2); an SVG is resolution-free. */
  scale: 1 | 2;
}

export const IMAGE_PADDING_PX = 40;
/** Browsers refuse canvases much past this; larger boards are scaled down to fit. */
export const MAX_IMAGE_SIDE_PX = 8000;
const MIN_EXPORT_ZOOM = 0.02;

export interface ImageFrame {
  width: number;
  height: number;
  viewport: Viewport;
}

/**
 * The image size and the viewport transform that fit `bounds` with padding: zoom 1 when it fits,
 * scaled down (never up) when the board is larger than MAX_IMAGE_SIDE_PX. Pure.
 */
export function computeImageFrame(bounds: Rect): ImageFrame {
  const finite = (n: number, fallback: number) => (Number.isFinite(n) ? n : fallback);
  const b = {
    x: finite(bounds.x, 0),
    y: finite(bounds.y, 0),
    width: Math.max(1, finite(bounds.width, 1)),
    height: Math.max(1, finite(bounds.height, 1)),
  };
  const width = Math.min(MAX_IMAGE_SIDE_PX, Math.ceil(b.width + 2 * IMAGE_PADDING_PX));
  const height = Math.min(MAX_IMAGE_SIDE_PX, Math.ceil(b.height + 2 * IMAGE_PADDING_PX));
  const viewport = getViewportForBounds(b, width, height, MIN_EXPORT_ZOOM, 1, `${IMAGE_PADDING_PX}px`);
  return { width, height, viewport };
}

/**
 * Renders the board to a data URL. `element` is the React Flow wrapper (or its viewport);
 * `nodesBounds` comes from `getNodesBounds(getNodes())`. Rejects with an Error whose message says
 * what failed; the board is never touched.
 */
export async function exportCanvasImage(
  element: HTMLElement,
  nodesBounds: Rect,
  options: ImageExportOptions,
): Promise<string> {
  const viewportEl = element.classList.contains('react-flow__viewport')
    ? element
    : element.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportEl) throw new Error('Image export: the canvas was not found on the page.');
  const { width, height, viewport } = computeImageFrame(nodesBounds);
  const { toPng, toSvg } = await import('html-to-image');
  const renderOptions = {
    width,
    height,
    pixelRatio: options.format === 'png' ? options.scale : 1,
    ...(options.background === 'transparent' ? {} : { backgroundColor: options.background }),
    // Handles are editing affordances, not part of the drawing. (html-to-image passes text nodes
    // here too, whatever its type says.)
    filter: (node: Node) => !(node instanceof Element && node.classList.contains('react-flow__handle')),
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  };
  try {
    return options.format === 'png'
      ? await toPng(viewportEl, renderOptions)
      : await toSvg(viewportEl, renderOptions);
  } catch (cause) {
    throw new Error(`Image export failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}
