import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/editorStore';
import { Canvas } from './canvas/Canvas';
import { loadAnnotationActions } from './canvas/annotationCanvas';
import { findCommandForEvent, type Command } from './commands';
import { Notices } from './common/Notices';
import { useTheme } from './common/useTheme';
import { Palette } from './palette/Palette';
import { addAnnotation } from './palette/AnnotatePalette';
import { loadPaletteDnd, setPaletteDropHandler } from './palette/paletteDrag';
import { TopBar } from './TopBar';
import { NODE_HALF, useEditorCommands } from './useEditorCommands';
import { useAppCommands } from './useAppCommands';
import { SidePanel } from './SidePanel';
import { BottomPanel } from './BottomPanel';
import { RunAnnouncer } from './run/RunAnnouncer';
import { useRunStore } from '../store/runStore';
import { useConfirm } from '../store/confirmStore';
import { useUiStore } from '../store/uiStore';

// The run panel and the timeline are not on screen at first paint: their own chunks, on demand.
const RunPanel = lazy(() => import('./run/RunPanel').then((m) => ({ default: m.RunPanel })));
const Timeline = lazy(() => import('./run/Timeline').then((m) => ({ default: m.Timeline })));
// The inspector loads just after the first paint; the shortcuts overlay when it is first opened.
const Inspector = lazy(() => import('./inspector/Inspector').then((m) => ({ default: m.Inspector })));
// The dialogs load when they first open.
const ShortcutsOverlay = lazy(() =>
  import('./common/ShortcutsOverlay').then((m) => ({ default: m.ShortcutsOverlay })),
);
const ConfirmDialog = lazy(() =>
  import('./common/ConfirmDialog').then((m) => ({ default: m.ConfirmDialog })),
);
const ShareLinkDialog = lazy(() =>
  import('./common/ShareLinkDialog').then((m) => ({ default: m.ShareLinkDialog })),
);
const DamagedSavesDialog = lazy(() =>
  import('./common/DamagedSavesDialog').then((m) => ({ default: m.DamagedSavesDialog })),
);

/** The whole app: one window, no page changes (docs/conventions.md#one-window-no-browser-dialogs). */
export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}

function Shell() {
  const rf = useReactFlow();
  const theme = useTheme();
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((o) => !o), []);
  const editor = useEditorCommands({ toggleHelp });
  const app = useAppCommands();
  const commands: Command[] = [...editor.commands, ...app.commands];
  const result = useRunStore((s) => s.result);
  const confirming = useConfirm((s) => s.request !== null);
  const sharing = useUiStore((s) => s.shareUrl !== null);
  const recovering = useUiStore((s) => s.damagedOpen);

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

  // A palette item let go over the canvas lands where the pointer is.
  useEffect(() => {
    setPaletteDropHandler((item, at) => {
      const p = rf.screenToFlowPosition(at);
      if ('annotation' in item) addAnnotation(item.annotation, p);
      else useEditorStore.getState().addNode(item.kind, { x: p.x - NODE_HALF.x, y: p.y - NODE_HALF.y });
    });
    return () => setPaletteDropHandler(null);
  }, [rf]);
  // dnd-kit's drag layer and the notes' and frames' actions and in-place editor come after the first
  // paint (a few kB the first paint does not need).
  useEffect(() => {
    void loadPaletteDnd();
    void loadAnnotationActions();
  }, []);

  return (
    <>
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
            inspector={
              <Suspense fallback={<p className="fl-muted">Loading…</p>}>
                <Inspector />
              </Suspense>
            }
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
      {helpOpen && (
        <Suspense fallback={null}>
          <ShortcutsOverlay commands={commands} onClose={() => setHelpOpen(false)} />
        </Suspense>
      )}
      {(confirming || sharing || recovering) && (
        <Suspense fallback={null}>
          {confirming && <ConfirmDialog />}
          {sharing && <ShareLinkDialog />}
          {recovering && <DamagedSavesDialog />}
        </Suspense>
      )}
      {app.fileInput}
    </>
  );
}
