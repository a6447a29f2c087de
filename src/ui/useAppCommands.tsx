import { useMemo, type ReactNode } from 'react';
import { parseBoardText, serializeBoard } from '../domain';
import { useEditorStore } from '../store/editorStore';
import { notify } from '../store/noticeStore';
import type { MenuItem } from './common/Menu';
import type { Command } from './commands';
import { downloadText, pickFile } from './common/files';

export interface AppCommands {
  commands: Command[];
  boardItems(): (MenuItem | 'separator')[];
  exportItems(): (MenuItem | 'separator')[];
  openImport(): void;
  importFile(file: File): void;
  practiceMenu?: ReactNode;
  runButton?: ReactNode;
}

/** Commands that reach outside the editor: boards, import and export, running. */
export function useAppCommands(): AppCommands {
  return useMemo(() => {
    const importFile = async (file: File) => {
      const text = await file.text();
      const r = parseBoardText(text, 'repair');
      if (!r.ok) {
        notify({ level: 'error', text: `Could not import ${file.name}: ${r.error.message}` });
        return;
      }
      useEditorStore.getState().loadBoard(r.board);
      if (r.repairs.length) notify({ level: 'warning', text: `Imported ${file.name} with ${r.repairs.length} repairs.`, details: r.repairs.map((n) => `${n.path}: ${n.problem} — ${n.action}`) });
    };
    return {
      commands: [],
      boardItems: () => [],
      exportItems: () => [{ label: 'JSON', onSelect: () => { const b = useEditorStore.getState().board; downloadText(`${b.title}.json`, serializeBoard(b), 'application/json'); } }],
      openImport: () => void pickFile('.json,application/json').then((f) => f && importFile(f)),
      importFile: (f: File) => void importFile(f),
    };
  }, []);
}
