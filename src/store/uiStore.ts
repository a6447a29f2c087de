import { create } from 'zustand';

export type SideTab = 'inspector' | 'run' | 'round';

/** Which panels are showing: kept apart from the document (never saved with the board). */
interface UiState {
  sideTab: SideTab;
  setSideTab(tab: SideTab): void;
  timelineOpen: boolean;
  setTimelineOpen(open: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  sideTab: 'inspector',
  setSideTab: (sideTab) => set({ sideTab }),
  timelineOpen: true,
  setTimelineOpen: (timelineOpen) => set({ timelineOpen }),
}));
