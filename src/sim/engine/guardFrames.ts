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

/** One frame's fields, in one row of `GuardFrames.f` (one cache line per frame). */
const NODE = 0;
const MSG = 1;
const KEY = 2;
/** GUARD_* flags, as a guard record keeps them in `state2`. */
const FLAGS = 3;
const EPOCH = 4;
/** The guard's own owner (a reference, possibly another frame, or -1). */
const PARENT = 5;
/** The record the frame became once captured, else -1. */
const REC = 6;
const STRIDE = 8;

export class GuardFrames {
  /** Frames in use (the stack's height). */
  top = 0;
  private readonly f = new Float64Array(FRAME_SLOTS * STRIDE);

  /** Opens a frame for a guarded forward; returns its level (the reference is FRAME_BASE + level). */
  push(node: number, msg: number, key: number, flags: number, epoch: number, parent: number): number {
    const level = this.top++;
    if (level >= FRAME_SLOTS) throw new Error('simulation: guards nested deeper than MAX_HOPS');
    const o = level * STRIDE;
    const f = this.f;
    f[o + NODE] = node;
    f[o + MSG] = msg;
    f[o + KEY] = key;
    f[o + FLAGS] = flags;
    f[o + EPOCH] = epoch;
    f[o + PARENT] = parent;
    f[o + REC] = -1;
    return level;
  }

  /** Closes the top frame; returns the record it became (-1: never captured). */
  pop(): number {
    return this.f[--this.top * STRIDE + REC]!;
  }

  /** The frame's flags (read after `pop`: the row stays until the level is used again). */
  flags(level: number): number {
    return this.f[level * STRIDE + FLAGS]!;
  }

  /** The frame's guard record, made on first capture. */
  capture(s: Sim, level: number): number {
    const f = this.f;
    const o = level * STRIDE;
    let rec = f[o + REC]!;
    if (rec < 0) {
      const parent = captureOwner(s, f[o + PARENT]!);
      rec = s.r.alloc(R.guard, f[o + NODE]!, f[o + MSG]!, -1, parent, f[o + EPOCH]!);
      s.r.state[rec] = f[o + KEY]!;
      s.r.state2[rec] = f[o + FLAGS]!;
      s.r.attempt[rec] = 1; // still inside the call: the answer arrives as the return value
      f[o + REC] = rec;
    }
    return rec;
  }

  /** ORs `flag` into the frame (or into its record once captured). */
  flag(s: Sim, level: number, flag: number): void {
    const o = level * STRIDE;
    const rec = this.f[o + REC]!;
    if (rec >= 0) s.r.state2[rec]! |= flag;
    else this.f[o + FLAGS] = this.f[o + FLAGS]! | flag;
  }
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
  return s.r.ref(s.guards.capture(s, owner - FRAME_BASE));
}

/** ORs `flag` into the guard that `owner` refers to (a frame or a guard record); others ignore it. */
export function flagGuard(s: Sim, owner: number, flag: number): void {
  if (owner < 0) return;
  if (isFrame(owner)) {
    s.guards.flag(s, owner - FRAME_BASE, flag);
    return;
  }
  const rec = s.r.deref(owner);
  if (rec >= 0 && s.r.type[rec] === R.guard) s.r.state2[rec]! |= flag;
}
