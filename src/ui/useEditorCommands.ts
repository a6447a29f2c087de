import { useCallback, useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import { errorMessage, type ComponentKind } from '../domain';
import { useEditorStore } from '../store/editorStore';
import { notify } from '../store/noticeStore';
import type { Command } from './commands';
import { annotationCommands } from './canvas/annotationCommands';

/** The position at the centre of the visible canvas, in board coordinates. */
export function useViewCentre() {
  const rf = useReactFlow();
  return useCallback(() => {
    const el = document.querySelector('.fl-canvas');
    const r = el?.getBoundingClientRect();
    if (!r || r.width === 0) return { x: 0, y: 0 };
    return rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
  }, [rf]);
}

export const NODE_HALF = { x: 90, y: 28 };
/** The grid Enter-added components fill around the view's centre. */
const ADD_STEP = { x: 230, y: 110 };

/** The editing and view commands; other panels add theirs (run, export, boards). */
export function useEditorCommands(extra: { toggleHelp: () => void }): {
  commands: Command[];
  addAtCentre: (kind: ComponentKind) => void;
  autoLayout: () => Promise<void>;
} {
  const rf = useReactFlow();
  const centre = useViewCentre();
  return useMemo(() => {
    const s = useEditorStore.getState;
    const addAtCentre = (kind: ComponentKind) => {
      const c = centre();
      // Repeated adds take the next free spot, so none hides another.
      const nodes = s().board.nodes;
      // Three to a row, centred on the view, so a left-to-right chain can be added and wired in order.
      const at = (i: number) => ({
        x: c.x - NODE_HALF.x + ((i % 3) - 1) * ADD_STEP.x,
        y: c.y - NODE_HALF.y + Math.floor(i / 3) * ADD_STEP.y,
      });
      let i = 0;
      while (
        i < 60 &&
        nodes.some((x) => Math.abs(x.position.x - at(i).x) < 24 && Math.abs(x.position.y - at(i).y) < 24)
      )
        i++;
      s().addNode(kind, at(i));
    };
    const autoLayout = async () => {
      const board = s().board;
      if (board.nodes.length === 0) return;
      try {
        const sizes = new Map(
          rf
            .getNodes()
            .map((n) => [n.id, { width: n.measured?.width ?? 180, height: n.measured?.height ?? 60 }]),
        );
        const { computeLayeredLayout } = await import('./canvas/autoLayout');
        const positions = await computeLayeredLayout(board, sizes);
        s().moveNodes(positions);
        requestAnimationFrame(() => void rf.fitView({ padding: 0.15, maxZoom: 1.5, duration: 200 }));
      } catch (e) {
        notify({ level: 'error', text: `Auto-layout failed: ${errorMessage(e)}` });
      }
    };
    const commands: Command[] = [
      { id: 'undo', label: 'Undo', group: 'Edit', keys: ['Mod+Z'], run: () => s().undo() },
      { id: 'redo', label: 'Redo', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], run: () => s().redo() },
      {
        id: 'delete',
        label: 'Delete selection',
        group: 'Edit',
        keys: ['Delete', 'Backspace'],
        run: () => s().deleteSelection(),
      },
      { id: 'copy', label: 'Copy', group: 'Edit', keys: ['Mod+C'], run: () => s().copy() },
      { id: 'paste', label: 'Paste', group: 'Edit', keys: ['Mod+V'], run: () => s().paste() },
      { id: 'duplicate', label: 'Duplicate', group: 'Edit', keys: ['Mod+D'], run: () => s().duplicate() },
      { id: 'select-all', label: 'Select all', group: 'Edit', keys: ['Mod+A'], run: () => s().selectAll() },
      {
        id: 'deselect',
        label: 'Clear selection',
        group: 'Edit',
        keys: ['Escape'],
        run: () => s().setSelection([], []),
      },
      {
        id: 'layout',
        label: 'Auto-layout (left to right)',
        group: 'View',
        keys: ['Mod+Shift+L'],
        run: () => void autoLayout(),
      },
      {
        id: 'fit',
        label: 'Fit view',
        group: 'View',
        keys: ['Shift+1'],
        run: () => void rf.fitView({ padding: 0.15, maxZoom: 1.5, duration: 200 }),
      },
      {
        id: 'zoom-in',
        label: 'Zoom in',
        group: 'View',
        keys: ['Mod+='],
        run: () => void rf.zoomIn({ duration: 150 }),
      },
      {
        id: 'zoom-out',
        label: 'Zoom out',
        group: 'View',
        keys: ['Mod+-'],
        run: () => void rf.zoomOut({ duration: 150 }),
      },
      {
        id: 'snap',
        label: 'Toggle snap to grid',
        group: 'View',
        keys: ['Mod+Shift+G'],
        run: () => s().toggleSnap(),
      },
      ...annotationCommands(),
      { id: 'help', label: 'Keyboard shortcuts', group: 'Help', keys: ['?'], run: extra.toggleHelp },
    ];
    return { commands, addAtCentre, autoLayout };
  }, [rf, centre, extra.toggleHelp]);
}
