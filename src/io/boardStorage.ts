import { BOARD_FORMAT, BOARD_VERSION, isPlainRecord, parseBoardValue, type Board } from '../domain';
import { describeLoadError, toImportResult } from './json';
import { readIndex, upsertIndexEntry, removeIndexEntry } from './boardIndex';
import {
  createMemoryStorage,
  listKeys,
  probeStorage,
  safeRead,
  safeRemove,
  safeWrite,
} from './storageAccess';
import {
  INDEX_VERSION,
  STORAGE_KEYS,
  type BoardIndex,
  type LoadedBoard,
  type LoadedIndex,
  type QuarantinedValue,
  type SaveResult,
  type StorageLike,
  type WriteResult,
} from './storageTypes';

export interface BoardStorageOptions {
  /** Injected clock (tests); defaults to Date.now. */
  now?: () => number;
}

/**
 * Several boards in browser storage (docs/architecture.md, "Persistence"): an index plus one key per board. A saved value
 * that cannot be opened (corrupt, or from a newer Faultline) is moved aside under a quarantine key
 * and reported, never silently reset and never overwritten by the next save (reliability.md #18).
 * Every method returns a result; none throws.
 */
export interface BoardStorage {
  /** False when browser storage cannot be used: everything then works in memory, unsaved (#19). */
  readonly available: boolean;
  loadIndex(): LoadedIndex;
  saveIndex(index: BoardIndex): WriteResult;
  loadBoard(id: string): LoadedBoard;
  /**
   * Saves a board. With `expectedVersion` (the savedVersion this tab loaded or last saved), a newer
   * save from another tab is not overwritten: the result is a `conflict` (#21).
   */
  saveBoard(id: string, board: Board, expectedVersion?: number): SaveResult;
  deleteBoard(id: string): WriteResult;
  /** Moves a raw value aside under `faultline:quarantine:<at>:<id>`; removes the original only once it is safely copied. */
  quarantine(
    key: string,
    raw: string,
    reason: string,
  ): { ok: true; key: string } | { ok: false; message: string };
  listQuarantined(): QuarantinedValue[];
  deleteQuarantined(key: string): WriteResult;
}

/** The storage key of one board: `faultline:board:<id>`. */
export const boardKey = (id: string) => `${STORAGE_KEYS.boardPrefix}${id}`;

/**
 * The board repository over `storage` (`localStorage` in the app, a fake in tests). Null, or a
 * storage that refuses reads or every write, gives `available: false` and an in-memory store.
 */
export function createBoardStorage(
  storage: StorageLike | null,
  opts: BoardStorageOptions = {},
): BoardStorage {
  const available = probeStorage(storage, STORAGE_KEYS.probe);
  const store: StorageLike = available ? storage! : createMemoryStorage();
  const now = opts.now ?? (() => Date.now());
  // What this tab last wrote per key: saves skip re-parsing a value they wrote themselves.
  const lastWritten = new Map<string, { raw: string; savedVersion: number }>();

  const quarantine: BoardStorage['quarantine'] = (key, raw, reason) => {
    const at = now();
    const id =
      key === STORAGE_KEYS.index
        ? 'index'
        : key.startsWith(STORAGE_KEYS.boardPrefix)
          ? key.slice(STORAGE_KEYS.boardPrefix.length)
          : key;
    let qkey = `${STORAGE_KEYS.quarantinePrefix}${at}:${id}`;
    const taken = (k: string) => {
      const r = safeRead(store, k);
      return r.ok && r.value !== null;
    };
    for (let n = 2; taken(qkey); n++) qkey = `${STORAGE_KEYS.quarantinePrefix}${at}:${id}~${n}`;
    const w = safeWrite(store, qkey, JSON.stringify({ from: key, reason, at, raw }));
    if (!w.ok)
      return {
        ok: false,
        message: `The damaged saved data could not be set aside (${w.code === 'quota' ? 'browser storage is full' : 'storage refused it'}); it was left where it is and will not be overwritten.`,
      };
    const cur = safeRead(store, key);
    if (cur.ok && cur.value === raw) safeRemove(store, key);
    lastWritten.delete(key);
    return { ok: true, key: qkey };
  };

  const loadBoard = (id: string): LoadedBoard => {
    const key = boardKey(id);
    const r = safeRead(store, key);
    if (!r.ok)
      return {
        ok: false,
        raw: '',
        error: { code: 'unavailable', cause: r.cause, message: 'Browser storage could not be read.' },
      };
    if (r.value === null)
      return { ok: false, raw: '', error: { code: 'not-found', message: `No saved board "${id}".` } };
    const raw = r.value;
    const record = readRecord(raw);
    if (!record.ok) {
      const q = quarantine(key, raw, record.error.message);
      return { ok: false, raw, error: record.error, ...(q.ok ? { quarantineKey: q.key } : {}) };
    }
    const result = toImportResult(parseBoardValue(record.board, 'repair'));
    if (!result.ok) {
      const q = quarantine(key, raw, describeLoadError(result.error));
      return { ok: false, raw, error: result.error, ...(q.ok ? { quarantineKey: q.key } : {}) };
    }
    lastWritten.set(key, { raw, savedVersion: record.savedVersion });
    return { ok: true, board: result.board, report: result.report, savedVersion: record.savedVersion };
  };

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
    available,
    loadIndex: () => readIndex(store, quarantine),
    saveIndex: (index) =>
      safeWrite(store, STORAGE_KEYS.index, JSON.stringify({ ...index, version: INDEX_VERSION })),
    loadBoard,
    saveBoard,
    deleteBoard(id) {
      const key = boardKey(id);
      const r = safeRemove(store, key);
      if (!r.ok) return r;
      lastWritten.delete(key);
      const { index } = readIndex(store, quarantine);
      return safeWrite(store, STORAGE_KEYS.index, JSON.stringify(removeIndexEntry(index, id)));
    },
    quarantine,
    listQuarantined: () => listQuarantined(store),
    deleteQuarantined: (key) =>
      key.startsWith(STORAGE_KEYS.quarantinePrefix)
        ? safeRemove(store, key)
        : { ok: false, code: 'unavailable', message: `"${key}" is not a quarantine entry.` },
  };
}

