import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { getDisplayName } from '../../domain';
import { KindIcon } from '../common/Icon';
import type { GhostFlowNode } from './flowAdapter';

/** A reference component the board lacks (Compare on canvas): dashed, not part of the document. */
export const GhostNode = memo(function GhostNode({ data }: NodeProps<GhostFlowNode>) {
  return (
    <div className="fl-node fl-ghost" title={data.gap}>
      <div className="fl-node-head">
        <span className="fl-node-icon">
          <KindIcon kind={data.kind} />
        </span>
        <span className="fl-node-label">{data.label}</span>
      </div>
      <div className="fl-node-kind">missing: {getDisplayName(data.kind)}</div>
      <div className="fl-ghost-gap">
        {data.invariant ? (
          <>
            {data.broken ? 'broke ' : 'protects '}
            <code>{data.invariant}</code>
          </>
        ) : (
          data.gap
        )}
      </div>
    </div>
  );
});
