import type { Board, BoardNode, XY } from '../domain/document';
import type { InvariantId } from '../domain/invariants';
import type { Scenario, StructuralCheck } from '../domain/scenario';

/** A gap as the comparison shows it (a subset of GradedGap, so this module does not depend on grade.ts). */
export interface CompareGap {
  keyPointId: string;
  message: string;
  invariant?: InvariantId | undefined;
  broken?: boolean | undefined;
}

/** A reference component the user's board has no counterpart for, placed in the user's coordinates. */
export interface Ghost {
  /** `ghost-<reference id>`: never a document id (ghosts are not saved). */
  id: string;
  refNodeId: string;
  kind: string;
  label: string;
  position: XY;
  /** The gap this missing component would close, when a failed check names its kind. */
  gap?: CompareGap;
}

export interface CanvasComparison {
  ghosts: Ghost[];
  /** Reference node id → the user's node of the same role (kind) it was aligned with. */
  matched: Map<string, string>;
  /** Added to reference positions to place them on the user's board. */
  offset: XY;
}

/** Kinds that fill the role a check asks for first, then the kinds it connects. */
function checkKinds(check: StructuralCheck): { fillers: string[]; ends: string[] } {
  switch (check.role) {
    case 'has-kind':
    case 'config':
      return { fillers: [check.kind], ends: [] };
    case 'wired':
    case 'path':
      return { fillers: [], ends: [check.from, check.to] };
    case 'through':
      return { fillers: check.via, ends: [check.from, check.to] };
    case 'dedup-between':
      return { fillers: ['dedup', 'idempotency-store', 'database'], ends: [check.from, check.to] };
    case 'idempotent-payment-call':
      return { fillers: ['worker'], ends: ['payment-provider'] };
    case 'compensation-for':
      return { fillers: ['activity'], ends: ['workflow'] };
    case 'only-fed-by':
    case 'fed-by':
      return { fillers: check.from, ends: [check.kind] };
  }
}

const byPlace = (a: BoardNode, b: BoardNode) => a.position.x - b.position.x || a.position.y - b.position.y;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

/**
 * Aligns the reference design with the user's board by role: reference and user components of the
 * same kind are paired left to right; the reference is shifted by the median offset of the pairs (or
 * placed right of the user's board when nothing pairs), and every reference component without a
 * partner becomes a ghost, linked to the failed key point whose check names its kind. Pure.
 */
export function compareOnCanvas(
  scenario: Pick<Scenario, 'keyPoints' | 'reference'>,
  user: Pick<Board, 'nodes'>,
  gaps: readonly CompareGap[],
): CanvasComparison {
  const ref = scenario.reference;
  const matched = new Map<string, string>();
  const kinds = new Set(ref.nodes.map((n) => n.kind));
  for (const kind of kinds) {
    const r = ref.nodes.filter((n) => n.kind === kind).sort(byPlace);
    const u = user.nodes.filter((n) => n.kind === kind).sort(byPlace);
    r.forEach((n, i) => {
      if (u[i]) matched.set(n.id, u[i].id);
    });
  }
  const userPos = new Map(user.nodes.map((n) => [n.id, n.position]));
  let offset: XY;
  if (matched.size > 0) {
    const pairs = ref.nodes.filter((n) => matched.has(n.id));
    offset = {
      x: median(pairs.map((n) => userPos.get(matched.get(n.id)!)!.x - n.position.x)),
      y: median(pairs.map((n) => userPos.get(matched.get(n.id)!)!.y - n.position.y)),
    };
  } else {
    const refMinX = Math.min(0, ...ref.nodes.map((n) => n.position.x));
    const refMinY = Math.min(...ref.nodes.map((n) => n.position.y), 0);
    const userMaxX = user.nodes.length ? Math.max(...user.nodes.map((n) => n.position.x)) + 260 : 0;
    const userMinY = user.nodes.length ? Math.min(...user.nodes.map((n) => n.position.y)) : 0;
    offset = { x: userMaxX - refMinX, y: userMinY - refMinY };
  }

  const checks = new Map(scenario.keyPoints.flatMap((k) => (k.check ? [[k.id, k.check] as const] : [])));
  const gapFor = (kind: string): CompareGap | undefined =>
    gaps.find(
      (g) => checks.get(g.keyPointId) && checkKinds(checks.get(g.keyPointId)!).fillers.includes(kind),
    ) ??
    gaps.find((g) => checks.get(g.keyPointId) && checkKinds(checks.get(g.keyPointId)!).ends.includes(kind));

  const ghosts: Ghost[] = ref.nodes
    .filter((n) => !matched.has(n.id))
    .map((n) => {
      const gap = gapFor(n.kind);
      return {
        id: `ghost-${n.id}`,
        refNodeId: n.id,
        kind: n.kind,
        label: n.label,
        position: { x: Math.round(n.position.x + offset.x), y: Math.round(n.position.y + offset.y) },
        ...(gap ? { gap } : {}),
      };
    });
  return { ghosts, matched, offset };
}
