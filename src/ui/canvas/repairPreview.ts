import { useSyncExternalStore } from 'react';
import type { RepairPreview } from '../../store/interviewerStore';

/**
 * The interviewer's previewed repair, for the canvas, without putting the interviewer store (and the
 * practice store, the worker clients) in the first load: the store module arrives with the live
 * badges (`LiveVerdicts`, loaded just after the first paint); until then there is no preview.
 */
type Interviewer = typeof import('../../store/interviewerStore');
let loaded: Interviewer | null = null;
const listeners = new Set<() => void>();

/** Loads the interviewer store once; the canvas re-reads the preview when it arrives. */
export function loadInterviewer(): Promise<Interviewer> {
  return import('../../store/interviewerStore').then((m) => {
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
