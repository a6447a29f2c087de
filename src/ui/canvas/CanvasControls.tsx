import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';

const atMaxZoom = (s: ReactFlowState) => s.transform[2] >= s.maxZoom;
const atMinZoom = (s: ReactFlowState) => s.transform[2] <= s.minZoom;
const labels = (s: ReactFlowState) => s.ariaLabelConfig;

/**
 * Zoom in, zoom out and fit view, bottom left: React Flow's `<Controls>` without its lock toggle (which
 * the canvas hides), with the same markup, classes, labels and icons, so React Flow's styles apply.
 * Its own component costs the first load 0.8 kB gzip more than these three buttons.
 */
export function CanvasControls() {
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  const maxReached = useStore(atMaxZoom);
  const minReached = useStore(atMinZoom);
  const aria = useStore(labels);
  return (
    <Panel
      className="react-flow__controls vertical"
      position="bottom-left"
      data-testid="rf__controls"
      aria-label={aria['controls.ariaLabel']}
    >
      <button
        type="button"
        className="react-flow__controls-button react-flow__controls-zoomin"
        title={aria['controls.zoomIn.ariaLabel']}
        aria-label={aria['controls.zoomIn.ariaLabel']}
        disabled={maxReached}
        onClick={() => void zoomIn()}
      >
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
          <path d="M32 18.133H18.133V32h-4.266V18.133H0v-4.266h13.867V0h4.266v13.867H32z" />
        </svg>
      </button>
      <button
        type="button"
        className="react-flow__controls-button react-flow__controls-zoomout"
        title={aria['controls.zoomOut.ariaLabel']}
        aria-label={aria['controls.zoomOut.ariaLabel']}
        disabled={minReached}
        onClick={() => void zoomOut()}
      >
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 5">
          <path d="M0 0h32v4.2H0z" />
        </svg>
      </button>
      <button
        type="button"
        className="react-flow__controls-button react-flow__controls-fitview"
        title={aria['controls.fitView.ariaLabel']}
        aria-label={aria['controls.fitView.ariaLabel']}
        onClick={() => void fitView()}
      >
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30">
          <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
        </svg>
      </button>
    </Panel>
  );
}
