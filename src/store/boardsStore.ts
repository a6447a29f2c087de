import { create } from 'zustand';
import { createEmptyBoard, type Board } from '../domain';
import { createBoardReader, type BoardReader } from '../io/boardReader';
import type {
  BoardIndex,
  BoardIndexEntry,
  QuarantinedValue,
  SaveResult,
  StorageLike,
} from '../io/storageTypes';
import { useEditorStore } from './editorStore';
import { notify } from './noticeStore';
import { useUiStore } from './uiStore';
import { createSampleBoard } from './sampleBoard';

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

/**
 * The write side of the store (./boardsWrites.ts: saving with its conflict and quota handling, the
 * throttled autosave, renaming, duplicating and deleting boards, damaged saves). The first paint only
 * reads storage, so that module loads right after it; `init` starts loading it at once.
 */
export interface BoardWrites {
  /** Saves `board` as the active board now; conflicts and failures are shown, never thrown. */
  save: (board: Board) => SaveResult;
  /** A fresh throttled autosave for the board just opened by `init` (the previous one is dropped). */
  startAutosave: () => void;
  stopAutosave: () => void;
  schedule: (board: Board) => void;
  flush: () => void;
  rename: (id: string, title: string) => void;
  duplicate: (id: string) => void;
  remove: (id: string) => void;
  downloadDamaged: (key: string) => void;
  deleteDamaged: (key: string) => void;
}

/** What the store shares with its write side about the storage and the open board. */
export interface BoardsSession {
  reader: BoardReader | null;
  /** The stored version the open board was read at: a save expecting an older one is a conflict (two tabs). */
  expectedVersion: number | undefined;
  /** After a conflict this tab stops autosaving the board until the user chooses. */
  savingSuspended: boolean;
  /** The problem last shown, so that retries of the same failure do not stack banners. */
  shownProblem: string | null;
  /** The first-start sample board this start made, if it made one. */
  sampleId: string | null;
}
export const boardsSession: BoardsSession = {
  reader: null,
  expectedVersion: undefined,
  savingSuspended: false,
  shownProblem: null,
  sampleId: null,
};

let writes: BoardWrites | null = null;
/** Board actions asked for before the write side arrived, run in order when it does. */
let waiting: ((w: BoardWrites) => void)[] = [];
let loadingWrites: Promise<void> | null = null;

/** Called by ./boardsWrites.ts when it is evaluated: runs what waited for it. */
export function registerBoardWrites(w: BoardWrites) {
  writes = w;
  const ops = waiting;
  waiting = [];
  for (const op of ops) op(w);
}

/** Loads the write side (once). A lazy chunk that needs it at once imports './boardsWrites' itself. */
export function loadBoardWrites(): Promise<void> {
  loadingWrites ??= import('./boardsWrites').then(
    () => undefined,
    (e: unknown) => {
      loadingWrites = null;
      notify({
        level: 'error',
        sticky: true,
        text: `Saving is unavailable: part of the app could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page; export your board first to be safe.`,
      });
    },
  );
  return loadingWrites;
}

/**
 * Runs a board action now when the write side is loaded, else as soon as it is. Every action after
 * `init` goes through here, so they keep their order: an autosave asked for in the first moments
 * after start is written before a board switched to later is read.
 */
function whenWrites(op: (w: BoardWrites) => void) {
  if (writes) op(writes);
  else {
    waiting.push(op);
    void loadBoardWrites();
  }
}

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

/** Re-reads the quarantine list; keeps the same array when nothing changed (no re-render). */
export function refreshDamaged() {
  const next = boardsSession.reader?.listQuarantined() ?? [];
  const cur = useBoardsStore.getState().damaged;
  if (next.length !== cur.length || next.some((q, i) => q.key !== cur[i]?.key))
    useBoardsStore.setState({ damaged: next });
}

