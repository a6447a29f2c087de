import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';

const atMaxZoom = (s: ReactFlowState) => s.transform[2] >= s.maxZoom;
const atMinZoom = (s: ReactFlowState) => s.transform[2] <= s.minZoom;

/** One control: React Flow's class names, its default (English) label as name and tooltip, a filled icon. */
function ControlButton({
  name,
  kind,
  viewBox,
  d,
  disabled = false,
  onClick,
}: {
  name: string;
  kind: string;
  viewBox: string;
  d: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`react-flow__controls-button react-flow__controls-${kind}`}
      title={name}
      aria-label={name}
      disabled={disabled}
      onClick={onClick}
    >
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={viewBox}>
        <path d={d} />
      </svg>
    </button>
  );
}

/**
 * Zoom in, zoom out and fit view, bottom left: React Flow's `<Controls>` without its lock toggle (which
 * the canvas hides), with its markup, classes and labels, so that React Flow's styles apply. Its own
 * component costs the first load 0.6 kB gzip more than these three buttons.
 */
export function CanvasControls() {
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  const maxReached = useStore(atMaxZoom);
  const minReached = useStore(atMinZoom);
  return (
    <Panel
      className="react-flow__controls vertical"
      position="bottom-left"
      data-testid="rf__controls"
      aria-label="Control Panel"
    >
      <ControlButton
        name="Zoom In"
        kind="zoomin"
        viewBox="0 0 32 32"
        d="M32 18.133H18.133V32h-4.266V18.133H0v-4.266h13.867V0h4.266v13.867H32z"
        disabled={maxReached}
        onClick={() => void zoomIn()}
      />
      <ControlButton
        name="Zoom Out"
        kind="zoomout"
        viewBox="0 0 32 5"
        d="M0 0h32v4.2H0z"
        disabled={minReached}
        onClick={() => void zoomOut()}
      />
      <ControlButton
        name="Fit View"
        kind="fitview"
        viewBox="0 0 32 30"
        d="M0 0h10v3.7H3.7V10H0zM22 0h10v10h-3.7V3.7H22zM0 20h3.7v6.3H10V30H0zM28.3 20H32v10H22v-3.7h6.3z"
        onClick={() => void fitView()}
      />
    </Panel>
  );
}
