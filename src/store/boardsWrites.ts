// The write side of the boards store (./boardsStore.ts): saving, with its two-tab conflict and full-
// storage handling, the throttled autosave, renaming, duplicating and deleting boards, and the damaged
// saves' downloads and deletion. Not needed to show the first board: the store starts loading this
// module in `init`, and what is asked for before it arrives runs when it does. A chunk that calls the
// store's board actions and needs their effect at once imports this module itself.
import type { Board } from '../domain';
import type { BoardReader } from '../io/boardReader';
import { withBoardWrites, type BoardStorage } from '../io/boardStorage';
import { downloadBoardJson, downloadText } from '../io/download';
import { STORAGE_KEYS, type QuarantinedValue, type SaveResult } from '../io/storageTypes';
import { createThrottledSaver, type ThrottledSaver } from '../io/throttle';
import {
  boardsSession,
  loadIntoEditor,
  refreshDamaged,
  registerBoardWrites,
  useBoardsStore,
  writeIndex,
  type BoardWrites,
} from './boardsStore';
import { useEditorStore } from './editorStore';
import { notify } from './noticeStore';

/** Autosave writes at most this often while editing (io/throttle's default is 1 s; a board is small). */
export const AUTOSAVE_WAIT_MS = 400;

const get = () => useBoardsStore.getState();
const set = (s: Partial<ReturnType<typeof get>>) => useBoardsStore.setState(s);

let repo: BoardStorage | null = null;
let repoReader: BoardReader | null = null;
/** The repository over the store's current reader (a new one after every `init`). */
function storage(): BoardStorage | null {
  const reader = boardsSession.reader;
  if (!reader) return null;
  if (reader !== repoReader) {
    repo = withBoardWrites(reader);
    repoReader = reader;
  }
  return repo;
}

let saver: ThrottledSaver<Board> | null = null;

/** The file name a damaged save downloads as: where it came from, and `.json` when it parses. */
export function damagedFileName(q: QuarantinedValue): string {
  const from = q.from.startsWith(STORAGE_KEYS.boardPrefix)
    ? q.from.slice(STORAGE_KEYS.boardPrefix.length)
    : q.from === STORAGE_KEYS.index
      ? 'index'
      : 'save';
  let json = false;
  try {
    JSON.parse(q.raw);
    json = true;
  } catch {
    // not JSON: plain text
  }
  return `faultline-damaged-${from}-${q.at}.${json ? 'json' : 'txt'}`;
}

const touchEntry = (id: string, board: Board) => {
  const boards = get().boards.map((b) =>
    b.id === id ? { ...b, title: board.title, updatedAt: Date.now() } : b,
  );
  writeIndex(boards, get().activeId);
};

const save = (board: Board): SaveResult => {
  const id = get().activeId;
  const repo = storage();
  if (!repo || !id) return { ok: true, savedVersion: 0, savedAt: Date.now() };
  const session = boardsSession;
  if (session.savingSuspended)
    return { ok: false, code: 'conflict', message: 'waiting for the user to settle a two-tab conflict' };
  const r = repo.saveBoard(id, board, session.expectedVersion);
  // A save sets aside a damaged value it finds under the board's key.
  refreshDamaged();
  if (r.ok) {
    session.expectedVersion = r.savedVersion;
    if (session.shownProblem) {
      session.shownProblem = null;
      set({ saveProblem: null });
    }
    touchEntry(id, board);
    return r;
  }
  if (session.shownProblem === r.code) return r;
  session.shownProblem = r.code;
  set({ saveProblem: r.message });
  if (r.code === 'conflict') {
    session.savingSuspended = true;
    notify({
      level: 'warning',
      sticky: true,
      text: 'This board was saved more recently in another tab. Your changes here are kept in this tab but not saved over the newer version.',
      actions: [
        {
          label: 'Save mine as a copy',
          run: () => {
            session.savingSuspended = false;
            session.shownProblem = null;
            get().createAndOpen({ ...useEditorStore.getState().board, title: `${board.title} (copy)` });
          },
        },
        {
          label: 'Load the newer version',
          run: () => {
            session.savingSuspended = false;
            session.shownProblem = null;
            get().open(id);
          },
        },
      ],
    });
    return r;
  }
  notify({
    level: 'error',
    sticky: true,
    text:
      r.code === 'quota'
        ? "Could not save: the browser's storage is full. Your board is still open here and saving will be retried; download a copy to be safe."
        : `Could not save: ${r.message}`,
    actions: [{ label: 'Download board', run: () => downloadBoardJson(board) }],
  });
  return r;
};

const boardWrites: BoardWrites = {
  save,

  startAutosave() {
    saver?.dispose();
    saver = createThrottledSaver<Board>((b) => save(b), { waitMs: AUTOSAVE_WAIT_MS });
  },

  stopAutosave() {
    saver?.dispose();
    saver = null;
  },

  schedule: (board) => saver?.schedule(board),

  flush() {
    saver?.flush();
  },

  rename(id, title) {
    const t = title.trim().slice(0, 200);
    if (!t) return;
    if (id === get().activeId) useEditorStore.getState().setTitle(t);
    else {
      const r = storage()?.loadBoard(id);
      if (r?.ok) storage()?.saveBoard(id, { ...r.board, title: t }, r.savedVersion);
      writeIndex(
        get().boards.map((b) => (b.id === id ? { ...b, title: t } : b)),
        get().activeId,
      );
    }
  },

  duplicate(id) {
    saver?.flush();
    const source =
      id === get().activeId
        ? useEditorStore.getState().board
        : (() => {
            const r = storage()?.loadBoard(id);
            return r?.ok ? r.board : null;
          })();
    if (source) get().createAndOpen({ ...source, title: `${source.title} (copy)` });
  },

  remove(id) {
    const remaining = get().boards.filter((b) => b.id !== id);
    if (id === get().activeId) {
      saver?.cancel();
      storage()?.deleteBoard(id);
      if (remaining.length === 0) {
        writeIndex([], null);
        get().newBoard();
        return;
      }
      writeIndex(remaining, remaining[0]!.id);
      if (!loadIntoEditor(remaining[0]!.id)) get().newBoard();
      return;
    }
    storage()?.deleteBoard(id);
    writeIndex(remaining, get().activeId);
  },

  downloadDamaged(key) {
    const q = get().damaged.find((d) => d.key === key);
    if (!q) return;
    const json = damagedFileName(q).endsWith('.json');
    downloadText(damagedFileName(q), q.raw, json ? 'application/json' : 'text/plain');
  },

  deleteDamaged(key) {
    const r = storage()?.deleteQuarantined(key);
    if (r && !r.ok) notify({ level: 'error', text: `Could not delete the damaged save: ${r.message}` });
    refreshDamaged();
  },
};

registerBoardWrites(boardWrites);