type RecordRead =
  | { ok: true; savedVersion: number; board: unknown }
  | {
      ok: false;
      error:
        | { code: 'not-a-board'; message: string; cause?: unknown }
        | { code: 'version-too-new'; message: string; version: number };
    };

/**
 * Reads the wrapper of a saved board. `shallow` (used before overwriting) also refuses a board from
 * a newer version, so that a newer Faultline's save is set aside rather than overwritten.
 */
function readRecord(raw: string, { shallow = false } = {}): RecordRead {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    return {
      ok: false,
      error: {
        code: 'not-a-board',
        cause,
        message: `The saved board is not valid JSON: ${(cause as Error).message}`,
      },
    };
  }
  if (!isPlainRecord(value))
    return { ok: false, error: { code: 'not-a-board', message: 'The saved value is not a saved board.' } };
  // A bare document (no wrapper) is accepted as savedVersion 0: hand-seeded or an early save.
  const wrapped = isPlainRecord(value.board);
  const board = wrapped ? value.board : value;
  const savedVersion = wrapped ? value.savedVersion : 0;
  if (typeof savedVersion !== 'number' || !Number.isSafeInteger(savedVersion) || savedVersion < 0) {
    return {
      ok: false,
      error: { code: 'not-a-board', message: 'The saved board has no valid save counter.' },
    };
  }
  if (!isPlainRecord(board) || board.format !== BOARD_FORMAT)
    return {
      ok: false,
      error: { code: 'not-a-board', message: 'The saved value is not a Faultline board.' },
    };
  if (shallow && typeof board.version === 'number' && board.version > BOARD_VERSION) {
    return {
      ok: false,
      error: {
        code: 'version-too-new',
        version: board.version,
        message: `The saved board is from a newer Faultline (version ${board.version}).`,
      },
    };
  }
  return { ok: true, savedVersion, board };
}

function listQuarantined(store: StorageLike): QuarantinedValue[] {
  const out: QuarantinedValue[] = [];
  for (const key of listKeys(store, STORAGE_KEYS.quarantinePrefix) ?? []) {
    const r = safeRead(store, key);
    if (!r.ok || r.value === null) continue;
    const atFromKey = Number(key.slice(STORAGE_KEYS.quarantinePrefix.length).split(':')[0]);
    let entry: QuarantinedValue = {
      key,
      raw: r.value,
      reason: 'unreadable quarantine entry',
      at: Number.isFinite(atFromKey) ? atFromKey : 0,
      from: '',
    };
    try {
      const v: unknown = JSON.parse(r.value);
      if (isPlainRecord(v) && typeof v.raw === 'string') {
        entry = {
          key,
          raw: v.raw,
          reason: typeof v.reason === 'string' ? v.reason : '',
          at: typeof v.at === 'number' ? v.at : entry.at,
          from: typeof v.from === 'string' ? v.from : '',
        };
      }
    } catch {
      // Kept as the raw text above: a quarantine entry is never dropped for being unreadable.
    }
    out.push(entry);
  }
  return out.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}
