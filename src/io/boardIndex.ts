import { isPlainRecord, MAX_ID_CHARS, MAX_LABEL_CHARS } from '../domain';
import { listKeys, safeRead } from './storageAccess';
import {
  INDEX_VERSION,
  STORAGE_KEYS,
  type BoardIndex,
  type BoardIndexEntry,
  type LoadedIndex,
  type StorageLike,
} from './storageTypes';

/** Checks one index entry by hand (no zod here: this module is in the first bundle). */
function checkEntry(b: unknown): { ok: true; entry: BoardIndexEntry } | { ok: false; problem: string } {
  if (!isPlainRecord(b)) return { ok: false, problem: 'entry: expected an object' };
  if (typeof b.id !== 'string' || b.id.length < 1 || b.id.length > MAX_ID_CHARS * 2)
    return { ok: false, problem: 'id: expected an id' };
  if (typeof b.title !== 'string' || b.title.length > MAX_LABEL_CHARS * 2)
    return { ok: false, problem: 'title: expected text' };
  if (typeof b.updatedAt !== 'number' || !Number.isFinite(b.updatedAt))
    return { ok: false, problem: 'updatedAt: expected a finite number' };
  return { ok: true, entry: { id: b.id, title: b.title, updatedAt: b.updatedAt } };
}

type Quarantine = (
  key: string,
  raw: string,
  reason: string,
) => { ok: true; key: string } | { ok: false; message: string };

export function createEmptyIndex(): BoardIndex {
  return { version: INDEX_VERSION, boards: [] };
}

/**
 * Reads the index, repairing it entry by entry: a corrupt or newer index is set aside, invalid or
 * duplicate entries are dropped, entries without a saved board are dropped, and saved boards missing
 * from the index are added back (a save whose index write failed). Never throws, never writes except
 * to set a damaged index aside.
 */
export function readIndex(store: StorageLike, quarantine: Quarantine): LoadedIndex {
  const notices: string[] = [];
  let index = createEmptyIndex();
  const r = safeRead(store, STORAGE_KEYS.index);
  if (!r.ok)
    return { index, notices: ['Browser storage could not be read; your saved boards are not listed.'] };
  if (r.value !== null) {
    const parsed = parseIndex(r.value);
    if (parsed.ok) {
      index = parsed.index;
      notices.push(...parsed.notices);
    } else {
      const q = quarantine(STORAGE_KEYS.index, r.value, parsed.reason);
      notices.push(
        `The list of saved boards was unreadable (${parsed.reason}); it was ${q.ok ? 'set aside and rebuilt' : 'rebuilt'} from the saved boards.`,
      );
    }
  }
  return { index: heal(store, index, notices), notices };
}

function parseIndex(
  raw: string,
): { ok: true; index: BoardIndex; notices: string[] } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${(e as Error).message}` };
  }
  if (!isPlainRecord(value) || !Array.isArray(value.boards)) return { ok: false, reason: 'not a board list' };
  if (typeof value.version !== 'number' || value.version > INDEX_VERSION)
    return { ok: false, reason: `version ${String(value.version)} is not readable by this Faultline` };
  const notices: string[] = [];
  const seen = new Set<string>();
  const boards: BoardIndexEntry[] = [];
  value.boards.forEach((b, i) => {
    const e = checkEntry(b);
    if (!e.ok) return notices.push(`boards.${i}: ${e.problem}; dropped from the list`);
    if (seen.has(e.entry.id))
      return notices.push(`boards.${i}: duplicate id "${e.entry.id}"; dropped from the list`);
    seen.add(e.entry.id);
    boards.push(e.entry);
  });
  const activeId = typeof value.activeId === 'string' ? value.activeId : undefined;
  return {
    ok: true,
    index: { version: INDEX_VERSION, boards, ...(activeId !== undefined ? { activeId } : {}) },
    notices,
  };
}

/** Adds saved boards the index misses and drops entries with no saved board. */
function heal(store: StorageLike, index: BoardIndex, notices: string[]): BoardIndex {
  const keys = listKeys(store, STORAGE_KEYS.boardPrefix);
  // A storage that cannot be listed: trust the index as it is.
  if (keys === null) return index;
  const saved = new Set(keys.map((k) => k.slice(STORAGE_KEYS.boardPrefix.length)));
  const boards = index.boards.filter((b) => saved.has(b.id));
  const listed = new Set(boards.map((b) => b.id));
  for (const id of saved) {
    if (listed.has(id)) continue;
    boards.push(describeSaved(store, id));
    notices.push(`A saved board missing from the list ("${id}") was added back.`);
  }
  const activeId = index.activeId !== undefined && saved.has(index.activeId) ? index.activeId : undefined;
  return { version: INDEX_VERSION, boards, ...(activeId !== undefined ? { activeId } : {}) };
}

/** Title and time of a saved board, read leniently; a board too damaged to read still gets listed. */
function describeSaved(store: StorageLike, id: string): BoardIndexEntry {
  const r = safeRead(store, `${STORAGE_KEYS.boardPrefix}${id}`);
  try {
    const v: unknown = r.ok && r.value !== null ? JSON.parse(r.value) : null;
    if (isPlainRecord(v)) {
      const board = isPlainRecord(v.board) ? v.board : v;
      const title =
        typeof board.title === 'string' ? board.title.slice(0, MAX_LABEL_CHARS) : 'Untitled board';
      return {
        id,
        title,
        updatedAt: typeof v.savedAt === 'number' && Number.isFinite(v.savedAt) ? v.savedAt : 0,
      };
    }
  } catch {
    // Listed as "damaged": opening it will set the raw value aside and say so.
  }
  return { id, title: 'Damaged board', updatedAt: 0 };
}
