import { lazy, Suspense, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useBoardsStore } from '../store/boardsStore';
import { notify } from '../store/noticeStore';
import { usePredictStore } from '../store/predictStore';
import { useRunStore } from '../store/runStore';
import { useUiStore } from '../store/uiStore';
import { createSampleBoard, SAMPLE_FAULTS } from '../store/sampleBoard';
import type { MenuItem } from './common/Menu';
import type { Command } from './commands';
import type { ImageExportOptions } from '../io/imageExport';

/**
 * Export code (image, Markdown, Mermaid, share links) is not needed for the first paint: it loads in
 * its own chunk, fetched when the page is idle and at the latest on the first export.
 */
const exporting = () => import('./exports');
const exportJson = () => void exporting().then((m) => m.exportJson());
const exportMermaid = () => void exporting().then((m) => m.exportMermaid());
const exportMarkdown = () => exporting().then((m) => m.exportMarkdown());
const exportImage = (o: ImageExportOptions) => exporting().then((m) => m.exportImage(o));
const copyMermaid = () => exporting().then((m) => m.copyMermaid());
const copyShareLink = () => exporting().then((m) => m.copyShareLink());
const exportPdf = () => exporting().then((m) => m.exportPdf());

/** Importing a file and deleting a board (with its confirmation) load in their own chunk, fetched on idle too. */
const boardActions = () => import('./boardActions');

const RoundPanel = lazy(() => import('./round/RoundPanel'));

export interface AppCommands {
  commands: Command[];
  boardItems: () => (MenuItem | 'separator')[];
  exportItems: () => (MenuItem | 'separator')[];
  openImport: () => void;
  importFile: (file: File) => void;
  fileInput: ReactNode;
  runButton: ReactNode;
  roundPanel: ReactNode;
}

/** Commands that reach outside the editor: boards, import and export, running, practice. */
export function useAppCommands(): AppCommands {
  useEffect(() => {
    const t = setTimeout(() => {
      void exporting();
      void boardActions();
    }, 2000);
    return () => clearTimeout(t);
  }, []);
  const input = useRef<HTMLInputElement>(null);
  return useMemo(() => {
    const startRun = async () => {
      useUiStore.getState().setSideTab('run');
      // "Predict before running" holds the run back, as it does the Run button, until all are marked
      // (the mode is turned on in the run panel, so its module is loaded by then).
      if (usePredictStore.getState().enabled) {
        const missing = (await import('../store/predictRuns')).unpredicted().length;
        if (missing > 0) {
          notify({
            level: 'info',
            text: `Predict ${missing === 1 ? 'one more invariant' : `${missing} more invariants`} (holds or breaks) before running.`,
          });
          return;
        }
      }
      useRunStore.getState().start();
    };
    const run = () => void startRun();
    const openImport = () => input.current?.click();
    const boards = () => useBoardsStore.getState();
    const commands: Command[] = [
      { id: 'run', label: 'Run the board', group: 'Run', keys: ['Mod+Enter'], run },
      {
        id: 'new-board',
        label: 'New board',
        group: 'Board',
        keys: ['Alt+N'],
        run: () => boards().newBoard(),
      },
      { id: 'import', label: 'Import a board file', group: 'Board', keys: ['Mod+O'], run: openImport },
      { id: 'export-json', label: 'Export JSON', group: 'Export', keys: ['Mod+S'], run: exportJson },
      {
        id: 'export-png',
        label: 'Export PNG',
        group: 'Export',
        keys: ['Mod+Shift+E'],
        run: () => void exportImage(imageOptions('png')),
      },
      {
        id: 'share',
        label: 'Copy share link',
        group: 'Export',
        keys: ['Mod+Shift+K'],
        run: () => void copyShareLink(),
      },
    ];
    return {
      commands,
      openImport,
      importFile: (f: File) => void boardActions().then((m) => m.importBoardFromFile(f)),
      fileInput: (
        <input
          ref={input}
          type="file"
          accept=".json,.mmd,.mermaid,application/json,text/plain"
          aria-label="Board file"
          hidden
          tabIndex={-1}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void boardActions().then((m) => m.importBoardFromFile(f));
          }}
        />
      ),
      boardItems: () => {
        const { boards: list, activeId, damaged } = boards();
        return [
          ...list.map((b): MenuItem => ({
            label: b.title,
            checked: b.id === activeId,
            onSelect: () => boards().open(b.id),
          })),
          'separator',
          { label: 'New board', hint: 'Alt+N', onSelect: () => boards().newBoard() },
          {
            label: 'Open a copy of the sample',
            onSelect: () => {
              boards().createAndOpen(createSampleBoard());
              useRunStore.getState().setFaults(SAMPLE_FAULTS.map((f) => ({ ...f })));
            },
          },
          {
            label: 'Rename',
            onSelect: () =>
              document.querySelector<HTMLInputElement>('input[aria-label="Board title"]')?.select(),
          },
          {
            label: 'Duplicate',
            onSelect: () => {
              const id = boards().activeId;
              if (id) boards().duplicate(id);
            },
          },
          { label: 'Delete', onSelect: () => void boardActions().then((m) => m.deleteActiveBoard()) },
          ...(damaged.length > 0
            ? [
                'separator' as const,
                {
                  label: `Recover damaged saves (${damaged.length})`,
                  onSelect: () => useUiStore.getState().setDamagedOpen(true),
                },
              ]
            : []),
        ];
      },
      exportItems: () => [
        { label: 'PNG', onSelect: () => void exportImage(imageOptions('png')) },
        { label: 'SVG', onSelect: () => void exportImage(imageOptions('svg')) },
        // Item names stay unique even as substrings ("PNG" must find one item), so options are toggles.
        {
          label: 'Transparent background',
          checked: useUiStore.getState().imageTransparent,
          keepOpen: true,
          onSelect: () =>
            useUiStore
              .getState()
              .setImageOption({ imageTransparent: !useUiStore.getState().imageTransparent }),
        },
        {
          label: 'Double resolution (2×)',
          checked: useUiStore.getState().imageScale === 2,
          keepOpen: true,
          onSelect: () =>
            useUiStore
              .getState()
              .setImageOption({ imageScale: useUiStore.getState().imageScale === 2 ? 1 : 2 }),
        },
        'separator',
        { label: 'JSON', hint: 'Ctrl+S', onSelect: exportJson },
        { label: 'Markdown notes', onSelect: () => void exportMarkdown() },
        { label: 'PDF', onSelect: () => void exportPdf() },
        { label: 'Mermaid', onSelect: exportMermaid },
        { label: 'Copy flowchart code', onSelect: () => void copyMermaid() },
        'separator',
        { label: 'Copy share link', onSelect: () => void copyShareLink() },
      ],
      runButton: (
        <button type="button" className="fl-btn fl-btn-primary" onClick={run}>
          Run ▶
        </button>
      ),
      roundPanel: (
        <Suspense fallback={<p className="fl-muted">Loading scenarios…</p>}>
          <RoundPanel />
        </Suspense>
      ),
    };
  }, []);
}

/** Image export settings: the theme's canvas colour (or transparent), at the chosen scale. */
function imageOptions(format: 'png' | 'svg') {
  const ui = useUiStore.getState();
  const background = ui.imageTransparent
    ? 'transparent'
    : getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
  return { format, background, scale: ui.imageScale };
}
