import { useRunOverlay } from '../../store/runOverlayStore';

/** Highlights components on the canvas (a structural gap's nodes). */
export function highlightNodes(ids: string[]) {
  useRunOverlay.getState().set({ highlightNodes: new Set(ids), highlightEdges: new Set() });
}
