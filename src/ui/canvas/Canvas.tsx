import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Panel,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { useEditorStore } from '../../store/editorStore';
import { loadInterviewer, useRepairPreview, withGhostEdges, withGhostNodes } from './repairPreview';
import { registerFlowInstance } from '../automation';
import { setPaletteDropTarget } from '../palette/paletteDrag';
import { ComponentNode } from './ComponentNode';
import { FlowEdge } from './FlowEdge';
import { EdgeLegend } from './EdgeLegend';
import { CanvasControls } from './CanvasControls';
import { createFlowAdapter, type CanvasNode } from './flowAdapter';
import { NoteNode } from './NoteNode';
import { FrameNode } from './FrameNode';
import { afterDrag, onEdgeDoubleClick, onNodeDoubleClick } from './annotationCanvas';
import { resizingIds } from './inlineEdit';

// The live badges (and with them the interviewer and practice stores) load just after the first paint.
const LiveVerdicts = lazy(() =>
  loadInterviewer()
    .then(() => import('../run/LiveVerdicts'))
    .then((m) => ({ default: m.LiveVerdicts })),
);

// Defined once, outside any component: React Flow re-mounts every node when these objects change (error002).
const nodeTypes = { component: ComponentNode, note: NoteNode, frame: FrameNode };
const edgeTypes = { flow: FlowEdge };
const SNAP_GRID: [number, number] = [16, 16];
const PAN_BUTTONS = [1, 2];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Past this many nodes only what is on screen is rendered (measured: 2,000 nodes pan at ~35 fps all-rendered vs ~55 visible-only). */
const VISIBLE_ONLY_THRESHOLD = 300;

/** The minimap redraws every node whenever one is measured: past this many it costs more than it shows
 * (1,000-node pan: 56 fps with it, 59 without; bare React Flow 60). */
const MINIMAP_MAX_NODES = 500;

/** Small, in the corner: it shows where you are, not a second copy of the board. */
const MINIMAP_STYLE = { width: 120, height: 80 };
/**
 * Opening a board never zooms out below the zoom where node labels (16 px) read at 12 px on screen,
 * and never zooms in past 1.5× on a few unconnected nodes; a board wider than the canvas at that zoom
 * opens centred and is panned, not shrunk to unreadable.
 */
export const LEGIBLE_ZOOM = 0.75;
export const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1.5, minZoom: LEGIBLE_ZOOM };

/** The selection after React Flow's select changes, or null when none of them selects anything. */
function applySelectChanges(
  current: readonly string[],
  changes: readonly (NodeChange<CanvasNode> | EdgeChange)[],
): Set<string> | null {
  let sel: Set<string> | null = null;
  for (const c of changes) {
    if (c.type !== 'select') continue;
    sel ??= new Set(current);
    if (c.selected) sel.add(c.id);
    else sel.delete(c.id);
  }
  return sel;
}

