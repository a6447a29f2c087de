import { Panel } from '@xyflow/react';
import { EDGE_KINDS, type Board } from '../../domain';
import { EDGE_KIND_STYLE } from './edgeKindStyle';
import './edgeKinds.css';

/** A small legend of edge kinds, shown when the board has a workflow or any non-call connection. */
export function EdgeLegend({ board }: { board: Board }) {
  const show =
    board.edges.some((e) => e.kind !== undefined) || board.nodes.some((n) => n.kind === 'workflow');
  if (!show) return null;
  return (
    <Panel position="bottom-right" className="fl-edge-legend">
      <ul aria-label="Connection kinds">
        {EDGE_KINDS.map((k) => (
          <li key={k}>
            <svg width="36" height="10" aria-hidden="true">
              <line
                x1="2"
                y1="5"
                x2="34"
                y2="5"
                className="fl-edge-legend-line"
                strokeDasharray={EDGE_KIND_STYLE[k].dash || undefined}
                strokeWidth={EDGE_KIND_STYLE[k].width}
              />
            </svg>
            {EDGE_KIND_STYLE[k].text}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
