import type { XY } from './document';
import { FORBIDDEN_KEYS, isPlainRecord } from './ids';
import { MAX_ID_CHARS, MAX_LABEL_CHARS } from './limits';

/**
 * Annotations: sticky notes and frames. They are part of the board document (saved, exported,
 * shared) but not of the system being designed — the simulation, grading and strict validation for a
 * run never see them (`validateBoardForRun` drops them). Positions are absolute board coordinates,
 * like components'. A frame owns its members through a list of ids (not React Flow's `parentId`):
 * the components keep absolute positions, so the engine, auto-layout and every export read them
 * unchanged, and moving a frame moves its members by the same delta (see `src/store/annotationOps.ts`).
 */

export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';

/** The longest text of one sticky note; longer text is cut when loading (and refused by the editor). */
export const MAX_STICKY_CHARS = 4_000;
/** At most this many notes plus frames on a board. */
export const MAX_ANNOTATIONS = 2_000;
export const MIN_ANNOTATION_SIZE = { width: 80, height: 48 } as const;
export const MAX_ANNOTATION_SIDE = 20_000;
export const DEFAULT_NOTE_SIZE = { width: 200, height: 140 } as const;
export const DEFAULT_FRAME_SIZE = { width: 480, height: 300 } as const;

export interface Size {
  width: number;
  height: number;
}

/** A free-text sticky note on the canvas. */
export interface StickyNote {
  id: string;
  text: string;
  position: XY;
  size: Size;
  color: NoteColor;
}

/** A titled rectangle drawn behind components that groups them ("billing namespace", "us-east-1"). */
export interface BoardFrame {
  id: string;
  title: string;
  position: XY;
  size: Size;
  /** Ids of the components and sticky notes inside the frame. Frames do not nest. */
  members: string[];
}

type Note = (path: string, problem: string, action: string) => void;

/** The loader's own text and position readers (parseBoard.ts), so annotations are repaired the same way. */
export interface Readers {
  cleanText: (raw: unknown, max: number, at: string, note: Note) => string | undefined;
  readPosition: (raw: unknown, at: string, note: Note) => XY;
  cleanControl: (s: string) => string;
}

function readSize(raw: unknown, at: string, note: Note, fallback: Size): Size {
  if (!isPlainRecord(raw)) {
    if (raw !== undefined) note(at, 'expected {width, height}', 'used the default size');
    return { ...fallback };
  }
  const side = (key: 'width' | 'height') => {
    const v = raw[key];
    const min = MIN_ANNOTATION_SIZE[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      note(`${at}.${key}`, 'expected a finite number', `set to ${fallback[key]}`);
      return fallback[key];
    }
    if (v < min || v > MAX_ANNOTATION_SIDE) {
      const c = Math.max(min, Math.min(MAX_ANNOTATION_SIDE, v));
      note(`${at}.${key}`, `${v} is outside ${min} … ${MAX_ANNOTATION_SIDE}`, `set to ${c}`);
      return c;
    }
    return v;
  };
  return { width: side('width'), height: side('height') };
}

/**
 * Reads `stickyNotes` and `frames` of a document in repair mode: every problem is fixed item by item
 * and reported with its path (`stickyNotes.2.color`, `frames.0.members.1`). `taken` holds the ids of
 * components and connections; annotation ids must differ from them and from each other (they share
 * the canvas's id space). `componentIds` are the valid member targets besides notes.
 */
