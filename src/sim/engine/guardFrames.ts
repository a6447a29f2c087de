import { FRAME_BASE, FRAME_SLOTS, R, REF_SPAN } from './constants';
import type { Sim } from './sim';

/**
 * Guard frames: a dedup or idempotency store holds its key "in progress" while the forward it guards
 * is in flight, and settles the key from the forward's answer. Almost every forward answers
 * synchronously (the return value), so the guard lives on a stack of frames instead of a call
 * record: the owner reference passed down is the frame's, and a record is made only when something
 * downstream keeps that reference to answer later — a worker, a held-back delivery, a join, a
 * workflow — by calling `captureOwner`. Every place that stores an owner for later must capture it.
 *
 * Frame references are the top FRAME_SLOTS record slots at generation 0, which Records never
 * allocates, so they are small integers that no real reference equals; a report to a frame finds
 * no record and is ignored, like any stale reference (a synchronous answer is the return value).
 * Nesting is bounded by MAX_HOPS (each guard is a hop), below FRAME_SLOTS.
 */

export class GuardFrames {
  /** Frames in use (the stack's height). */
  top = 0;
  readonly node = new Int32Array(FRAME_SLOTS);
  readonly msg = new Int32Array(FRAME_SLOTS);
  readonly key = new Int32Array(FRAME_SLOTS);
  /** GUARD_* flags, as a guard record keeps them in `state2`. */
  readonly flags = new Int32Array(FRAME_SLOTS);
  readonly epoch = new Int32Array(FRAME_SLOTS);
  /** The guard's own owner (a reference, possibly another frame, or -1). */
  readonly parent = new Float64Array(FRAME_SLOTS);
  /** The record the frame became once captured, else -1. */
  readonly rec = new Int32Array(FRAME_SLOTS).fill(-1);
}

/** True when `ref` is a guard frame's reference. */
export function isFrame(ref: number): boolean {
  return ref >= FRAME_BASE && ref < REF_SPAN;
}

/**
 * The reference to store when keeping `owner` to answer later: a frame becomes a guard record
 * (its own owner captured first, for guards nested inside guards); anything else is returned as is.
 */
export function captureOwner(s: Sim, owner: number): number {
  if (owner < FRAME_BASE || owner >= REF_SPAN) return owner;
  const g = s.guards;
  const level = owner - FRAME_BASE;
  let rec = g.rec[level]!;
  if (rec < 0) {
    const parent = captureOwner(s, g.parent[level]!);
    rec = s.r.alloc(R.guard, g.node[level]!, g.msg[level]!, -1, parent, g.epoch[level]!);
    s.r.state[rec] = g.key[level]!;
    s.r.state2[rec] = g.flags[level]!;
    s.r.attempt[rec] = 1; // still inside the call: the answer arrives as the return value
    g.rec[level] = rec;
  }
  return s.r.ref(rec);
}

/** ORs `flag` into the guard that `owner` refers to (a frame or a guard record); others ignore it. */
export function flagGuard(s: Sim, owner: number, flag: number): void {
  if (owner < 0) return;
  if (isFrame(owner)) {
    const level = owner - FRAME_BASE;
    const g = s.guards;
    const rec = g.rec[level]!;
    if (rec >= 0) s.r.state2[rec]! |= flag;
    else g.flags[level]! |= flag;
    return;
  }
  const rec = s.r.deref(owner);
  if (rec >= 0 && s.r.type[rec] === R.guard) s.r.state2[rec]! |= flag;
}
