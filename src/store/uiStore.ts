import { create } from 'zustand';

export type SideTab = 'inspector' | 'run' | 'round';

/** At or below this width the palette shows icons only and the side panel floats over the canvas. */
export const NARROW_MAX_PX = 1100;
export const SIDE_MIN_PX = 300;
export const SIDE_MAX_PX = 760;
export const clampSideWidth = (px: number) => Math.round(Math.min(SIDE_MAX_PX, Math.max(SIDE_MIN_PX, px)));
/** 480 px on wide screens, less on a laptop so the canvas keeps room: 30% of the window, 360–480. */
export const defaultSideWidth = (viewport: number) =>
  Math.round(Math.min(480, Math.max(360, viewport * 0.3)));
const viewportWidth = () => (typeof window === 'undefined' ? 1440 : window.innerWidth);

/** Which panels are showing: kept apart from the document (never saved with the board). */
interface UiState {
  sideTab: SideTab;
  /** Choosing a tab also shows the panel. */
  setSideTab: (tab: SideTab) => void;
  /** The side panel is showing (below 1100 px it is an overlay, hidden at first). */
  sideOpen: boolean;
  setSideOpen: (open: boolean) => void;
  /** The side panel's width in px (resizable; about 480 on wide screens). */
  sideWidth: number;
  setSideWidth: (px: number) => void;
  timelineOpen: boolean;
  setTimelineOpen: (open: boolean) => void;
  /** The last share link made, shown in a text field for copying by hand. */
  shareUrl: string | null;
  setShareUrl: (url: string | null) => void;
  /** The "Recover damaged saves" dialog (boards menu) is showing. */
  damagedOpen: boolean;
  setDamagedOpen: (open: boolean) => void;
  imageTransparent: boolean;
  imageScale: 1 | 2;
  setImageOption: (patch: Partial<Pick<UiState, 'imageTransparent' | 'imageScale'>>) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  sideTab: 'inspector',
  setSideTab: (sideTab) => set({ sideTab, sideOpen: true }),
  sideOpen: viewportWidth() > NARROW_MAX_PX,
  setSideOpen: (sideOpen) => set({ sideOpen }),
  sideWidth: defaultSideWidth(viewportWidth()),
  setSideWidth: (px) => set({ sideWidth: clampSideWidth(px) }),
  timelineOpen: true,
  setTimelineOpen: (timelineOpen) => set({ timelineOpen }),
  shareUrl: null,
  setShareUrl: (shareUrl) => set({ shareUrl }),
  damagedOpen: false,
  setDamagedOpen: (damagedOpen) => set({ damagedOpen }),
  imageTransparent: false,
  imageScale: 1,
  setImageOption: (patch) => set(patch),
}));
