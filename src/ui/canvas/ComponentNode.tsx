import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { getDisplayName } from '../../domain';
import { useRunOverlay } from '../../store/runOverlayStore';
import { KindIcon } from '../common/Icon';
import { ErrorBoundary } from '../common/ErrorBoundary';
import type { FlowNode } from './flowAdapter';

/** One component on the canvas, behind its own error boundary: a node that fails to draw shows a placeholder. */
export const ComponentNode = memo(function ComponentNode(props: NodeProps<FlowNode>) {
  // The fallback draws a node that failed, perhaps on malformed data: its label may not even be text.
  const rawLabel: unknown = props.data.node.label;
  return (
    <ErrorBoundary
      fallback={(e) => (
        <div className="fl-node fl-node-broken" data-kind={props.data.node.kind} role="note">
          <Handle type="target" position={Position.Left} />
          <div className="fl-node-label">{String(rawLabel)}</div>
          <div className="fl-node-kind">could not be drawn: {e.message}</div>
          <Handle type="source" position={Position.Right} />
        </div>
      )}
    >
      <ComponentNodeBody {...props} />
    </ErrorBoundary>
  );
});

/** Memoised: it re-renders only when its own node or overlay changes. */
export const ComponentNodeBody = memo(function ComponentNodeBody({
  id,
  data,
  selected,
}: NodeProps<FlowNode>) {
  const { node, unsupported } = data;
  const counters = useRunOverlay((s) => s.counters[id]);
  const crashed = useRunOverlay((s) => s.crashed.has(id));
  const highlighted = useRunOverlay((s) => s.highlightNodes.has(id));
  const cls = [
    'fl-node',
    `fl-cat-${unsupported ? 'unsupported' : 'known'}`,
    selected ? 'is-selected' : '',
    crashed ? 'is-crashed' : '',
    highlighted ? 'is-highlighted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-kind={node.kind} title={node.notes}>
      <Handle type="target" position={Position.Left} />
      <div className="fl-node-head">
        <span className="fl-node-icon">
          <KindIcon kind={node.kind} />
        </span>
        <span className="fl-node-label">{node.label}</span>
      </div>
      <div className="fl-node-kind">
        {unsupported ? `Unsupported: ${node.kind}` : getDisplayName(node.kind)}
        {crashed ? ' · crashed' : ''}
      </div>
      {counters && (
        <div className="fl-node-counters" aria-label={`${node.label} counters`}>
          <span title="in">in {fmt(counters.in)}</span>
          <span title="out">out {fmt(counters.out)}</span>
          {counters.duplicates > 0 && (
            <span className="c-dup" title="duplicates">
              dup {fmt(counters.duplicates)}
            </span>
          )}
          {counters.dropped > 0 && (
            <span className="c-drop" title="dropped">
              drop {fmt(counters.dropped)}
            </span>
          )}
          {counters.deadLettered > 0 && (
            <span className="c-dlq" title="dead-lettered">
              dlq {fmt(counters.deadLettered)}
            </span>
          )}
          {counters.errors > 0 && (
            <span className="c-err" title="errors">
              err {fmt(counters.errors)}
            </span>
          )}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

function fmt(n: number): string {
  return n >= 1_000_000
    ? `${(n / 1_000_000).toFixed(1)}M`
    : n >= 10_000
      ? `${Math.round(n / 1000)}k`
      : String(n);
}
