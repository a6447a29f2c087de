import { useSyncExternalStore } from 'react';
import type { RepairPreview } from '../../store/interviewerStore';
import type { CanvasNode, FlowEdge } from './flowAdapter';

/**
 * The interviewer's previewed repair, for the canvas, without putting the interviewer store (and the
 * practice store, the worker clients) in the first load: the store module arrives with the live
 * badges (`LiveVerdicts`, loaded just after the first paint); until then there is no preview.
 */
type Interviewer = typeof import('../../store/interviewerStore');
let loaded: Interviewer | null = null;
/** How the canvas draws a preview; loaded with the store, before any preview can exist. */
let ghosts: typeof import('./repairGhosts') | null = null;
const listeners = new Set<() => void>();

/** Loads the interviewer store once; the canvas re-reads the preview when it arrives. */
export function loadInterviewer(): Promise<Interviewer> {
  return Promise.all([import('../../store/interviewerStore'), import('./repairGhosts')]).then(([m, g]) => {
    ghosts = g;
    if (!loaded) {
      loaded = m;
      m.useInterviewerStore.subscribe(() => listeners.forEach((l) => l()));
      listeners.forEach((l) => l());
    }
    return m;
  });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const getPreview = () => loaded?.useInterviewerStore.getState().preview ?? null;

export function useRepairPreview(): RepairPreview | null {
  return useSyncExternalStore(subscribe, getPreview);
}

/** The canvas's nodes with a previewed repair's ghosts (and its changed nodes marked). */
export function withGhostNodes(nodes: CanvasNode[], preview: RepairPreview | null): CanvasNode[] {
  return preview && ghosts ? ghosts.withGhostNodes(nodes, preview) : nodes;
}

/** The canvas's edges with a previewed repair's ghost edges. */
export function withGhostEdges(edges: FlowEdge[], preview: RepairPreview | null): FlowEdge[] {
  return preview && ghosts ? ghosts.withGhostEdges(edges, preview) : edges;
}
