import { MarkerType, type EdgeMarker } from '@xyflow/react';
import type { EdgeKind } from '../../domain';

/** The arrow head per edge kind: closed for calls and updates (answered), open for signals and queries. */
export function edgeMarker(kind: EdgeKind | undefined): EdgeMarker {
  const open = kind === 'signal' || kind === 'query';
  return { type: open ? MarkerType.Arrow : MarkerType.ArrowClosed, width: 18, height: 18 };
}

/** How each kind is drawn (the legend and the CSS classes `fl-edge--<kind>` agree). */
export const EDGE_KIND_STYLE: Record<EdgeKind, { dash: string; width: number; text: string }> = {
  call: { dash: '', width: 1.5, text: 'call — solid' },
  signal: { dash: '8 5', width: 1.5, text: 'signal — dashed, open head' },
  update: { dash: '', width: 3, text: 'update — thick' },
  query: { dash: '2 4', width: 1.5, text: 'query — dotted, open head' },
};
