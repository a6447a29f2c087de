import { create } from 'zustand';

export type SideTab = 'inspector' | 'run' | 'round';

/** Which panels are showing: kept apart from the document (never saved with the board). */
interface UiState {
  sideTab: SideTab;
  setSideTab: (tab: SideTab) => void;
  timelineOpen: boolean;
  setTimelineOpen: (open: boolean) => void;
  /** The last share link made, shown in a text field for copying by hand. */
  shareUrl: string | null;
  setShareUrl: (url: string | null) => void;
  imageTransparent: boolean;
  imageScale: 1 | 2;
  setImageOption: (patch: Partial<Pick<UiState, 'imageTransparent' | 'imageScale'>>) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  sideTab: 'inspector',
  setSideTab: (sideTab) => set({ sideTab }),
  timelineOpen: true,
  setTimelineOpen: (timelineOpen) => set({ timelineOpen }),
  shareUrl: null,
  setShareUrl: (shareUrl) => set({ shareUrl }),
  imageTransparent: false,
  imageScale: 1,
  setImageOption: (patch) => set(patch),
}));
