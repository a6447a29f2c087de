import { create } from 'zustand';
import { createEmptyBoard, type Board } from '../domain';
import { createBoardStorage } from '../io/boardStorage';
import { createThrottledSaver } from '../io/throttle';
import {
  STORAGE_KEYS,
  type BoardIndex,
  type BoardIndexEntry,
  type QuarantinedValue,
  type SaveResult,
  type StorageLike,
} from '../io/storageTypes';
import { downloadBoardJson, downloadText } from '../io/download';
import { useEditorStore } from './editorStore';
import { notify } from './noticeStore';
import { useUiStore } from './uiStore';
import { createSampleBoard } from './sampleBoard';

/** Autosave writes at most this often while editing (io/throttle's default is 1 s; a board is small). */
export const AUTOSAVE_WAIT_MS = 400;

/** Several boards, each autosaved in the browser; the open one lives in the editor store. */
export interface BoardsState {
  boards: BoardIndexEntry[];
  activeId: string | null;
  /** false when the browser gives us no storage: the app works in memory and says so. */
  persistent: boolean;
  /** A save problem currently shown (quota, conflict), or null. */
  saveProblem: string | null;
  /**
   * Saved values that could not be opened and were set aside (quarantined), oldest first: the boards
   * menu offers them for download or deletion, so damaged data is never lost silently.
   */
  damaged: QuarantinedValue[];
  /** Downloads a damaged save exactly as it was stored (`.json` when it is JSON, else `.txt`). */
  downloadDamaged: (key: string) => void;
  /** Deletes a damaged save for good (the user chose to). */
  deleteDamaged: (key: string) => void;
  init: (storage?: StorageLike | null) => void;
  createAndOpen: (board: Board) => string;
  newBoard: () => string;
  open: (id: string) => void;
  rename: (id: string, title: string) => void;
  duplicate: (id: string) => void;
  remove: (id: string) => void;
  flush: () => void;
}

let repo: ReturnType<typeof createBoardStorage> | null = null;
let saver: ReturnType<typeof createThrottledSaver<Board>> | null = null;
/** The problem last shown, so that retries of the same failure do not stack banners. */
let shownProblem: string | null = null;
/** The stored version the open board was read at: a save expecting an older one is a conflict (two tabs). */
let expectedVersion: number | undefined;
/** After a conflict this tab stops autosaving the board until the user chooses. */
let savingSuspended = false;
let unsubscribe: (() => void) | null = null;
/** Told when the first-start sample board is made (the run store gives it its teaching fault plan). */
let onSampleCreated: ((id: string) => void) | null = null;
export function setOnSampleCreated(fn: ((id: string) => void) | null) {
  onSampleCreated = fn;
}

