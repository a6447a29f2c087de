import type { Board, BoardLoadError, LoadNote } from '../domain';

/** The part of the Web Storage API we use; `localStorage` in the app, a fake in tests. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** Storage keys; one place so that tests, the store and browser tests agree. */
export const STORAGE_KEYS = {
  index: 'faultline:index',
  boardPrefix: 'faultline:board:',
  quarantinePrefix: 'faultline:quarantine:',
  probe: 'faultline:probe',
} as const;

export const INDEX_VERSION = 1;

export interface BoardIndexEntry {
  id: string;
  title: string;
  updatedAt: number;
}

/** The list of saved boards and which one was open last. */
export interface BoardIndex {
  version: typeof INDEX_VERSION;
  boards: BoardIndexEntry[];
  activeId?: string;
}

/** What is stored under `faultline:board:<id>`. `savedVersion` counts saves, for two-tab conflicts. */
export interface SavedBoardRecord {
  savedVersion: number;
  savedAt: number;
  board: Board;
}

/** Why a saved board could not be opened: a loader error, or nothing there, or no storage at all. */
export type StoredBoardError =
  | BoardLoadError
  | { code: 'not-found'; message: string }
  | { code: 'unavailable'; message: string; cause?: unknown };

export type LoadedBoard =
  | { ok: true; board: Board; report: LoadNote[]; savedVersion: number }
  /**
   * `raw` is the value as it was stored ('' when there was none), so the UI can offer "download raw
   * data"; `quarantineKey` is where it was moved aside, when it was.
   */
  | { ok: false; error: StoredBoardError; raw: string; quarantineKey?: string };

export type SaveFailureCode = 'quota' | 'unavailable' | 'conflict';

export type SaveResult =
  | { ok: true; savedVersion: number; savedAt: number }
  /** On `conflict`, `savedVersion` is the newer version found in storage. */
  | { ok: false; code: SaveFailureCode; message: string; savedVersion?: number; cause?: unknown };

export type WriteResult =
  { ok: true } | { ok: false; code: 'quota' | 'unavailable'; message: string; cause?: unknown };

export interface QuarantinedValue {
  key: string;
  raw: string;
  reason: string;
  at: number;
  from: string;
}

export interface LoadedIndex {
  index: BoardIndex;
  /** What was repaired or set aside while reading the index, for a notice. */
  notices: string[];
}
