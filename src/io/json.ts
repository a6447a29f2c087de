import {
  isPlainRecord,
  parseBoardText,
  serializeBoard,
  type Board,
  type BoardLoadError,
  type BoardLoadResult,
  type LoadNote,
} from '../domain';

/**
 * The outcome of any import (JSON file, Mermaid, share link): the repaired board and a report of
 * every repair, or a typed error. The caller keeps the board it has open until `ok` is true
 * (docs/reliability.md: a failed import never touches the open board).
 */
export type ImportResult =
  { ok: true; board: Board; report: LoadNote[] } | { ok: false; error: BoardLoadError };

/** The JSON file of a board: the canonical document (docs/formats.md, "The board document"). */
export function exportBoardJson(board: Board): string {
  return serializeBoard(board);
}

/** Reads a board file's text, repairing item by item. Never throws. */
export function importBoardFile(text: string): ImportResult {
  return toImportResult(parseBoardText(text, 'repair'));
}

/** Turns a loader result into an ImportResult; a migration shows in the report as its first line. */
export function toImportResult(result: BoardLoadResult): ImportResult {
  if (!result.ok) return { ok: false, error: result.error };
  const report =
    result.migratedFrom === undefined
      ? result.repairs
      : [
          {
            path: 'version',
            problem: `saved by an older version (${result.migratedFrom})`,
            action: `upgraded to version ${result.board.version}`,
          },
          ...result.repairs,
        ];
  return { ok: true, board: result.board, report };
}

const MAX_LISTED_ISSUES = 10;

/**
 * A message for the user that says what is wrong and where. Exhaustive over BoardLoadError: a new
 * error code is a compile error here until it has a message.
 */
export function describeLoadError(error: BoardLoadError): string {
  switch (error.code) {
    case 'not-a-board':
      return `This is not a Faultline board. ${error.message}`;
    case 'too-large':
      return `This board is too large to open. ${error.message}`;
    case 'version-too-new':
      return `This board was saved by a newer Faultline (document version ${error.version}). ${error.message} Nothing was changed.`;
    case 'migration-failed':
      return `This board is from an older version (${error.fromVersion}) and could not be upgraded: ${error.message}. Your open board was not changed and the original file is untouched.`;
    case 'invalid': {
      const shown = error.issues.slice(0, MAX_LISTED_ISSUES).map((i) => `- ${i.path}: ${i.message}`);
      const more = error.issues.length - shown.length;
      const count = error.issues.length === 1 ? '1 problem' : `${error.issues.length} problems`;
      return [`This board has ${count}:`, ...shown, ...(more > 0 ? [`…and ${more} more.`] : [])].join('\n');
    }
    default:
      return assertNever(error);
  }
}

/** One line of an import report: `nodes.3.config.graceMs: expected a number ≥ 0 — reset to the default 0`. */
export function describeLoadNote(note: LoadNote): string {
  return `${note.path}: ${note.problem} — ${note.action}`;
}

/** Compile-time exhaustiveness; at run time (a value from outside the types) still a message. */
function assertNever(value: never): string {
  const outside: unknown = value;
  const code = isPlainRecord(outside) ? outside.code : undefined;
  return `The board could not be opened (${typeof code === 'string' ? code : 'unknown error'}).`;
}
