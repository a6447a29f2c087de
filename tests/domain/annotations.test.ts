// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  MAX_STICKY_CHARS,
  parseBoardText,
  parseBoardValue,
  serializeBoard,
  validateBoardForRun,
  type Board,
} from '../../src/domain';
import { runSimulation } from '../../src/sim';
import { metering } from '../sim/boardBuilder';

const doc = (extra: Record<string, unknown>) => ({
  format: 'faultline/design',
  version: 1,
  title: 'T',
  nodes: [
    { id: 'q1', kind: 'queue', label: 'q', position: { x: 0, y: 0 }, config: {} },
    { id: 'w1', kind: 'worker', label: 'w', position: { x: 200, y: 0 }, config: {} },
  ],
  edges: [{ id: 'e1', source: 'q1', target: 'w1' }],
  ...extra,
});
const note = (extra: Record<string, unknown> = {}) => ({
  id: 'note-1',
  text: 'SLO: 99.9%',
  position: { x: 0, y: 100 },
  size: { width: 200, height: 140 },
  color: 'yellow',
  ...extra,
});
const frame = (extra: Record<string, unknown> = {}) => ({
  id: 'frame-1',
  title: 'billing namespace',
  position: { x: -40, y: -60 },
  size: { width: 480, height: 300 },
  members: ['q1', 'w1', 'note-1'],
  ...extra,
});

function load(value: unknown) {
  const r = parseBoardValue(value);
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe('sticky notes and frames in the loader', () => {
  it('a valid board keeps its notes and frames, and load → save → load is a fixed point', () => {
    const r = load(doc({ stickyNotes: [note()], frames: [frame()] }));
    expect(r.repairs).toEqual([]);
    expect(r.board.stickyNotes).toEqual([note()]);
    expect(r.board.frames).toEqual([frame()]);
    const text = serializeBoard(r.board);
    const again = parseBoardText(text);
    expect(again.ok && serializeBoard(again.board)).toBe(text);
  });

  it('an unknown colour is repaired to yellow, with its path', () => {
    const r = load(doc({ stickyNotes: [note({ color: 'chartreuse' })] }));
    expect(r.board.stickyNotes![0]!.color).toBe('yellow');
    expect(r.repairs).toEqual([
      expect.objectContaining({ path: 'stickyNotes.0.color', action: 'set to yellow' }),
    ]);
  });

  it('a frame containing itself loses that member, with its path', () => {
    const r = load(doc({ stickyNotes: [note()], frames: [frame({ members: ['q1', 'frame-1'] })] }));
    expect(r.board.frames![0]!.members).toEqual(['q1']);
    expect(r.repairs).toEqual([
      expect.objectContaining({ path: 'frames.0.members.1', problem: 'a frame cannot contain itself' }),
    ]);
  });

  it('note text over the size limit is cut, with its path', () => {
    const r = load(doc({ stickyNotes: [note({ text: 'x'.repeat(MAX_STICKY_CHARS + 10) })] }));
    expect(r.board.stickyNotes![0]!.text).toHaveLength(MAX_STICKY_CHARS);
    expect(r.repairs).toEqual([
      expect.objectContaining({ path: 'stickyNotes.0.text', action: `cut to ${MAX_STICKY_CHARS}` }),
    ]);
  });

  it('members that do not exist, frames as members and double membership are dropped with paths', () => {
    const r = load(
      doc({
        frames: [
          frame({ members: ['q1', 'ghost', 'frame-2'] }),
          frame({ id: 'frame-2', members: ['q1', 'w1'] }),
        ],
      }),
    );
    expect(r.board.frames!.map((f) => f.members)).toEqual([['q1'], ['w1']]);
    expect(r.repairs.map((x) => x.path)).toEqual([
      'frames.0.members.1',
      'frames.0.members.2',
      'frames.1.members.0',
    ]);
  });

  it('an annotation id that collides with a component id is renamed, and sizes are clamped', () => {
    const r = load(doc({ stickyNotes: [note({ id: 'q1', size: { width: 5, height: 'x' } })] }));
    expect(r.board.stickyNotes![0]!.id).not.toBe('q1');
    expect(r.repairs.map((x) => x.path)).toEqual([
      'stickyNotes.0.id',
      'stickyNotes.0.size.width',
      'stickyNotes.0.size.height',
    ]);
  });

  it('non-list annotations are dropped, not fatal', () => {
    const r = load(doc({ stickyNotes: 'hi', frames: {} }));
    expect(r.board.stickyNotes).toBeUndefined();
    expect(r.repairs.map((x) => x.path)).toEqual(['stickyNotes', 'frames']);
  });
});

describe('annotations never reach a run', () => {
  it('validateBoardForRun drops them unread, even malformed ones', () => {
    const r = validateBoardForRun(doc({ stickyNotes: [note({ color: 'nope' })], frames: 'x' }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.board.stickyNotes).toBeUndefined();
      expect(r.board.frames).toBeUndefined();
    }
  });

  it('a board with notes and frames runs with the same trace hash as without them', () => {
    const builder = metering({ dedup: false }).inject({ kind: 'duplicate', target: '*', rate: 0.02 });
    const plain = builder.build();
    const annotated: Board = {
      ...plain,
      stickyNotes: [note() as NonNullable<Board['stickyNotes']>[number]],
      frames: [{ ...frame(), members: plain.nodes.map((n) => n.id) }],
    };
    const valid = validateBoardForRun(JSON.parse(serializeBoard(annotated)));
    if (!valid.ok) throw new Error(valid.error.message);
    const opts = { seed: 7, events: 2000, faultPlan: builder.plan() };
    const a = runSimulation(plain, opts);
    const b = runSimulation(valid.board, opts);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.invariants.map((i) => [i.id, i.holds, i.count])).toEqual(
      a.invariants.map((i) => [i.id, i.holds, i.count]),
    );
  });
});