/** The board canvas: React Flow controlled by the editor store. */
export function Canvas({
  onFileDrop,
  colorMode,
}: {
  onFileDrop?: (file: File) => void;
  colorMode?: 'light' | 'dark';
}) {
  const board = useEditorStore((s) => s.board);
  const selectedNodes = useEditorStore((s) => s.selectedNodes);
  const selectedEdges = useEditorStore((s) => s.selectedEdges);
  const snap = useEditorStore((s) => s.snapToGrid);
  const [adapter] = useState(createFlowAdapter);
  const openCount = useEditorStore((s) => s.openCount);
  const rf = useReactFlow();
  // A board just opened (switch, import, share link, round): show all of it once its nodes are measured.
  const mountedOpenCount = useRef(openCount);
  useEffect(() => {
    // The first board is fitted by React Flow's own `fitView` on mount.
    if (openCount === mountedOpenCount.current) return;
    // On a large board, fitting everything would draw every node at a tiny zoom: show its start instead.
    const nodes = useEditorStore.getState().board.nodes;
    // An empty board has nothing to fit; React Flow would queue the fit and zoom on the first drop.
    if (nodes.length === 0) return;
    const only =
      nodes.length > VISIBLE_ONLY_THRESHOLD ? nodes.slice(0, 40).map((n) => ({ id: n.id })) : undefined;
    let raf = requestAnimationFrame(() => {
      raf = requestAnimationFrame(
        () => void rf.fitView({ ...FIT_VIEW_OPTIONS, ...(only ? { nodes: only } : {}) }),
      );
    });
    return () => cancelAnimationFrame(raf);
  }, [openCount, rf]);

  const selNodeSet = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const selEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  // Measured sizes live outside the document; bumping this makes the adapter hand them to React Flow.
  const [measureTick, setMeasureTick] = useState(0);
  const docNodes = useMemo(
    () => adapter.toNodes(board, selNodeSet),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- measureTick is the adapter's signal that a measured size changed
    [adapter, board, selNodeSet, measureTick],
  );
  const docEdges = useMemo(() => adapter.toEdges(board, selEdgeSet), [adapter, board, selEdgeSet]);
  // A previewed repair (the interviewer's suggestion) is drawn as ghosts beside the document.
  const preview = useRepairPreview();
  const nodes = useMemo(() => withGhostNodes(docNodes, preview), [docNodes, preview]);
  const edges = useMemo(() => withGhostEdges(docEdges, preview), [docEdges, preview]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const store = useEditorStore.getState();
      const moves = new Map<string, XYPosition>();
      const sel = applySelectChanges(store.selectedNodes, changes);
      let measuredChanged = false;
      for (const c of changes) {
        // A resize handle's position changes are applied by the resizer itself (a frame must not drag its members).
        if (c.type === 'position' && c.position && !resizingIds.has(c.id)) moves.set(c.id, c.position);
        else if (c.type === 'dimensions' && c.dimensions) {
          adapter.setMeasured(c.id, c.dimensions);
          measuredChanged = true;
        }
      }
      if (moves.size > 0) {
        if (store.gestureBase) store.moveTransient(moves);
        else store.moveNodes(moves);
      }
      if (sel) store.setSelection([...sel], useEditorStore.getState().selectedEdges);
      if (measuredChanged) setMeasureTick((t) => t + 1);
    },
    [adapter],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const sel = applySelectChanges(useEditorStore.getState().selectedEdges, changes);
    if (sel) useEditorStore.getState().setSelection(useEditorStore.getState().selectedNodes, [...sel]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    useEditorStore.getState().connect(c.source, c.target);
  }, []);
  const onDragStart = useCallback(() => useEditorStore.getState().beginGesture(), []);
  const onDragStop = useCallback(
    (_: unknown, __: unknown, dragged: CanvasNode[]) => {
      // Dropped into (or out of) a frame: membership changes within the same undo step as the drag.
      afterDrag(dragged, rf);
      useEditorStore.getState().endGesture();
    },
    [rf],
  );

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const file = e.dataTransfer.files[0];
      if (file && onFileDrop) {
        e.preventDefault();
        onFileDrop(file);
      }
    },
    [onFileDrop],
  );

  return (
    <div
      className="fl-canvas"
      ref={setPaletteDropTarget}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
    >
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onInit={registerFlowInstance as never}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={(e, dragged) => onDragStop(e, null, dragged)}
        onNodeDoubleClick={onNodeDoubleClick}
        onEdgeDoubleClick={onEdgeDoubleClick}
        zoomOnDoubleClick={false}
        snapToGrid={snap}
        snapGrid={SNAP_GRID}
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={PAN_BUTTONS}
        panOnScroll
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        deleteKeyCode={null}
        selectionKeyCode={null}
        onlyRenderVisibleElements={board.nodes.length > VISIBLE_ONLY_THRESHOLD}
        minZoom={0.05}
        maxZoom={3}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        proOptions={{ hideAttribution: true }}
        aria-label="Board canvas"
        colorMode={colorMode ?? 'light'}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        {board.nodes.length <= MINIMAP_MAX_NODES && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Minimap"
            position="bottom-right"
            className="fl-minimap"
            style={MINIMAP_STYLE}
          />
        )}
        <CanvasControls />
        <EdgeLegend board={board} />
        <Panel position="top-right">
          <Suspense fallback={null}>
            <LiveVerdicts compact />
          </Suspense>
        </Panel>
      </ReactFlow>
    </div>
  );
}
