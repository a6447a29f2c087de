import { readAnnotations, serializeAnnotations } from './annotations';
import { cleanControl, cleanText, describe, readEdges, readNodes, readPosition } from './boardItems';
import { BOARD_FORMAT, BOARD_VERSION, type Board } from './document';
import { errorMessage, isPlainRecord } from './ids';
import {
  MAX_EDGES,
  MAX_FILE_BYTES,
  MAX_ID_CHARS,
  MAX_LABEL_CHARS,
  MAX_NODES,
  MAX_NOTES_CHARS,
} from './limits';
import { migrateDocument, MigrationError } from './migrations';

/** A problem found while loading, and (in repair mode) what was done about it. */
export interface LoadNote {
  /** Where, as a dotted path: `nodes.3.config.graceMs`. */
  path: string;
  problem: string;
  /** What repair mode did; strict mode refuses instead. */
  action: string;
}

export type BoardLoadError =
  | { code: 'not-a-board'; message: string; cause?: unknown }
  | { code: 'too-large'; message: string }
  | { code: 'version-too-new'; message: string; version: number }
  | { code: 'migration-failed'; message: string; fromVersion: number; cause: unknown }
  | { code: 'invalid'; message: string; issues: { path: string; message: string }[] };

export type BoardLoadResult =
  | { ok: true; board: Board; repairs: LoadNote[]; migratedFrom?: number }
  | { ok: false; error: BoardLoadError };

/**
 * `repair`: loading into the app — fix item by item where safe and report each fix (docs/reliability.md).
 * `strict`: running (CLI, worker, grading) — any problem refuses the board, naming its path.
 */
export type LoadMode = 'repair' | 'strict';

const fail = (error: BoardLoadError): BoardLoadResult => ({ ok: false, error });

/** Parses board text (a file, a saved value, a decoded share link). Never throws. */
export function parseBoardText(text: string, mode: LoadMode = 'repair'): BoardLoadResult {
  if (typeof text !== 'string') return fail({ code: 'not-a-board', message: 'The file is not text.' });
  if (text.length > MAX_FILE_BYTES) {
    return fail({
      code: 'too-large',
      message: `The file is ${(text.length / 1048576).toFixed(1)} MB; boards are limited to ${MAX_FILE_BYTES / 1048576} MB.`,
    });
  }
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return fail({ code: 'not-a-board', message: 'The file is empty.' });
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (cause) {
    return fail({
      code: 'not-a-board',
      message: `The file is not valid JSON: ${(cause as Error).message}`,
      cause,
    });
  }
  return parseBoardValue(value, mode);
}

/** Validates, migrates and (in repair mode) repairs a parsed JSON value. Never throws. */
export function parseBoardValue(value: unknown, mode: LoadMode = 'repair'): BoardLoadResult {
  try {
    return parseUnsafe(value, mode);
  } catch (cause) {
    // A bug in the loader must still leave the user's board alone: report it as a refusal.
    return fail({
      code: 'not-a-board',
      message: `The board could not be read: ${errorMessage(cause)}`,
      cause,
    });
  }
}

