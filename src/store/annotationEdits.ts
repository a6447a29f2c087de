import {
  createUniqueId,
  DEFAULT_FRAME_SIZE,
  DEFAULT_NOTE_COLOR,
  DEFAULT_NOTE_SIZE,
  MAX_LABEL_CHARS,
  MAX_STICKY_CHARS,
  MIN_ANNOTATION_SIZE,
  NOTE_COLORS,
  type Board,
  type BoardFrame,
  type NoteColor,
  type Size,
  type StickyNote,
  type XY,
} from '../domain';
import {
  allIds,
  clamp,
  clampSide,
  FRAME_PADDING,
  FRAME_TITLE_H,
  itemRects,
  withFrames,
  withNotes,
  type Rect,
} from './annotationOps';

// Pure edits of sticky notes and frames: add, change text or colour, rename, resize. Each becomes
// one undo step in the editor store.

export function addStickyNote(board: Board, position: XY, text = ''): { board: Board; id: string } {
  const id = createUniqueId('note-', allIds(board));
  const note: StickyNote = {
    id,
    text: text.slice(0, MAX_STICKY_CHARS),
    position: { x: clamp(Math.round(position.x)), y: clamp(Math.round(position.y)) },
    size: { ...DEFAULT_NOTE_SIZE },
    color: DEFAULT_NOTE_COLOR,
  };
  return { board: withNotes(board, [...(board.stickyNotes ?? []), note]), id };
}

export interface StickyPatch {
  text?: string;
  color?: NoteColor;
}

export function updateStickyNote(board: Board, id: string, patch: StickyPatch): Board {
  const before = board.stickyNotes ?? [];
  const notes = before.map((n) => {
    if (n.id !== id) return n;
    const next = { ...n };
    if (patch.text !== undefined) next.text = patch.text.slice(0, MAX_STICKY_CHARS);
    if (patch.color !== undefined && NOTE_COLORS.includes(patch.color)) next.color = patch.color;
    return next.text !== n.text || next.color !== n.color ? next : n;
  });
  return notes.some((n, i) => n !== before[i]) ? withNotes(board, notes) : board;
}

/** The next colour in NOTE_COLORS for a note (keyboard: cycle colours). */
export function nextNoteColor(color: NoteColor): NoteColor {
  return NOTE_COLORS[(NOTE_COLORS.indexOf(color) + 1) % NOTE_COLORS.length]!;
}

export function addFrame(
  board: Board,
  position: XY,
  title = 'Frame',
  size: Size = DEFAULT_FRAME_SIZE,
): { board: Board; id: string } {
  const id = createUniqueId('frame-', allIds(board));
  const frame: BoardFrame = {
    id,
    title: title.slice(0, MAX_LABEL_CHARS),
    position: { x: clamp(Math.round(position.x)), y: clamp(Math.round(position.y)) },
    size: { width: clampSide(size.width, 160), height: clampSide(size.height, 120) },
    members: [],
  };
  return { board: withFrames(board, [...(board.frames ?? []), frame]), id };
}

export function renameFrame(board: Board, id: string, title: string): Board {
  const t = title.slice(0, MAX_LABEL_CHARS);
  const frames = board.frames ?? [];
  if (!frames.some((f) => f.id === id && f.title !== t)) return board;
  return withFrames(
    board,
    frames.map((f) => (f.id === id ? { ...f, title: t } : f)),
  );
}

/**
 * Resizes (and, for a top or left handle, moves) a frame. A frame never loses a member to a resize:
 * the rectangle grows back to hold every member with FRAME_PADDING around it.
 */
export function resizeFrame(
  board: Board,
  id: string,
  rect: Rect,
  sizes: ReadonlyMap<string, Size> = new Map(),
): Board {
  const frames = board.frames ?? [];
  const f = frames.find((x) => x.id === id);
  if (!f) return board;
  let x0 = rect.x,
    y0 = rect.y,
    x1 = rect.x + Math.max(MIN_ANNOTATION_SIZE.width, rect.width),
    y1 = rect.y + Math.max(MIN_ANNOTATION_SIZE.height, rect.height);
  const rects = itemRects(board, sizes);
  for (const m of f.members) {
    const r = rects.get(m);
    if (!r) continue;
    x0 = Math.min(x0, r.x - FRAME_PADDING);
    y0 = Math.min(y0, r.y - FRAME_PADDING - FRAME_TITLE_H);
    x1 = Math.max(x1, r.x + r.width + FRAME_PADDING);
    y1 = Math.max(y1, r.y + r.height + FRAME_PADDING);
  }
  const next: BoardFrame = {
    ...f,
    position: { x: clamp(Math.round(x0)), y: clamp(Math.round(y0)) },
    size: {
      width: clampSide(x1 - x0, MIN_ANNOTATION_SIZE.width),
      height: clampSide(y1 - y0, MIN_ANNOTATION_SIZE.height),
    },
  };
  if (
    next.position.x === f.position.x &&
    next.position.y === f.position.y &&
    next.size.width === f.size.width &&
    next.size.height === f.size.height
  )
    return board;
  return withFrames(
    board,
    frames.map((x) => (x.id === id ? next : x)),
  );
}

/** Resizes a sticky note (and moves it, for a top or left handle). */
export function resizeStickyNote(board: Board, id: string, rect: Rect): Board {
  const notes = board.stickyNotes ?? [];
  const n = notes.find((x) => x.id === id);
  if (!n) return board;
  const size = {
    width: clampSide(rect.width, MIN_ANNOTATION_SIZE.width),
    height: clampSide(rect.height, MIN_ANNOTATION_SIZE.height),
  };
  const position = { x: clamp(Math.round(rect.x)), y: clamp(Math.round(rect.y)) };
  if (
    size.width === n.size.width &&
    size.height === n.size.height &&
    position.x === n.position.x &&
    position.y === n.position.y
  )
    return board;
  return withNotes(
    board,
    notes.map((x) => (x.id === id ? { ...x, size, position } : x)),
  );
}
