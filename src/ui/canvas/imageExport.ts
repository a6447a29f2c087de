import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';

export interface ImageExportOptions {
  format: 'png' | 'svg';
  /** A CSS colour, or 'transparent' (PNG only). */
  background: string;
  /** Pixel ratio of a PNG: 1 or 2. */
  scale: 1 | 2;
}

const PADDING = 40;
const MAX_SIDE = 8000;

/**
 * Renders the whole board, fitted, to a data URL — React Flow's documented approach: compute the
 * nodes' bounds, a viewport that fits them, and render `.react-flow__viewport` with that transform
 * through html-to-image (pinned to 1.11.11: later versions drop the edges; a browser test checks an
 * edge pixel). Loaded on demand so that it stays out of the first bundle.
 */
export async function exportBoardImage(rf: ReactFlowInstance, opts: ImageExportOptions): Promise<string> {
  const { toPng, toSvg } = await import('html-to-image');
  const nodes = rf.getNodes();
  const el = document.querySelector<HTMLElement>('.fl-canvas .react-flow__viewport');
  if (!el) throw new Error('the canvas is not on screen');
  const bounds = nodes.length ? getNodesBounds(nodes) : { x: 0, y: 0, width: 400, height: 300 };
  const width = Math.min(MAX_SIDE, Math.ceil(bounds.width + PADDING * 2));
  const height = Math.min(MAX_SIDE, Math.ceil(bounds.height + PADDING * 2));
  const vp = getViewportForBounds(bounds, width, height, 0.05, 2, `${PADDING}px`);
  const options = {
    backgroundColor: opts.background === 'transparent' ? undefined : opts.background,
    width, height,
    pixelRatio: opts.format === 'png' ? opts.scale : 1,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
    // Handles are editing affordances, not part of the drawing.
    filter: (node: HTMLElement) => !(node.classList?.contains('react-flow__handle')),
  };
  return opts.format === 'png' ? toPng(el, options) : toSvg(el, options);
}
