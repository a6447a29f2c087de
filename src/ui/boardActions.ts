// Board actions behind the menus that the first paint does not need: importing a file and deleting
// the open board. Their own chunk, loaded on the first use and fetched when the page is idle
// (src/ui/useAppCommands.tsx).
import { MAX_FILE_BYTES } from '../domain';
import { describeLoadError, describeLoadNote, importBoardFile, type ImportResult } from '../io/json';
import { downloadBoardJson } from '../io/download';
import { useBoardsStore } from '../store/boardsStore';
// An imported board is saved, a deleted one removed, at once: the boards store's write side comes too.
import '../store/boardsWrites';
import { useConfirm } from '../store/confirmStore';
import { useEditorStore } from '../store/editorStore';
import { notify } from '../store/noticeStore';

/** Imports a board file (JSON, or Mermaid we exported) as a new board; a refused file changes nothing. */
export async function importBoardFromFile(file: File) {
  if (file.size > MAX_FILE_BYTES) {
    notify({
      level: 'error',
      text: `Could not import ${file.name}: it is ${(file.size / 1048576).toFixed(1)} MB; boards are limited to ${MAX_FILE_BYTES / 1048576} MB. Your open board was not changed.`,
    });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    notify({
      level: 'error',
      text: `Could not read ${file.name}: ${(e as Error).message}. Your open board was not changed.`,
    });
    return;
  }
  const isMermaid = /\.(mmd|mermaid)$/i.test(file.name) || /^\s*(flowchart|graph)\s/i.test(text);
  const r: ImportResult = isMermaid
    ? (await import('../io/mermaid')).mermaidToBoard(text)
    : importBoardFile(text);
  if (!r.ok) {
    notify({
      level: 'error',
      text: `Could not import ${file.name}: ${describeLoadError(r.error)} Your open board was not changed.`,
    });
    return;
  }
  useBoardsStore.getState().createAndOpen(r.board);
  if (r.report.length) {
    notify({
      level: 'warning',
      text: `Imported "${r.board.title}" as a new board, with ${r.report.length} repair${r.report.length === 1 ? '' : 's'}.`,
      details: r.report.map(describeLoadNote),
    });
  } else notify({ level: 'info', text: `Imported "${r.board.title}" as a new board.` });
}

/** Deletes the open board after asking (with an offer to download it first). */
export async function deleteActiveBoard() {
  const boards = () => useBoardsStore.getState();
  const { activeId } = boards();
  const b = useEditorStore.getState().board;
  if (!activeId) return;
  const ok = await useConfirm.getState().ask({
    title: `Delete "${b.title}"?`,
    body: 'The board is removed from this browser. Download it first to keep a copy.',
    confirmLabel: 'Delete',
    extra: { label: 'Download first', run: () => downloadBoardJson(b) },
  });
  if (ok) boards().remove(activeId);
}