function parseUnsafe(value: unknown, mode: LoadMode): BoardLoadResult {
  if (!isPlainRecord(value)) {
    return fail({ code: 'not-a-board', message: `Expected a board object, found ${describe(value)}.` });
  }
  if (value.format !== BOARD_FORMAT) {
    return fail({
      code: 'not-a-board',
      message:
        value.format === undefined
          ? 'format: missing; expected "faultline/design".'
          : `format: expected "faultline/design", found ${describe(value.format)}.`,
    });
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail({
      code: 'not-a-board',
      message: `version: expected a whole number, found ${describe(version)}.`,
    });
  }
  if (version > BOARD_VERSION) {
    return fail({
      code: 'version-too-new',
      version,
      message: `This board is version ${version}; this app reads up to version ${BOARD_VERSION}. Update Faultline to open it.`,
    });
  }
  let doc = value;
  if (version < BOARD_VERSION) {
    try {
      doc = migrateDocument(value, version, BOARD_VERSION);
    } catch (e) {
      const err = e as MigrationError; // migrateDocument throws nothing else
      return fail({
        code: 'migration-failed',
        fromVersion: err.fromVersion,
        cause: err.cause,
        message: err.message,
      });
    }
  }
  if (!Array.isArray(doc.nodes))
    return fail({ code: 'not-a-board', message: `nodes: expected a list, found ${describe(doc.nodes)}.` });
  if (doc.edges !== undefined && !Array.isArray(doc.edges))
    return fail({ code: 'not-a-board', message: `edges: expected a list, found ${describe(doc.edges)}.` });
  const rawEdges = (doc.edges as unknown[] | undefined) ?? [];
  if (doc.nodes.length > MAX_NODES)
    return fail({
      code: 'too-large',
      message: `nodes: ${doc.nodes.length} components; the limit is ${MAX_NODES}.`,
    });
  if (rawEdges.length > MAX_EDGES)
    return fail({
      code: 'too-large',
      message: `edges: ${rawEdges.length} connections; the limit is ${MAX_EDGES}.`,
    });

  const notes: LoadNote[] = [];
  const note = (path: string, problem: string, action: string) => notes.push({ path, problem, action });

  const title = cleanText(doc.title, MAX_LABEL_CHARS, 'title', note) ?? 'Untitled board';
  const board: Board = { format: BOARD_FORMAT, version: BOARD_VERSION, title, nodes: [], edges: [] };
  if (doc.scenario !== undefined) {
    const s = cleanText(doc.scenario, MAX_ID_CHARS, 'scenario', note);
    if (s) board.scenario = s;
  }
  if (doc.notes !== undefined) {
    const n = cleanText(doc.notes, MAX_NOTES_CHARS, 'notes', note);
    if (n) board.notes = n;
  }
  const { nodes, renamed } = readNodes(doc.nodes, note);
  board.nodes = nodes;
  board.edges = readEdges(rawEdges, new Set(nodes.map((n) => n.id)), renamed, note);
  // Annotations are not part of the system under test: a run (strict mode) neither reads nor keeps them.
  if (mode === 'repair') {
    const ids = new Set(nodes.map((n) => n.id));
    const taken = new Set([...ids, ...board.edges.map((e) => e.id)]);
    const { stickyNotes, frames } = readAnnotations(doc, taken, ids, note, {
      cleanText,
      readPosition,
      cleanControl,
    });
    if (stickyNotes.length > 0) board.stickyNotes = stickyNotes;
    if (frames.length > 0) board.frames = frames;
  }

  if (mode === 'strict' && notes.length > 0) {
    const issues = notes.map((n) => ({ path: n.path, message: n.problem }));
    return fail({
      code: 'invalid',
      issues,
      message: issues.map((i) => `${i.path}: ${i.message}`).join('\n'),
    });
  }
  return { ok: true, board, repairs: notes, ...(version < BOARD_VERSION ? { migratedFrom: version } : {}) };
}

/** The canonical JSON of a board: fixed key order, two-space indent. */
export function serializeBoard(board: Board): string {
  const ordered: Board = {
    format: board.format,
    version: board.version,
    title: board.title,
    ...(board.scenario !== undefined ? { scenario: board.scenario } : {}),
    nodes: board.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      label: n.label,
      position: { x: n.position.x, y: n.position.y },
      config: n.config,
      ...(n.notes !== undefined ? { notes: n.notes } : {}),
      ...(n.region !== undefined ? { region: n.region } : {}),
    })),
    edges: board.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.label !== undefined ? { label: e.label } : {}),
      ...(e.kind !== undefined && e.kind !== 'call' ? { kind: e.kind } : {}),
    })),
    ...(board.notes !== undefined ? { notes: board.notes } : {}),
    ...serializeAnnotations(board),
  };
  return JSON.stringify(ordered, null, 2);
}

/**
 * Strict validation for running: the board as given (defaults filled), or the issues that refuse it.
 * Sticky notes and frames are dropped unread — they never refuse a run, reach the engine or change a
 * trace hash.
 */
export function validateBoardForRun(value: unknown): BoardLoadResult {
  return parseBoardValue(value, 'strict');
}