export function readAnnotations(
  doc: Record<string, unknown>,
  taken: Set<string>,
  componentIds: ReadonlySet<string>,
  note: Note,
  { cleanText, readPosition, cleanControl }: Readers,
): { stickyNotes: StickyNote[]; frames: BoardFrame[] } {
  const stickyNotes: StickyNote[] = [];
  const frames: BoardFrame[] = [];
  const list = (key: 'stickyNotes' | 'frames'): unknown[] => {
    const v = doc[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      note(key, 'expected a list', 'dropped');
      return [];
    }
    return v;
  };
  const rawNotes = list('stickyNotes');
  const rawFrames = list('frames');
  let budget = MAX_ANNOTATIONS;
  const freshId = (prefix: string) => {
    let n = 1;
    while (taken.has(`${prefix}${n}`)) n++;
    taken.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  };
  const readId = (raw: unknown, at: string, prefix: string): string => {
    const id = typeof raw === 'string' ? cleanControl(raw).slice(0, MAX_ID_CHARS) : '';
    if (id === '' || FORBIDDEN_KEYS.has(id) || taken.has(id)) {
      const fresh = freshId(prefix);
      note(
        `${at}.id`,
        id === '' || FORBIDDEN_KEYS.has(id) ? 'missing or invalid id' : `id "${id}" is already used`,
        `given the id "${fresh}"`,
      );
      return fresh;
    }
    taken.add(id);
    return id;
  };

  // Ids as written → ids given (a renamed note is still a frame's member under its written id).
  const noteIds = new Map<string, string>();
  rawNotes.forEach((n, i) => {
    const at = `stickyNotes.${i}`;
    if (!isPlainRecord(n)) {
      note(at, 'expected a note object', 'dropped');
      return;
    }
    if (budget-- <= 0) {
      note(at, `more than ${MAX_ANNOTATIONS} notes and frames`, 'dropped');
      return;
    }
    const id = readId(n.id, at, 'note-');
    if (typeof n.id === 'string' && !noteIds.has(n.id)) noteIds.set(n.id, id);
    let color: NoteColor = DEFAULT_NOTE_COLOR;
    if (n.color !== undefined) {
      if ((NOTE_COLORS as readonly unknown[]).includes(n.color)) color = n.color as NoteColor;
      else
        note(
          `${at}.color`,
          `unknown colour ${typeof n.color === 'string' ? `"${n.color.slice(0, 40)}"` : typeof n.color} (one of ${NOTE_COLORS.join(', ')})`,
          `set to ${DEFAULT_NOTE_COLOR}`,
        );
    }
    stickyNotes.push({
      id,
      text: cleanText(n.text, MAX_STICKY_CHARS, `${at}.text`, note) ?? '',
      position: readPosition(n.position, `${at}.position`, note),
      size: readSize(n.size, `${at}.size`, note, DEFAULT_NOTE_SIZE),
      color,
    });
  });

  const noteIdSet = new Set(noteIds.values());
  const claimed = new Set<string>();
  rawFrames.forEach((f, i) => {
    const at = `frames.${i}`;
    if (!isPlainRecord(f)) {
      note(at, 'expected a frame object', 'dropped');
      return;
    }
    if (budget-- <= 0) {
      note(at, `more than ${MAX_ANNOTATIONS} notes and frames`, 'dropped');
      return;
    }
    const writtenId = typeof f.id === 'string' ? f.id : undefined;
    const id = readId(f.id, at, 'frame-');
    const members: string[] = [];
    if (f.members !== undefined && !Array.isArray(f.members))
      note(`${at}.members`, 'expected a list of ids', 'the frame is empty');
    const rawMembers: unknown[] = Array.isArray(f.members) ? f.members : [];
    rawMembers.forEach((m, k) => {
      const mAt = `${at}.members.${k}`;
      if (typeof m !== 'string') {
        note(mAt, 'expected an id', 'dropped');
        return;
      }
      if (m === writtenId || m === id) {
        note(mAt, 'a frame cannot contain itself', 'dropped');
        return;
      }
      const target = componentIds.has(m) ? m : noteIds.get(m);
      if (target === undefined || !(componentIds.has(target) || noteIdSet.has(target))) {
        note(mAt, `no component or note with id "${m.slice(0, 64)}" (frames do not nest)`, 'dropped');
        return;
      }
      if (claimed.has(target)) {
        note(mAt, `"${target}" already belongs to another frame`, 'dropped');
        return;
      }
      claimed.add(target);
      members.push(target);
    });
    frames.push({
      id,
      title: cleanText(f.title, MAX_LABEL_CHARS, `${at}.title`, note) ?? 'Frame',
      position: readPosition(f.position, `${at}.position`, note),
      size: readSize(f.size, `${at}.size`, note, DEFAULT_FRAME_SIZE),
      members,
    });
  });
  return { stickyNotes, frames };
}

/** Canonical key order of the annotations for saving. */
export function serializeAnnotations(b: {
  stickyNotes?: StickyNote[] | undefined;
  frames?: BoardFrame[] | undefined;
}): { stickyNotes?: StickyNote[]; frames?: BoardFrame[] } {
  return {
    ...(b.stickyNotes && b.stickyNotes.length > 0
      ? {
          stickyNotes: b.stickyNotes.map((n) => ({
            id: n.id,
            text: n.text,
            position: { x: n.position.x, y: n.position.y },
            size: { width: n.size.width, height: n.size.height },
            color: n.color,
          })),
        }
      : {}),
    ...(b.frames && b.frames.length > 0
      ? {
          frames: b.frames.map((f) => ({
            id: f.id,
            title: f.title,
            position: { x: f.position.x, y: f.position.y },
            size: { width: f.size.width, height: f.size.height },
            members: [...f.members],
          })),
        }
      : {}),
  };
}
