import { create } from 'zustand';
import { createEmptyBoard, type Board, type ComponentKind, type XY } from '../domain';
import {
  addNode,
  connect,
  copyFragment,
  moveNodes,
  pasteFragment,
  removeElements,
  updateEdgeLabel,
  updateNode,
  type Fragment,
  type NodePatch,
} from './boardOps';
import { createHistory, recordChange, redo, undo, type History } from './history';
import { assignToFrames } from './annotationOps';

/** The open board, its undo history, the selection and the clipboard. */
export interface EditorState {
  board: Board;
  history: History<Board>;
  selectedNodes: string[];
  selectedEdges: string[];
  clipboard: Fragment | null;
  /** The board as it was when a drag began; the whole drag becomes one undo step. */
  gestureBase: Board | null;
  snapToGrid: boolean;
  /** Bumped on every change to the document; persistence and the run panel watch it. */
  revision: number;
  /** Bumped when a whole board is opened (not edited): the canvas fits its view to it. */
  openCount: number;

  loadBoard: (board: Board) => void;
  commit: (next: Board, coalesceKey?: string) => void;
  /** During a drag or resize: changes the board as part of the gesture's one undo step; else commits. */
  applyInGesture: (next: Board) => void;
  addNode: (kind: ComponentKind, position: XY) => string;
  connect: (source: string, target: string) => string | null;
  deleteSelection: () => void;
  deleteElements: (nodeIds: string[], edgeIds: string[]) => void;
  setSelection: (nodes: string[], edges: string[]) => void;
  selectAll: () => void;
  beginGesture: () => void;
  moveTransient: (positions: ReadonlyMap<string, XY>) => void;
  endGesture: () => void;
  moveNodes: (positions: ReadonlyMap<string, XY>) => void;
  updateNode: (id: string, patch: NodePatch, coalesceKey?: string) => void;
  updateEdgeLabel: (id: string, label: string) => void;
  setTitle: (title: string) => void;
  setNotes: (notes: string) => void;
  copy: () => void;
  paste: (at?: XY) => void;
  duplicate: () => void;
  undo: () => void;
  redo: () => void;
  toggleSnap: () => void;
}

const PASTE_OFFSET = 32;

