import { renderHook } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyBoard } from '../../src/domain';
import { addStickyNote } from '../../src/store/annotationEdits';
import { useEditorStore } from '../../src/store/editorStore';
import { findCommandForEvent, formatShortcut, type Command } from '../../src/ui/commands';
import { useAppCommands } from '../../src/ui/useAppCommands';
import { useEditorCommands } from '../../src/ui/useEditorCommands';

/** The app's whole registry, as the shell assembles it (editor commands, then app commands). */
function registry(): Command[] {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ReactFlowProvider>{children}</ReactFlowProvider>
  );
  const { result } = renderHook(
    () => {
      const editor = useEditorCommands({ toggleHelp: () => undefined });
      const app = useAppCommands();
      return [...editor.commands, ...app.commands];
    },
    { wrapper },
  );
  return result.current;
}

/** What a US keyboard reports for a shortcut written as in the registry ('Mod+Shift+Z', 'Shift+1', '?'). */
const NAMED: Record<string, { key: string; code: string; shift?: boolean }> = {
  '?': { key: '?', code: 'Slash', shift: true },
  '=': { key: '=', code: 'Equal' },
  '-': { key: '-', code: 'Minus' },
  '1': { key: '1', code: 'Digit1' },
};
function press(shortcut: string, opts: { mac?: boolean } = {}): KeyboardEvent {
  const parts = shortcut.split('+');
  const last = parts.pop()!;
  const mods = new Set(parts);
  const shift = mods.has('Shift');
  let key: string;
  let code: string;
  if (NAMED[last]) ({ key, code } = NAMED[last]);
  else if (last.length === 1) {
    key = shift ? last.toUpperCase() : last.toLowerCase();
    code = `Key${last.toUpperCase()}`;
  } else {
    key = last;
    code = last;
  }
  if (shortcut === 'Shift+1') key = '!';
  return new KeyboardEvent('keydown', {
    key,
    code,
    shiftKey: shift || NAMED[last]?.shift === true,
    altKey: mods.has('Alt'),
    ctrlKey: mods.has('Mod') && !opts.mac,
    metaKey: mods.has('Mod') && !!opts.mac,
  });
}

beforeEach(() => {
  useEditorStore.getState().loadBoard(createEmptyBoard('t'));
  document.body.focus();
});

describe("the app's command registry", () => {
  it('has unique ids and a label for each command', () => {
    const all = registry();
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) expect(c.label.trim()).not.toBe('');
  });

  it('every shortcut, pressed on a US keyboard with Ctrl or ⌘, runs its own command and no other', () => {
    const all = registry();
    const shortcuts = all.flatMap((c) => (c.keys ?? []).map((k) => ({ id: c.id, k, when: c.when })));
    expect(shortcuts.length).toBeGreaterThan(20);
    for (const { id, k, when } of shortcuts) {
      if (when && !when()) continue;
      expect(findCommandForEvent(all, press(k))?.id, `${k} (Ctrl)`).toBe(id);
      expect(findCommandForEvent(all, press(k, { mac: true }))?.id, `${k} (⌘)`).toBe(id);
    }
  });

  it('Enter edits the selected note only when there is one; otherwise it is left to the focused control', () => {
    const all = registry();
    expect(findCommandForEvent(all, press('Enter'))).toBeUndefined();
    const { board, id } = addStickyNote(createEmptyBoard('t'), { x: 0, y: 0 }, 'hi');
    useEditorStore.getState().loadBoard(board);
    useEditorStore.getState().setSelection([id], []);
    expect(findCommandForEvent(all, press('Enter'))?.id).toBe('edit-selected');
  });

  it('Option+N on a Mac (which types ˜) still makes a new board, by the physical key', () => {
    const all = registry();
    const e = new KeyboardEvent('keydown', { key: '˜', code: 'KeyN', altKey: true });
    expect(findCommandForEvent(all, e)?.id).toBe('new-board');
    // Plain N is the sticky note, not a new board.
    expect(findCommandForEvent(all, press('N'))?.id).toBe('add-note');
  });

  it('formats each shortcut for the overlay without leaving "Mod" in it', () => {
    for (const c of registry())
      for (const k of c.keys ?? []) {
        expect(formatShortcut(k, true)).not.toMatch(/Mod/);
        expect(formatShortcut(k, false)).not.toMatch(/Mod/);
      }
  });
});