export function writeIndex(boards: BoardIndexEntry[], activeId: string | null) {
  useBoardsStore.setState({ boards, activeId });
  const index: BoardIndex = { version: 1, boards, ...(activeId ? { activeId } : {}) };
  boardsSession.reader?.saveIndex(index);
}

/** Opens a saved board in the editor; false (and a notice, the raw value set aside) when it cannot. */
export function loadIntoEditor(id: string): boolean {
  const reader = boardsSession.reader;
  if (!reader) return false;
  const r = reader.loadBoard(id);
  if (r.ok) {
    boardsSession.expectedVersion = r.savedVersion;
    boardsSession.savingSuspended = false;
    // The active id changes before the editor loads, so whoever watches board opens (per-board run
    // results) knows which board is arriving.
    useBoardsStore.setState({ activeId: id });
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
              run: () =>
                void import('../io/download').then((m) =>
                  m.downloadText(`faultline-board-${id}-raw.txt`, raw, 'text/plain'),
                ),
            },
          ]
        : []),
      ...(r.quarantineKey
        ? [{ label: 'Damaged saves…', run: () => useUiStore.getState().setDamagedOpen(true) }]
        : []),
    ],
  });
  return false;
}

export const useBoardsStore = create<BoardsState>()((set, get) => ({
  boards: [],
  activeId: null,
  persistent: false,
  saveProblem: null,
  damaged: [],

  init(storage = browserStorage()) {
    unsubscribe?.();
    writes?.stopAutosave();
    // Actions of an earlier start that never ran belong to its storage: dropped.
    waiting = [];
    const reader = createBoardReader(storage);
    boardsSession.reader = reader;
    boardsSession.sampleId = null;
    const persistent = reader.available;
    set({ persistent });
    if (!persistent) {
      notify({
        level: 'warning',
        sticky: true,
        text: "Your browser gives this page no storage: changes aren't saved. Use Export → JSON to keep your board.",
      });
    }
    set({ damaged: [] });
    const { index, notices } = reader.loadIndex();
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
      boardsSession.expectedVersion = undefined;
      boardsSession.sampleId = id;
      writeIndex([...boards, { id, title: sample.title, updatedAt: Date.now() }], id);
      useEditorStore.getState().loadBoard(sample);
      whenWrites((w) => w.save(sample));
      onSampleCreated?.(id);
    }
    whenWrites((w) => w.startAutosave());
    let lastRevision = useEditorStore.getState().revision;
    unsubscribe = useEditorStore.subscribe((s) => {
      if (s.revision === lastRevision) return;
      lastRevision = s.revision;
      const board = s.board;
      whenWrites((w) => w.schedule(board));
    });
  },

  createAndOpen(board) {
    const id = newId();
    whenWrites((w) => {
      w.flush();
      boardsSession.expectedVersion = undefined;
      boardsSession.savingSuspended = false;
      writeIndex([...get().boards, { id, title: board.title, updatedAt: Date.now() }], id);
      useEditorStore.getState().loadBoard(board);
      w.save(board);
    });
    return id;
  },

  newBoard() {
    return get().createAndOpen(createEmptyBoard(`Board ${get().boards.length + 1}`));
  },

  open(id) {
    whenWrites((w) => {
      if (id === get().activeId && !boardsSession.savingSuspended) return;
      w.flush();
      if (loadIntoEditor(id)) writeIndex(get().boards, id);
    });
  },

  rename: (id, title) => whenWrites((w) => w.rename(id, title)),
  duplicate: (id) => whenWrites((w) => w.duplicate(id)),
  remove: (id) => whenWrites((w) => w.remove(id)),
  downloadDamaged: (key) => whenWrites((w) => w.downloadDamaged(key)),
  deleteDamaged: (key) => whenWrites((w) => w.deleteDamaged(key)),

  /** Writes a pending autosave now (page hidden or closed). Before the write side has loaded there is none yet. */
  flush() {
    writes?.flush();
  },
}));
