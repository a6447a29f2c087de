import { compressToEncodedURIComponent } from 'lz-string';
import {
  MAX_FILE_BYTES,
  parseBoardText,
  serializeBoard,
  type Board,
  type BoardLoadError,
  type LoadNote,
} from '../domain';
import { describeLoadError, toImportResult } from './json';
import { decompressUriSafeBounded } from './lzBounded';

/**
 * Share links carry the whole board in the URL fragment (`#board=<lz-string>`), so nothing is
 * uploaded anywhere. Browsers and chat apps cut long URLs, so links past this many characters are
 * refused and the user is offered a file instead (docs/reliability.md #17).
 */
export const MAX_SHARE_FRAGMENT_CHARS = 64 * 1024;
export const SHARE_FRAGMENT_KEY = 'board';

export type EncodeShareResult =
  { ok: true; fragment: string } | { ok: false; code: 'too-long'; message: string };

export type DecodeShareResult =
  | { ok: true; board: Board; report: LoadNote[] }
  /** `error` is set when the link decoded but its board was refused by the loader. */
  | { ok: false; message: string; error?: BoardLoadError }
  /** The fragment holds no board (an empty hash, or one used for something else). */
  | { ok: 'none' };

/** The fragment (without `#`) that carries `board`: `board=<lz-string of the compact JSON>`. */
export function encodeShareFragment(board: Board): EncodeShareResult {
  const compact = JSON.stringify(JSON.parse(serializeBoard(board)));
  const fragment = `${SHARE_FRAGMENT_KEY}=${compressToEncodedURIComponent(compact)}`;
  if (fragment.length > MAX_SHARE_FRAGMENT_CHARS) {
    return {
      ok: false,
      code: 'too-long',
      message: `This board is too large for a link (${kb(fragment.length)} kB; links hold up to ${kb(MAX_SHARE_FRAGMENT_CHARS)} kB). Export it as a JSON file and share the file instead.`,
    };
  }
  return { ok: true, fragment };
}

const DAMAGED =
  'This share link is damaged — it may have been cut off when it was copied. Your open board was not changed.';

/**
 * Reads a board from `location.hash` (`#board=…`, or `board=…` without the `#`). Never throws: a
 * malformed link gives a message for a banner, and the caller leaves the open board alone.
 */
export function decodeShareFragment(hash: string): DecodeShareResult {
  try {
    return decode(hash);
  } catch {
    return { ok: false, message: DAMAGED };
  }
}

function decode(hash: string): DecodeShareResult {
  if (typeof hash !== 'string') return { ok: 'none' };
  const prefix = `${SHARE_FRAGMENT_KEY}=`;
  const part = hash
    .replace(/^#/, '')
    .split('&')
    .find((p) => p.startsWith(prefix));
  if (part === undefined) return { ok: 'none' };
  let payload = part.slice(prefix.length);
  if (payload.length > MAX_SHARE_FRAGMENT_CHARS) {
    return {
      ok: false,
      message: `This share link is too long to open (${kb(payload.length)} kB; links hold up to ${kb(MAX_SHARE_FRAGMENT_CHARS)} kB). Your open board was not changed.`,
    };
  }
  // lz-string's URI-safe alphabet has no `%`, so a `%` means a mail or chat app percent-encoded it.
  if (payload.includes('%')) {
    try {
      payload = decodeURIComponent(payload);
    } catch {
      return { ok: false, message: DAMAGED };
    }
  }
  if (payload === '')
    return {
      ok: false,
      message: 'This share link is empty: it has no board in it. Your open board was not changed.',
    };
  const unpacked = decompressUriSafeBounded(payload, MAX_FILE_BYTES);
  if (!unpacked.ok) {
    return unpacked.reason === 'too-large'
      ? {
          ok: false,
          message: `This share link expands to more than ${MAX_FILE_BYTES / 1048576} MB, more than any board may hold. Your open board was not changed.`,
        }
      : { ok: false, message: DAMAGED };
  }
  const result = toImportResult(parseBoardText(unpacked.text, 'repair'));
  if (!result.ok)
    return {
      ok: false,
      error: result.error,
      message: `This share link's board cannot be opened. ${describeLoadError(result.error)}`,
    };
  return { ok: true, board: result.board, report: result.report };
}

/**
 * The full link: `baseUrl` without any fragment it had, then `#` and the fragment.
 * @example buildShareUrl('https://x.dev/app#old', 'board=N4Ig') // 'https://x.dev/app#board=N4Ig'
 */
export function buildShareUrl(baseUrl: string, fragment: string): string {
  const hashAt = baseUrl.indexOf('#');
  return `${hashAt >= 0 ? baseUrl.slice(0, hashAt) : baseUrl}#${fragment}`;
}

function kb(chars: number): string {
  return (chars / 1024).toFixed(chars < 10 * 1024 ? 1 : 0);
}
