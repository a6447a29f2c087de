import type { ReactFlowInstance } from '@xyflow/react';
import type { Board } from '../domain';
import { useEditorStore } from '../store/editorStore';

/**
 * A small automation surface on `window.__faultline`, like tldraw's `window.editor`: browser tests
 * and the canvas benchmark load generated boards and drive the viewport through it. It exposes
 * nothing a user could not do by hand.
 */
export interface FaultlineAutomation {
  getBoard: () => Board;
  loadBoard: (board: Board) => void;
  flow: () => ReactFlowInstance | null;
}

declare global {
  interface Window {
    /** Installed by installAutomation() at start-up. */
    __faultline?: FaultlineAutomation;
  }
}

let flowInstance: ReactFlowInstance | null = null;

export function registerFlowInstance(rf: ReactFlowInstance | null) {
  flowInstance = rf;
}

export function installAutomation() {
  const api: FaultlineAutomation = {
    getBoard: () => useEditorStore.getState().board,
    loadBoard: (board) => useEditorStore.getState().loadBoard(board),
    flow: () => flowInstance,
  };
  window.__faultline = api;
}

/** The canvas's React Flow instance, once it has mounted. */
export function registeredFlow(): ReactFlowInstance | null {
  return flowInstance;
}
