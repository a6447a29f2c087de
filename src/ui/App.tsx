import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import type { ComponentKind } from '../domain';
import { useEditorStore } from '../store/editorStore';
import { Canvas, CANVAS_DROP_ID } from './canvas/Canvas';
import { findCommandForEvent, type Command } from './commands';
import { Notices } from './common/Notices';
import { ShortcutsOverlay } from './common/ShortcutsOverlay';
import { useTheme } from './common/useTheme';
import { Inspector } from './inspector/Inspector';
import { Palette, PaletteDragPreview } from './palette/Palette';
import { addAnnotation, type AnnotationItem } from './palette/AnnotatePalette';
import { TopBar } from './TopBar';
import { NODE_HALF, useEditorCommands } from './useEditorCommands';
import { useAppCommands } from './useAppCommands';
import { SidePanel } from './SidePanel';
import { ConfirmDialog } from './common/ConfirmDialog';
import { ShareLinkDialog } from './common/ShareLinkDialog';
import { DamagedSavesDialog } from './common/DamagedSavesDialog';
import { BottomPanel } from './BottomPanel';
import { RunAnnouncer } from './run/RunAnnouncer';
import { useRunStore } from '../store/runStore';

// The run panel and the timeline are not on screen at first paint: their own chunks, on demand.
const RunPanel = lazy(() => import('./run/RunPanel').then((m) => ({ default: m.RunPanel })));
const Timeline = lazy(() => import('./run/Timeline').then((m) => ({ default: m.Timeline })));

/** The whole app: one window, no page changes (docs/conventions.md#one-window-no-browser-dialogs). */
export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}

const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

function Shell() {
  const rf = useReactFlow();
  const theme = useTheme();
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((o) => !o), []);
  const editor = useEditorCommands({ toggleHelp });
  const app = useAppCommands();
  const commands: Command[] = [...editor.commands, ...app.commands];
  const [dragKind, setDragKind] = useState<ComponentKind | null>(null);
  const result = useRunStore((s) => s.result);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { keyboardCodes: KEYBOARD_CODES }),
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const cmd = findCommandForEvent(commands, e);
      if (!cmd) return;
      e.preventDefault();
      cmd.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // dnd-kit gives no final pointer position, and its delta also counts the palette's own scrolling;
  // the last pointer position seen during the drag is where the user let go.
  const lastPointer = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      lastPointer.current = { x: e.clientX, y: e.clientY };
    };
    window.addEventListener('pointermove', onMove, { capture: true, passive: true });
    return () => window.removeEventListener('pointermove', onMove, { capture: true });
  }, []);
  const onDragStart = (e: DragStartEvent) =>
    setDragKind((e.active.data.current?.kind as ComponentKind | undefined) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setDragKind(null);
    const annotation = e.active.data.current?.annotation as AnnotationItem | undefined;
    if (annotation) {
      if (e.over?.id !== CANVAS_DROP_ID) return;
      const start = e.activatorEvent as PointerEvent | KeyboardEvent;
      const at = 'clientX' in start ? (lastPointer.current ?? { x: start.clientX, y: start.clientY }) : null;
      addAnnotation(annotation, at ? rf.screenToFlowPosition(at) : undefined);
      return;
    }
    const kind = e.active.data.current?.kind as ComponentKind | undefined;
    if (!kind || e.over?.id !== CANVAS_DROP_ID) return;
    const start = e.activatorEvent as PointerEvent | KeyboardEvent;
    if (!('clientX' in start)) {
      editor.addAtCentre(kind);
      return;
    }
    const at = lastPointer.current ?? { x: start.clientX + e.delta.x, y: start.clientY + e.delta.y };
    const p = rf.screenToFlowPosition(at);
    useEditorStore.getState().addNode(kind, { x: p.x - NODE_HALF.x, y: p.y - NODE_HALF.y });
  };

  return (
    <DndContext
      sensors={sensors}
      autoScroll={false}
      collisionDetection={pointerWithin}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragKind(null)}
    >
      <div className="fl-app">
        <TopBar
          commands={commands}
          theme={theme}
          onLayout={() => void editor.autoLayout()}
          onHelp={toggleHelp}
          app={app}
        />
        <Notices />
        <main className="fl-main" aria-label="Board editor">
          <Palette onAdd={editor.addAtCentre} />
          <Canvas onFileDrop={app.importFile} colorMode={theme.resolved} />
          <SidePanel
            inspector={<Inspector />}
            run={
              <Suspense fallback={<p className="fl-muted">Loading…</p>}>
                <RunPanel />
              </Suspense>
            }
            round={app.roundPanel}
          />
        </main>
        <RunAnnouncer />
        <BottomPanel>
          {result ? (
            <Suspense fallback={null}>
              <Timeline result={result} />
            </Suspense>
          ) : undefined}
        </BottomPanel>
      </div>
      <DragOverlay dropAnimation={null}>
        {dragKind ? <PaletteDragPreview kind={dragKind} /> : null}
      </DragOverlay>
      {helpOpen && <ShortcutsOverlay commands={commands} onClose={() => setHelpOpen(false)} />}
      <ConfirmDialog />
      <ShareLinkDialog />
      <DamagedSavesDialog />
      {app.fileInput}
    </DndContext>
  );
}