const newId = () => `b-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

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

export const useBoardsStore = create<BoardsState>()((set, get) => {
  /** Re-reads the quarantine list; keeps the same array when nothing changed (no re-render). */
  const refreshDamaged = () => {
    const next = repo?.listQuarantined() ?? [];
    const cur = get().damaged;
    if (next.length !== cur.length || next.some((q, i) => q.key !== cur[i]?.key)) set({ damaged: next });
  };

  const writeIndex = (boards: BoardIndexEntry[], activeId: string | null) => {
    set({ boards, activeId });
    const index: BoardIndex = { version: 1, boards, ...(activeId ? { activeId } : {}) };
    repo?.saveIndex(index);
  };

  const touchEntry = (id: string, board: Board) => {
    const boards = get().boards.map((b: BoardIndexEntry) =>
      b.id === id ? { ...b, title: board.title, updatedAt: Date.now() } : b,
    );
    writeIndex(boards, get().activeId);
  };

  const save = (board: Board): SaveResult => {
    const id = get().activeId;
    if (!repo || !id) return { ok: true, savedVersion: 0, savedAt: Date.now() };
    if (savingSuspended)
      return { ok: false, code: 'conflict', message: 'waiting for the user to settle a two-tab conflict' };
    const r = repo.saveBoard(id, board, expectedVersion);
    // A save sets aside a damaged value it finds under the board's key.
    refreshDamaged();
    if (r.ok) {
      expectedVersion = r.savedVersion;
      if (shownProblem) {
        shownProblem = null;
        set({ saveProblem: null });
      }
      touchEntry(id, board);
      return r;
    }
    if (shownProblem === r.code) return r;
    shownProblem = r.code;
    set({ saveProblem: r.message });
    if (r.code === 'conflict') {
      savingSuspended = true;
      notify({
        level: 'warning',
        sticky: true,
        text: 'This board was saved more recently in another tab. Your changes here are kept in this tab but not saved over the newer version.',
        actions: [
          {
            label: 'Save mine as a copy',
            run: () => {
              savingSuspended = false;
              shownProblem = null;
              get().createAndOpen({ ...useEditorStore.getState().board, title: `${board.title} (copy)` });
            },
          },
          {
            label: 'Load the newer version',
            run: () => {
              savingSuspended = false;
              shownProblem = null;
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

  const loadIntoEditor = (id: string): boolean => {
    if (!repo) return false;
    const r = repo.loadBoard(id);
    if (r.ok) {
      expectedVersion = r.savedVersion;
      savingSuspended = false;
      // The active id changes before the editor loads, so whoever watches board opens (per-board run
      // results) knows which board is arriving.
      set({ activeId: id });
      useEditorStore.getState().loadBoard(r.board);
      if (r.report.length)
        notify({
          level: 'warning',
          text: `Opened "${r.board.title}" with ${r.report.length} repairs.`,
          details: r.report.map((n) => `${n.path}: ${n.problem} — ${n.action}`),
        });
      return true;
    }
    // Never silently replaced: the raw value is kept aside and can be downloaded.
    refreshDamaged();
    const raw = r.raw;
    notify({
      level: 'error',
      sticky: true,
      text: `A saved board could not be opened (${r.error.message}). Its data was set aside${r.quarantineKey ? '' : ' untouched'}; nothing was overwritten.`,
      actions: [
        ...(raw
          ? [
              {
                label: 'Download raw data',
                run: () => downloadText(`faultline-board-${id}-raw.txt`, raw, 'text/plain'),
              },
            ]
          : []),
        ...(r.quarantineKey
          ? [{ label: 'Damaged saves…', run: () => useUiStore.getState().setDamagedOpen(true) }]
          : []),
      ],
    });
    return false;
  };

  return {
    boards: [],
    activeId: null,
    persistent: false,
    saveProblem: null,
    damaged: [],

    init(storage = browserStorage()) {
      unsubscribe?.();
      repo = createBoardStorage(storage);
      const persistent = repo.available;
      set({ persistent });
      if (!persistent) {
        notify({
          level: 'warning',
          sticky: true,
          text: "Your browser gives this page no storage: changes aren't saved. Use Export → JSON to keep your board.",
        });
      }
      set({ damaged: [] });
      const { index, notices } = repo.loadIndex();
      refreshDamaged();
      for (const n of notices) notify({ level: 'warning', sticky: true, text: n });
      let boards = index.boards;
      let activeId =
        index.activeId && boards.some((b) => b.id === index.activeId)
          ? index.activeId
          : (boards[0]?.id ?? null);
      set({ boards, activeId });
      let opened = false;
      while (activeId && !opened) {
        opened = loadIntoEditor(activeId);
        if (!opened) {
          const failed = activeId;
          boards = boards.filter((b) => b.id !== failed);
          activeId = boards[0]?.id ?? null;
          writeIndex(boards, activeId);
        }
      }
      if (!opened) {
        // First start (or nothing could be opened): a small real board, not an empty canvas.
        const sample = createSampleBoard();
        const id = newId();
        expectedVersion = undefined;
        writeIndex([...boards, { id, title: sample.title, updatedAt: Date.now() }], id);
        useEditorStore.getState().loadBoard(sample);
        save(sample);
        onSampleCreated?.(id);
      }
      saver?.dispose();
      saver = createThrottledSaver<Board>((b) => save(b), { waitMs: AUTOSAVE_WAIT_MS });
      let lastRevision = useEditorStore.getState().revision;
      unsubscribe = useEditorStore.subscribe((s) => {
        if (s.revision === lastRevision) return;
        lastRevision = s.revision;
        saver?.schedule(s.board);
      });
    },

    createAndOpen(board) {
      get().flush();
      const id = newId();
      expectedVersion = undefined;
      savingSuspended = false;
      writeIndex([...get().boards, { id, title: board.title, updatedAt: Date.now() }], id);
      useEditorStore.getState().loadBoard(board);
      save(board);
      return id;
    },

    newBoard() {
      return get().createAndOpen(createEmptyBoard(`Board ${get().boards.length + 1}`));
    },

    open(id) {
      if (id === get().activeId && !savingSuspended) return;
      get().flush();
      if (loadIntoEditor(id)) writeIndex(get().boards, id);
    },

    rename(id, title) {
      const t = title.trim().slice(0, 200);
      if (!t) return;
      if (id === get().activeId) useEditorStore.getState().setTitle(t);
      else {
        const r = repo?.loadBoard(id);
        if (r?.ok) repo?.saveBoard(id, { ...r.board, title: t }, r.savedVersion);
        writeIndex(
          get().boards.map((b) => (b.id === id ? { ...b, title: t } : b)),
          get().activeId,
        );
      }
    },

    duplicate(id) {
      get().flush();
      const source =
        id === get().activeId
          ? useEditorStore.getState().board
          : (() => {
              const r = repo?.loadBoard(id);
              return r?.ok ? r.board : null;
            })();
      if (source) get().createAndOpen({ ...source, title: `${source.title} (copy)` });
    },

    remove(id) {
      const remaining = get().boards.filter((b) => b.id !== id);
      if (id === get().activeId) {
        saver?.cancel();
        repo?.deleteBoard(id);
        if (remaining.length === 0) {
          writeIndex([], null);
          get().newBoard();
          return;
        }
        writeIndex(remaining, remaining[0]!.id);
        if (!loadIntoEditor(remaining[0]!.id)) get().newBoard();
        return;
      }
      repo?.deleteBoard(id);
      writeIndex(remaining, get().activeId);
    },

    flush() {
      saver?.flush();
    },

    downloadDamaged(key) {
      const q = get().damaged.find((d) => d.key === key);
      if (!q) return;
      const json = damagedFileName(q).endsWith('.json');
      downloadText(damagedFileName(q), q.raw, json ? 'application/json' : 'text/plain');
    },

    deleteDamaged(key) {
      const r = repo?.deleteQuarantined(key);
      if (r && !r.ok) notify({ level: 'error', text: `Could not delete the damaged save: ${r.message}` });
      refreshDamaged();
    },
  };
});
