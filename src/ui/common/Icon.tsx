import { memo } from 'react';
import { getKindDefinition } from '../../domain';

/** A component kind's icon, drawn from the catalog's SVG path. */
export const KindIcon = memo(function KindIcon({ kind, size = 18 }: { kind: string; size?: number }) {
  const d = getKindDefinition(kind)?.icon ?? 'M12 4v10M12 18v2';
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
});
