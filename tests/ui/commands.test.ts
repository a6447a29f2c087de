import { describe, expect, it, vi } from 'vitest';
import { findCommandForEvent, formatShortcut, type Command } from '../../src/ui/commands';
import { useUiStore } from '../../src/store/uiStore';

const key = (init: KeyboardEventInit & { key: string }, target?: EventTarget) => {
  const e = new KeyboardEvent('keydown', init);
  if (target) Object.defineProperty(e, 'target', { value: target });
  return e;
};

describe('the command registry', () => {
  const undo = vi.fn();
  const redo = vi.fn();
  const help = vi.fn();
  const commands: Command[] = [
    { id: 'undo', label: 'Undo', group: 'Edit', keys: ['Mod+Z'], run: undo },
    { id: 'redo', label: 'Redo', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], run: redo },
    { id: 'help', label: 'Shortcuts', group: 'Help', keys: ['?'], run: help },
    { id: 'save', label: 'Save', group: 'Board', keys: ['Mod+S'], run: vi.fn(), inInputs: true },
  ];

  it('finds a command by its shortcut, Ctrl or ⌘ alike, and tells Shift apart', () => {
    expect(findCommandForEvent(commands, key({ key: 'z', ctrlKey: true }))?.id).toBe('undo');
    expect(findCommandForEvent(commands, key({ key: 'z', metaKey: true }))?.id).toBe('undo');
    expect(findCommandForEvent(commands, key({ key: 'Z', ctrlKey: true, shiftKey: true }))?.id).toBe('redo');
    expect(findCommandForEvent(commands, key({ key: 'y', ctrlKey: true }))?.id).toBe('redo');
    // A non-Latin layout still reports the physical key.
    expect(findCommandForEvent(commands, key({ key: 'я', code: 'KeyZ', ctrlKey: true }))?.id).toBe('undo');
    expect(findCommandForEvent(commands, key({ key: '?', shiftKey: true }))?.id).toBe('help');
    expect(findCommandForEvent(commands, key({ key: 'z' }))).toBeUndefined();
  });

  it('ignores shortcuts while typing, except the ones marked for inputs', () => {
    const input = document.createElement('input');
    expect(findCommandForEvent(commands, key({ key: 'z', ctrlKey: true }, input))).toBeUndefined();
    expect(findCommandForEvent(commands, key({ key: 's', ctrlKey: true }, input))?.id).toBe('save');
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(findCommandForEvent(commands, key({ key: 'z', ctrlKey: true }, checkbox))?.id).toBe('undo');
  });

  it('formats shortcuts for the platform', () => {
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⌘+⇧+Z');
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
  });
});

describe('uiStore', () => {
  it('holds the panels and image options apart from the document', () => {
    const ui = useUiStore.getState();
    expect(ui.sideTab).toBe('inspector');
    ui.setSideTab('run');
    ui.setTimelineOpen(false);
    ui.setImageOption({ imageScale: 2 });
    ui.setShareUrl('https://x.dev/#board=abc');
    expect(useUiStore.getState()).toMatchObject({
      sideTab: 'run',
      timelineOpen: false,
      imageScale: 2,
      imageTransparent: false,
      shareUrl: 'https://x.dev/#board=abc',
    });
  });
});
