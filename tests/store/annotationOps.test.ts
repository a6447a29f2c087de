import { describe, expect, it } from 'vitest';
import { createEmptyBoard, type Board } from '../../src/domain';
import { addFrame, addStickyNote, resizeFrame } from '../../src/store/annotationEdits';
import { assignToFrames } from '../../src/store/annotationOps';
import { addNode, moveNodes, removeElements } from '../../src/store/boardOps';
import { useEditorStore } from '../../src/store/editorStore';

function withFrame(): { board: Board; frame: string; a: string; b: string } {
  let board = createEmptyBoard();
  const f = addFrame(board, { x: 0, y: 0 }, 'ns', { width: 600, height: 400 });
  board = f.board;
  const a = addNode(board, 'queue', { x: 40, y: 60 });
  const b = addNode(a.board, 'worker', { x: 300, y: 60 });
  board = assignToFrames(b.board, [a.id, b.id]);
  return { board, frame: f.id, a: a.id, b: b.id };
}

describe('frames', () => {
  it('a component dropped inside a frame belongs to it; dragged out, it leaves', () => {
    const { board, frame, a, b } = withFrame();
    expect(board.frames![0]!.members).toEqual([a, b]);
    const out = assignToFrames(moveNodes(board, new Map([[a, { x: 900, y: 900 }]])), [a]);
    expect(out.frames![0]!.members).toEqual([b]);
    expect(frame).toBe(out.frames![0]!.id);
  });

  it('moving a frame moves its members by the same delta', () => {
    const { board, frame, a, b } = withFrame();
    const moved = moveNodes(board, new Map([[frame, { x: 100, y: 50 }]]));
    const pos = (id: string) => moved.nodes.find((n) => n.id === id)!.position;
    expect(pos(a)).toEqual({ x: 140, y: 110 });
    expect(pos(b)).toEqual({ x: 400, y: 110 });
  });

  it('a resize never loses a member: the frame grows back around it', () => {
    const { board, frame } = withFrame();
    const r = resizeFrame(board, frame, { x: 0, y: 0, width: 100, height: 100 });
    const f = r.frames!.find((x) => x.id === frame)!;
    expect(f.position.x + f.size.width).toBeGreaterThanOrEqual(300 + 180);
    expect(f.position.y + f.size.height).toBeGreaterThanOrEqual(60 + 60);
  });

  it('deleting a member removes it from the frame; deleting the frame keeps the components', () => {
    const { board, frame, a, b } = withFrame();
    expect(removeElements(board, [a]).frames![0]!.members).toEqual([b]);
    const noFrame = removeElements(board, [frame]);
    expect(noFrame.frames).toBeUndefined();
    expect(noFrame.nodes).toHaveLength(2);
  });

  it('the store adds a palette drop inside a frame to it, and undo takes each step back', () => {
    const { board, frame } = withFrame();
    const s = useEditorStore.getState();
    s.loadBoard(board);
    const id = s.addNode('dedup', { x: 200, y: 200 });
    expect(useEditorStore.getState().board.frames![0]!.members).toContain(id);
    s.commit(addStickyNote(useEditorStore.getState().board, { x: 0, y: 0 }, 'hi').board);
    expect(useEditorStore.getState().board.stickyNotes).toHaveLength(1);
    s.undo();
    expect(useEditorStore.getState().board.stickyNotes).toBeUndefined();
    s.undo();
    expect(useEditorStore.getState().board.frames![0]!.members).not.toContain(id);
    expect(useEditorStore.getState().board.frames![0]!.id).toBe(frame);
  });
});
