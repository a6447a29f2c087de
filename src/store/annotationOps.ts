import {
  COORD_LIMIT,
  MAX_ANNOTATION_SIDE,
  type Board,
  type BoardFrame,
  type Size,
  type StickyNote,
  type XY,
} from '../domain';

// Pure operations on sticky notes and frames that the editor itself needs (moving, deleting, frame
// membership, ids). Adding, editing and resizing them is in annotationEdits.ts, loaded with the
// note and frame components.

/** The size assumed for a component whose measured size is not known (the canvas passes real ones). */
export const DEFAULT_COMPONENT_SIZE: Size = { width: 180, height: 60 };
/** Space kept between a frame's edge and its members when a resize would cut them off. */
export const FRAME_PADDING = 24;
export const FRAME_TITLE_H = 32;

export const clamp = (v: number) =>
  Number.isFinite(v) ? Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, v)) : 0;
export const clampSide = (v: number, min: number) =>
  Math.max(min, Math.min(MAX_ANNOTATION_SIDE, Number.isFinite(v) ? Math.round(v) : min));

export function allIds(board: Board): Set<string> {
  return new Set([
    ...board.nodes.map((n) => n.id),
    ...board.edges.map((e) => e.id),
    ...(board.stickyNotes ?? []).map((n) => n.id),
    ...(board.frames ?? []).map((f) => f.id),
  ]);
}

export function isAnnotationId(board: Board, id: string): boolean {
  return (board.stickyNotes ?? []).some((n) => n.id === id) || (board.frames ?? []).some((f) => f.id === id);
}

export const withNotes = (board: Board, notes: StickyNote[]): Board => {
  const next: Board = { ...board };
  if (notes.length > 0) next.stickyNotes = notes;
  else delete next.stickyNotes;
  return next;
};
export const withFrames = (board: Board, frames: BoardFrame[]): Board => {
  const next: Board = { ...board };
  if (frames.length > 0) next.frames = frames;
  else delete next.frames;
  return next;
};

/**
 * Moves notes and frames to `positions`; a frame that moves carries its members by the same delta
 * (unless a member is moved explicitly too, as when the frame and its members are selected together).
 * Components are moved by boardOps.moveNodes; this returns the board with the members' new
 * positions in `memberMoves` for it to apply.
 */
export function moveAnnotations(
  board: Board,
  positions: ReadonlyMap<string, XY>,
): { board: Board; memberMoves: Map<string, XY> } {
  const memberMoves = new Map<string, XY>();
  let next = board;
  const frames = board.frames ?? [];
  if (frames.some((f) => positions.has(f.id))) {
    const notePos = new Map((board.stickyNotes ?? []).map((n) => [n.id, n.position]));
    const nodePos = new Map(board.nodes.map((n) => [n.id, n.position]));
    next = withFrames(
      next,
      frames.map((f) => {
        const p = positions.get(f.id);
        if (!p) return f;
        const x = clamp(p.x),
          y = clamp(p.y);
        const dx = x - f.position.x,
          dy = y - f.position.y;
        if (dx === 0 && dy === 0) return f;
        for (const m of f.members) {
          if (positions.has(m)) continue;
          const at = nodePos.get(m) ?? notePos.get(m);
          if (at) memberMoves.set(m, { x: clamp(at.x + dx), y: clamp(at.y + dy) });
        }
        return { ...f, position: { x, y } };
      }),
    );
  }
  const notes = next.stickyNotes ?? [];
  if (notes.some((n) => positions.has(n.id) || memberMoves.has(n.id))) {
    const moved = notes.map((n) => {
      const p = positions.get(n.id) ?? memberMoves.get(n.id);
      if (!p) return n;
      const x = clamp(p.x),
        y = clamp(p.y);
      if (x === n.position.x && y === n.position.y) return n;
      return { ...n, position: { x, y } };
    });
    if (moved.some((n, i) => n !== notes[i])) next = withNotes(next, moved);
  }
  return { board: next, memberMoves };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangles of the components and notes, with measured sizes where known. */
export function itemRects(board: Board, sizes: ReadonlyMap<string, Size>): Map<string, Rect> {
  const out = new Map<string, Rect>();
  for (const n of board.nodes)
    out.set(n.id, { ...n.position, ...(sizes.get(n.id) ?? DEFAULT_COMPONENT_SIZE) });
  for (const n of board.stickyNotes ?? []) out.set(n.id, { ...n.position, ...n.size });
  return out;
}

const contains = (f: Rect, p: XY) =>
  p.x >= f.x && p.x <= f.x + f.width && p.y >= f.y && p.y <= f.y + f.height;

/**
 * Re-decides which frame each of `ids` belongs to after it was dropped or added: the smallest frame
 * whose rectangle contains the item's centre, or none. Pure; returns the same board when nothing
 * changed.
 */
export function assignToFrames(
  board: Board,
  ids: Iterable<string>,
  sizes: ReadonlyMap<string, Size> = new Map(),
): Board {
  const frames = board.frames ?? [];
  if (frames.length === 0) return board;
  const rects = itemRects(board, sizes);
  const frameIds = new Set(frames.map((f) => f.id));
  const target = new Map<string, string | null>();
  for (const id of ids) {
    if (frameIds.has(id)) continue;
    const r = rects.get(id);
    if (!r) continue;
    const centre = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    let best: BoardFrame | null = null;
    for (const f of frames)
      if (
        contains({ ...f.position, ...f.size }, centre) &&
        (!best || f.size.width * f.size.height < best.size.width * best.size.height)
      )
        best = f;
    target.set(id, best?.id ?? null);
  }
  if (target.size === 0) return board;
  const next = frames.map((f) => {
    const kept = f.members.filter((m) => !target.has(m) || target.get(m) === f.id);
    const added = [...target].filter(([m, fid]) => fid === f.id && !f.members.includes(m)).map(([m]) => m);
    if (kept.length === f.members.length && added.length === 0) return f;
    return { ...f, members: [...kept, ...added] };
  });
  return next.some((f, k) => f !== frames[k]) ? withFrames(board, next) : board;
}

/** Removes notes and frames by id, and removed components and notes from every frame's members. */
export function removeAnnotations(board: Board, ids: ReadonlySet<string>): Board {
  let next = board;
  const notes = board.stickyNotes ?? [];
  if (notes.some((n) => ids.has(n.id)))
    next = withNotes(
      next,
      notes.filter((n) => !ids.has(n.id)),
    );
  const frames = board.frames ?? [];
  if (frames.some((f) => ids.has(f.id) || f.members.some((m) => ids.has(m))))
    next = withFrames(
      next,
      frames
        .filter((f) => !ids.has(f.id))
        .map((f) =>
          f.members.some((m) => ids.has(m)) ? { ...f, members: f.members.filter((m) => !ids.has(m)) } : f,
        ),
    );
  return next;
}

/** The frame that holds `id`, if any. */
export function frameOf(board: Board, id: string): BoardFrame | undefined {
  return (board.frames ?? []).find((f) => f.members.includes(id));
}