export const useEditorStore = create<EditorState>()((set, get) => ({
  board: createEmptyBoard(),
  history: createHistory<Board>(),
  selectedNodes: [],
  selectedEdges: [],
  clipboard: null,
  gestureBase: null,
  snapToGrid: true,
  revision: 0,
  openCount: 0,

  loadBoard(board) {
    set((s) => ({
      board,
      history: createHistory(),
      selectedNodes: [],
      selectedEdges: [],
      gestureBase: null,
      revision: s.revision + 1,
      openCount: s.openCount + 1,
    }));
  },

  commit(next, coalesceKey) {
    const s = get();
    if (next === s.board) return;
    set({ board: next, history: recordChange(s.history, s.board, coalesceKey), revision: s.revision + 1 });
  },

  applyInGesture(next) {
    const s = get();
    if (next === s.board) return;
    if (s.gestureBase) set({ board: next, revision: s.revision + 1 });
    else s.commit(next);
  },

  addNode(kind, position) {
    const r = addNode(get().board, kind, position);
    // Dropped inside a frame: it belongs to that frame.
    get().commit(assignToFrames(r.board, [r.id]));
    set({ selectedNodes: [r.id], selectedEdges: [] });
    return r.id;
  },

  connect(source, target) {
    const r = connect(get().board, source, target);
    if (r.id) get().commit(r.board);
    return r.id;
  },

  deleteSelection() {
    const { selectedNodes, selectedEdges } = get();
    get().deleteElements(selectedNodes, selectedEdges);
  },

  deleteElements(nodeIds, edgeIds) {
    const next = removeElements(get().board, nodeIds, edgeIds);
    get().commit(next);
    set((s) => pruneSelection(next, s));
  },

  setSelection(nodes, edges) {
    const s = get();
    if (sameIds(s.selectedNodes, nodes) && sameIds(s.selectedEdges, edges)) return;
    set({ selectedNodes: nodes, selectedEdges: edges });
  },

  selectAll() {
    const { board } = get();
    set({
      selectedNodes: [
        ...board.nodes.map((n) => n.id),
        ...(board.stickyNotes ?? []).map((n) => n.id),
        ...(board.frames ?? []).map((f) => f.id),
      ],
      selectedEdges: board.edges.map((e) => e.id),
    });
  },

  beginGesture() {
    if (!get().gestureBase) set({ gestureBase: get().board });
  },

  moveTransient(positions) {
    const s = get();
    const next = moveNodes(s.board, positions);
    if (next !== s.board) set({ board: next, revision: s.revision + 1 });
  },

  endGesture() {
    const s = get();
    if (!s.gestureBase) return;
    const history = s.gestureBase === s.board ? s.history : recordChange(s.history, s.gestureBase);
    set({ gestureBase: null, history });
  },

  moveNodes(positions) {
    get().commit(moveNodes(get().board, positions));
  },

  updateNode(id, patch, coalesceKey) {
    get().commit(updateNode(get().board, id, patch), coalesceKey);
  },

  updateEdgeLabel(id, label) {
    get().commit(updateEdgeLabel(get().board, id, label), `edge-label:${id}`);
  },

  setTitle(title) {
    const t = title.trim().slice(0, 200) || 'Untitled board';
    if (t !== get().board.title) get().commit({ ...get().board, title: t }, 'title');
  },

  setNotes(notes) {
    const b = get().board;
    const next: Board = { ...b };
    if (notes === '') delete next.notes;
    else next.notes = notes.slice(0, 20_000);
    get().commit(next, 'board-notes');
  },

  copy() {
    const { board, selectedNodes } = get();
    if (selectedNodes.length > 0) set({ clipboard: copyFragment(board, selectedNodes) });
  },

  paste(at) {
    const { clipboard, board } = get();
    if (!clipboard || clipboard.nodes.length === 0) return;
    let offset: XY = { x: PASTE_OFFSET, y: PASTE_OFFSET };
    if (at) {
      const minX = Math.min(...clipboard.nodes.map((n) => n.position.x));
      const minY = Math.min(...clipboard.nodes.map((n) => n.position.y));
      offset = { x: at.x - minX, y: at.y - minY };
    }
    const r = pasteFragment(board, clipboard, offset);
    get().commit(r.board);
    // Successive pastes cascade instead of stacking exactly on top of each other.
    if (!at)
      set({
        clipboard: {
          nodes: clipboard.nodes.map((n) => ({
            ...n,
            position: { x: n.position.x + PASTE_OFFSET, y: n.position.y + PASTE_OFFSET },
          })),
          edges: clipboard.edges,
        },
      });
    set({ selectedNodes: r.nodeIds, selectedEdges: [] });
  },

  duplicate() {
    const { board, selectedNodes } = get();
    if (selectedNodes.length === 0) return;
    const r = pasteFragment(board, copyFragment(board, selectedNodes), { x: PASTE_OFFSET, y: PASTE_OFFSET });
    get().commit(r.board);
    set({ selectedNodes: r.nodeIds, selectedEdges: [] });
  },

  undo() {
    const s = get();
    const r = undo(s.history, s.board);
    if (r)
      set({ board: r.state, history: r.history, revision: s.revision + 1, ...pruneSelection(r.state, s) });
  },

  redo() {
    const s = get();
    const r = redo(s.history, s.board);
    if (r)
      set({ board: r.state, history: r.history, revision: s.revision + 1, ...pruneSelection(r.state, s) });
  },

  toggleSnap() {
    set((s) => ({ snapToGrid: !s.snapToGrid }));
  },
}));

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function pruneSelection(board: Board, s: Pick<EditorState, 'selectedNodes' | 'selectedEdges'>) {
  const nodes = new Set([
    ...board.nodes.map((n) => n.id),
    ...(board.stickyNotes ?? []).map((n) => n.id),
    ...(board.frames ?? []).map((f) => f.id),
  ]);
  const edges = new Set(board.edges.map((e) => e.id));
  return {
    selectedNodes: s.selectedNodes.filter((id) => nodes.has(id)),
    selectedEdges: s.selectedEdges.filter((id) => edges.has(id)),
  };
}
