import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useRunOverlay } from '../../store/runOverlayStore';

/** An edge that shows run state: animated dots while messages flow, cut when partitioned, highlighted when explained. */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    label,
    markerEnd,
    selected,
  } = props;
  const active = useRunOverlay((s) => s.activeEdges.has(id));
  const cut = useRunOverlay((s) => s.cutEdges.has(id));
  const highlighted = useRunOverlay((s) => s.highlightEdges.has(id));
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const kind = (props.data as { kind?: string } | undefined)?.kind;
  const cls = [
    'fl-edge',
    kind ? `fl-edge--${kind}` : '',
    selected ? 'is-selected' : '',
    cut ? 'is-cut' : '',
    highlighted ? 'is-highlighted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={cls} />
      {active &&
        !cut &&
        [0, 0.33, 0.66].map((offset) => (
          <circle key={offset} r={4} className="fl-edge-dot">
            <animateMotion dur="1.2s" repeatCount="indefinite" path={path} begin={`${offset * 1.2}s`} />
          </circle>
        ))}
      {cut && (
        <EdgeLabelRenderer>
          <div
            className="fl-edge-cut"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
          >
            ✂ partitioned
          </div>
        </EdgeLabelRenderer>
      )}
      {label && !cut && (
        <EdgeLabelRenderer>
          <div
            className="fl-edge-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
