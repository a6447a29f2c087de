import { useState } from 'react';
import { useEditorStore } from '../store/editorStore';
import { useUiStore } from '../store/uiStore';
import { useBoardsStore } from '../store/boardsStore';
import { Menu, type MenuItem } from './common/Menu';
import type { ThemeChoice } from './common/useTheme';
import type { Command } from './commands';
import type { AppCommands } from './useAppCommands';

/** Boards ▾ · title · Practice ▾ · Run ▶ · Export ▾ · Import · layout · theme · ? */
export function TopBar({
  theme,
  onLayout,
  onHelp,
  app,
}: {
  commands: readonly Command[];
  theme: { choice: ThemeChoice; setChoice: (c: ThemeChoice) => void };
  onLayout: () => void;
  onHelp: () => void;
  app: AppCommands;
}) {
  const title = useEditorStore((s) => s.board.title);
  // Menus are built from these at render time; subscribing keeps their checkmarks and lists current.
  useUiStore((s) => s.imageTransparent);
  useUiStore((s) => s.imageScale);
  useBoardsStore((s) => s.boards);
  useBoardsStore((s) => s.activeId);
  useBoardsStore((s) => s.damaged);
  const [draft, setDraft] = useState(title);
  // A new title from outside (undo, another board) replaces the draft, during render (no effect).
  const [shownTitle, setShownTitle] = useState(title);
  if (title !== shownTitle) {
    setShownTitle(title);
    setDraft(title);
  }
  const themeItems: MenuItem[] = (['system', 'light', 'dark'] as const).map((c) => ({
    label: c === 'system' ? 'Follow system' : c === 'light' ? 'Light' : 'Dark',
    checked: theme.choice === c,
    onSelect: () => theme.setChoice(c),
  }));
  return (
    <header className="fl-topbar">
      <h1 className="fl-logo">
        <span aria-hidden="true">⚡ </span>Faultline
      </h1>
      <Menu label="Boards" items={app.boardItems()} />
      <input
        className="fl-title-input"
        aria-label="Board title"
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => useEditorStore.getState().setTitle(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') {
            setDraft(title);
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      <div className="fl-topbar-spacer" />
      <button type="button" className="fl-btn" onClick={() => useUiStore.getState().setSideTab('round')}>
        Practice
      </button>
      {app.runButton}
      <Menu label="Export" items={app.exportItems()} />
      <button type="button" className="fl-btn" onClick={app.openImport}>
        Import
      </button>
      <button
        type="button"
        className="fl-btn"
        onClick={onLayout}
        title="Auto-layout left to right (Ctrl+Shift+L)"
      >
        Auto-layout
      </button>
      <Menu label="Theme" items={themeItems} />
      <button type="button" className="fl-btn" aria-label="Keyboard shortcuts" onClick={onHelp}>
        ?
      </button>
    </header>
  );
}
