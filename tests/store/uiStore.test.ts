import { beforeEach, describe, expect, it } from 'vitest';
import {
  clampSideWidth,
  defaultSideWidth,
  SIDE_MAX_PX,
  SIDE_MIN_PX,
  useUiStore,
} from '../../src/store/uiStore';

const ui = () => useUiStore.getState();
const initial = useUiStore.getState();

beforeEach(() => useUiStore.setState(initial, true));

describe('uiStore', () => {
  it('choosing a side tab also shows the panel (a narrow window hides it at first)', () => {
    ui().setSideOpen(false);
    ui().setSideTab('round');
    expect(ui()).toMatchObject({ sideTab: 'round', sideOpen: true });
    ui().setSideOpen(false);
    expect(ui()).toMatchObject({ sideTab: 'round', sideOpen: false });
  });

  it('keeps the side panel between 300 and 760 px wide, in whole pixels', () => {
    ui().setSideWidth(10);
    expect(ui().sideWidth).toBe(SIDE_MIN_PX);
    ui().setSideWidth(5000);
    expect(ui().sideWidth).toBe(SIDE_MAX_PX);
    ui().setSideWidth(512.6);
    expect(ui().sideWidth).toBe(513);
    expect([clampSideWidth(SIDE_MIN_PX - 1), clampSideWidth(SIDE_MAX_PX + 1)]).toEqual([300, 760]);
  });

  it('starts at 480 px on a wide screen and 30% of a laptop window, never under 360', () => {
    expect(defaultSideWidth(2560)).toBe(480);
    expect(defaultSideWidth(1440)).toBe(432);
    expect(defaultSideWidth(1000)).toBe(360);
  });

  it('image options change one at a time; the other keeps its value', () => {
    ui().setImageOption({ imageTransparent: true });
    ui().setImageOption({ imageScale: 2 });
    expect(ui()).toMatchObject({ imageTransparent: true, imageScale: 2 });
    ui().setImageOption({ imageTransparent: false });
    expect(ui()).toMatchObject({ imageTransparent: false, imageScale: 2 });
  });

  it('dialogs: the share link and the damaged-saves list open and close', () => {
    expect(ui()).toMatchObject({ shareUrl: null, damagedOpen: false });
    ui().setShareUrl('https://x.dev/#board=abc');
    ui().setDamagedOpen(true);
    expect(ui()).toMatchObject({ shareUrl: 'https://x.dev/#board=abc', damagedOpen: true });
    ui().setShareUrl(null);
    ui().setDamagedOpen(false);
    expect(ui()).toMatchObject({ shareUrl: null, damagedOpen: false });
  });
});
