import { BOARD_FORMAT, BOARD_VERSION, isPlainRecord, parseBoardValue } from '../domain';
import { describeLoadError, toImportResult } from './json';
import { readIndex } from './boardIndex';
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
  type StorageLike,
  type WriteResult,
} from './storageTypes';

export interface BoardStorageOptions {
  /** Injected clock (tests); defaults to Date.now. */
  now?: () => number;
}

/**
 * The read side of the board repository (docs/architecture.md, "Persistence"): what the first paint
 * needs to list the boards and open one. A saved value that cannot be opened is still set aside here
 * (quarantine), never silently reset; saving and deleting boards are in boardStorage.ts, which the app
 * loads just after the first paint. Every method returns a result; none throws.
 */
export interface BoardReader {
  /** False when browser storage cannot be used: everything then works in memory, unsaved (#19). */
  readonly available: boolean;
  /** The storage in use: the one given, or an in-memory one when it cannot be used. */
  readonly store: StorageLike;
  readonly now: () => number;
  /** What this tab last wrote per key: saves skip re-parsing a value they wrote themselves. */
  readonly lastWritten: Map<string, { raw: string; savedVersion: number }>;
  loadIndex: () => LoadedIndex;
  saveIndex: (index: BoardIndex) => WriteResult;
  loadBoard: (id: string) => LoadedBoard;
  /** Moves a raw value aside under `faultline:quarantine:<at>:<id>`; removes the original only once it is safely copied. */
  quarantine: (
    key: string,
    raw: string,
    reason: string,
  ) => { ok: true; key: string } | { ok: false; message: string };
  listQuarantined: () => QuarantinedValue[];
}

/** The storage key of one board: `faultline:board:<id>`. */
export const boardKey = (id: string) => `${STORAGE_KEYS.boardPrefix}${id}`;

/**
 * The read side over `storage` (`localStorage` in the app, a fake in tests). Null, or a storage that
 * refuses reads or every write, gives `available: false` and an in-memory store.
 */
export function createBoardReader(storage: StorageLike | null, opts: BoardStorageOptions = {}): BoardReader {
  const available = probeStorage(storage, STORAGE_KEYS.probe);
  const store: StorageLike = available ? storage! : createMemoryStorage();
  const now = opts.now ?? (() => Date.now());
  const lastWritten = new Map<string, { raw: string; savedVersion: number }>();

  const quarantine: BoardReader['quarantine'] = (key, raw, reason) => {
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

  return {
    available,
    store,
    now,
    lastWritten,
    loadIndex: () => readIndex(store, quarantine),
    saveIndex: (index) =>
      safeWrite(store, STORAGE_KEYS.index, JSON.stringify({ ...index, version: INDEX_VERSION })),
    loadBoard,
    quarantine,
    listQuarantined: () => listQuarantined(store),
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
export function readRecord(raw: string, { shallow = false } = {}): RecordRead {
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
