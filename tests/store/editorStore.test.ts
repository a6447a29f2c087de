// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyBoard } from '../../src/domain';
import { useEditorStore } from '../../src/store/editorStore';
import { createSampleBoard } from '../../src/store/sampleBoard';

const st = () => useEditorStore.getState();

beforeEach(() => {
  st().loadBoard(createEmptyBoard('t'));
  useEditorStore.setState({ clipboard: null });
});

describe('editor store', () => {
  it('adds, connects and deletes with one undo step each', () => {
    const p = st().addNode('producer', { x: 0, y: 0 });
    const q = st().addNode('queue', { x: 200, y: 0 });
    const e = st().connect(p, q);
    expect(e).not.toBeNull();
    expect(st().board.edges).toHaveLength(1);
    st().setSelection([q], []);
    st().deleteSelection();
    expect(st().board.nodes.map((n) => n.id)).toEqual([p]);
    expect(st().board.edges).toHaveLength(0); // the edge into the deleted node went with it
    st().undo();
    expect(st().board.nodes).toHaveLength(2);
    expect(st().board.edges).toHaveLength(1);
    st().undo();
    expect(st().board.edges).toHaveLength(0);
    st().redo();
    expect(st().board.edges).toHaveLength(1);
  });

  it('refuses self-loops and duplicate connections', () => {
    const p = st().addNode('producer', { x: 0, y: 0 });
    const q = st().addNode('queue', { x: 200, y: 0 });
    expect(st().connect(p, p)).toBeNull();
    expect(st().connect(p, q)).not.toBeNull();
    expect(st().connect(p, q)).toBeNull();
    expect(st().connect(p, 'missing')).toBeNull();
  });

  it('makes a whole drag one undo step', () => {
    const p = st().addNode('producer', { x: 0, y: 0 });
    st().beginGesture();
    for (let i = 1; i <= 10; i++) st().moveTransient(new Map([[p, { x: i * 10, y: 0 }]]));
    st().endGesture();
    expect(st().board.nodes[0]!.position).toEqual({ x: 100, y: 0 });
    st().undo();
    expect(st().board.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    st().undo();
    expect(st().board.nodes).toHaveLength(0);
  });

  it('a click without movement records nothing', () => {
    st().addNode('producer', { x: 0, y: 0 });
    const before = st().history.past.length;
    st().beginGesture();
    st().endGesture();
    expect(st().history.past.length).toBe(before);
  });

  it('copies, pastes with fresh ids and keeps internal edges', () => {
    st().loadBoard(createSampleBoard());
    st().setSelection(['queue-1', 'aggregator-1'], []);
    st().copy();
    st().paste();
    const b = st().board;
    expect(b.nodes).toHaveLength(6);
    const pasted = b.nodes.slice(4);
    expect(new Set(b.nodes.map((n) => n.id)).size).toBe(6);
    expect(pasted.map((n) => n.kind)).toEqual(['queue', 'aggregator']);
    const queue = createSampleBoard().nodes.find((n) => n.id === 'queue-1')!;
    expect(pasted[0]!.position.x).toBe(queue.position.x + 32);
    const internal = b.edges.filter((e) => e.source === pasted[0]!.id && e.target === pasted[1]!.id);
    expect(internal).toHaveLength(1);
    expect(st().selectedNodes).toEqual(pasted.map((n) => n.id));
    st().undo();
    expect(st().board.nodes).toHaveLength(4);
  });

  it('duplicates the selection in one step', () => {
    st().loadBoard(createSampleBoard());
    st().setSelection(['ledger-1'], []);
    st().duplicate();
    expect(st().board.nodes).toHaveLength(5);
    expect(st().board.nodes[4]!.kind).toBe('ledger');
    st().undo();
    expect(st().board.nodes).toHaveLength(4);
  });

  it('collapses typing in one label into one undo step and keeps config edits separate', () => {
    const p = st().addNode('aggregator', { x: 0, y: 0 });
    for (const t of ['h', 'ho', 'hou', 'hour']) st().updateNode(p, { label: t }, `label:${p}`);
    st().updateNode(p, { config: { graceMs: 5000 } }, `config:${p}:graceMs`);
    expect(st().board.nodes[0]!.label).toBe('hour');
    st().undo();
    expect(st().board.nodes[0]!.config.graceMs).toBe(0);
    expect(st().board.nodes[0]!.label).toBe('hour');
    st().undo();
    expect(st().board.nodes[0]!.label).toBe('Aggregator');
  });

  it('select all selects every node and edge; undo prunes a selection that no longer exists', () => {
    st().loadBoard(createSampleBoard());
    st().selectAll();
    expect(st().selectedNodes).toHaveLength(4);
    expect(st().selectedEdges).toHaveLength(3);
    const id = st().addNode('cache', { x: 0, y: 300 });
    expect(st().selectedNodes).toEqual([id]);
    st().undo();
    expect(st().selectedNodes).toEqual([]);
  });

  it('clamps absurd positions', () => {
    const p = st().addNode('queue', { x: 1e12, y: Number.NaN });
    expect(st().board.nodes.find((n) => n.id === p)!.position).toEqual({ x: 1_000_000, y: 0 });
  });
});
