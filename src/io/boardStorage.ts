import type { Board } from '../domain';
import { readIndex } from './boardIndex';
import {
  boardKey,
  createBoardReader,
  readRecord,
  type BoardReader,
  type BoardStorageOptions,
} from './boardReader';
import { safeRead, safeRemove, safeWrite } from './storageAccess';
import {
  INDEX_VERSION,
  STORAGE_KEYS,
  type BoardIndex,
  type BoardIndexEntry,
  type SaveResult,
  type StorageLike,
  type WriteResult,
} from './storageTypes';

export { boardKey, type BoardStorageOptions } from './boardReader';

/**
 * Several boards in browser storage (docs/architecture.md, "Persistence"): an index plus one key per board. A saved value
 * that cannot be opened (corrupt, or from a newer Faultline) is moved aside under a quarantine key
 * and reported, never silently reset and never overwritten by the next save (docs/reliability.md #18).
 * Every method returns a result; none throws. The read side is boardReader.ts (in the first load);
 * this module adds saving and deleting.
 */
export interface BoardStorage extends Omit<BoardReader, 'store' | 'now' | 'lastWritten'> {
  /**
   * Saves a board. With `expectedVersion` (the savedVersion this tab loaded or last saved), a newer
   * save from another tab is not overwritten: the result is a `conflict` (#21).
   */
  saveBoard(id: string, board: Board, expectedVersion?: number): SaveResult;
  deleteBoard(id: string): WriteResult;
  deleteQuarantined(key: string): WriteResult;
}

/**
 * The board repository over `storage` (`localStorage` in the app, a fake in tests). Null, or a
 * storage that refuses reads or every write, gives `available: false` and an in-memory store.
 */
export function createBoardStorage(
  storage: StorageLike | null,
  opts: BoardStorageOptions = {},
): BoardStorage {
  return withBoardWrites(createBoardReader(storage, opts));
}

/** The full repository over a reader: its storage, clock and record of this tab's writes are shared. */
export function withBoardWrites(reader: BoardReader): BoardStorage {
  const { store, now, lastWritten, quarantine } = reader;

  const saveBoard = (id: string, board: Board, expectedVersion?: number): SaveResult => {
    const key = boardKey(id);
    const cur = safeRead(store, key);
    if (!cur.ok)
      return {
        ok: false,
        code: 'unavailable',
        cause: cur.cause,
        message: 'Browser storage could not be read, so this change was not saved.',
      };
    let storedVersion = 0;
    if (cur.value !== null) {
      const known = lastWritten.get(key);
      const record =
        known?.raw === cur.value
          ? { ok: true as const, savedVersion: known.savedVersion }
          : readRecord(cur.value, { shallow: true });
      if (record.ok) storedVersion = record.savedVersion;
      else {
        // Whatever is there cannot be opened by this version: keep it, never overwrite it.
        const q = quarantine(key, cur.value, `found when saving: ${record.error.message}`);
        if (!q.ok)
          return {
            ok: false,
            code: 'quota',
            message: `${q.message} This change was not saved; download the board to keep it.`,
          };
      }
    }
    if (expectedVersion !== undefined && storedVersion > expectedVersion) {
      return {
        ok: false,
        code: 'conflict',
        savedVersion: storedVersion,
        message:
          'This board was saved in another tab since you opened it here. Your changes were not saved over it: reload the board to see the newer version, or download yours.',
      };
    }
    // Never count backwards, even when what was stored is gone or was set aside.
    const savedVersion = Math.max(storedVersion, expectedVersion ?? 0) + 1;
    const savedAt = now();
    const raw = JSON.stringify({ savedVersion, savedAt, board });
    const w = safeWrite(store, key, raw);
    if (!w.ok) return w;
    lastWritten.set(key, { raw, savedVersion });
    // The index is derived data (loadIndex rebuilds missing entries), so its write failing does not
    // fail the save.
    const { index } = readIndex(store, quarantine);
    safeWrite(
      store,
      STORAGE_KEYS.index,
      JSON.stringify(upsertIndexEntry(index, { id, title: board.title, updatedAt: savedAt })),
    );
    return { ok: true, savedVersion, savedAt };
  };

  return {
    available: reader.available,
    loadIndex: reader.loadIndex,
    saveIndex: reader.saveIndex,
    loadBoard: reader.loadBoard,
    quarantine,
    listQuarantined: reader.listQuarantined,
    saveBoard,
    deleteBoard(id) {
      const key = boardKey(id);
      const r = safeRemove(store, key);
      if (!r.ok) return r;
      lastWritten.delete(key);
      const { index } = readIndex(store, quarantine);
      return safeWrite(store, STORAGE_KEYS.index, JSON.stringify(removeIndexEntry(index, id)));
    },
    deleteQuarantined: (key) =>
      key.startsWith(STORAGE_KEYS.quarantinePrefix)
        ? safeRemove(store, key)
        : { ok: false, code: 'unavailable', message: `"${key}" is not a quarantine entry.` },
  };
}

/** The index with `entry` added or replaced, most recently updated first. */
export function upsertIndexEntry(index: BoardIndex, entry: BoardIndexEntry): BoardIndex {
  const boards = [entry, ...index.boards.filter((b) => b.id !== entry.id)].sort(
    (a, b) => b.updatedAt - a.updatedAt,
  );
  return { ...index, version: INDEX_VERSION, boards };
}

/** The index without board `id`; the active board is cleared when it was that one. */
export function removeIndexEntry(index: BoardIndex, id: string): BoardIndex {
  const { activeId, ...rest } = index;
  return {
    ...rest,
    version: INDEX_VERSION,
    boards: index.boards.filter((b) => b.id !== id),
    ...(activeId !== undefined && activeId !== id ? { activeId } : {}),
  };
}
