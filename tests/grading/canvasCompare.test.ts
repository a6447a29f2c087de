// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadScenarioNode } from '../../src/content/loadScenarioNode';
import { compareOnCanvas } from '../../src/grading/canvasCompare';
import { gradeAttempt } from '../../src/grading/grade';
import { withoutNode } from './boardDriver';

function scenario(id: string) {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

describe('compare on canvas', () => {
  const s = scenario('metering-pipeline');

  it('the reference against itself has no ghosts and pairs every component with itself', () => {
    const c = compareOnCanvas(s, s.reference, []);
    expect(c.ghosts).toEqual([]);
    expect([...c.matched].every(([a, b]) => a === b)).toBe(true);
    expect(c.offset).toEqual({ x: 0, y: 0 });
  });

  it('a missing deduplicating component is a ghost at its reference place, linked to the gap and its invariant', () => {
    const dedup = s.reference.nodes.find((n) => ['dedup', 'database', 'idempotency-store'].includes(n.kind))!;
    const user = withoutNode(s.reference, dedup.id);
    const graded = gradeAttempt(s, user, { run: false });
    const c = compareOnCanvas(s, user, graded.gaps);
    const ghost = c.ghosts.find((g) => g.refNodeId === dedup.id)!;
    expect(ghost).toBeDefined();
    expect(ghost.position).toEqual(dedup.position);
    expect(ghost.gap?.message).toMatch(/deduplicat/);
    expect(ghost.gap?.invariant).toBe('usage-billed-exactly-once');
    expect(c.ghosts.every((g) => g.id.startsWith('ghost-'))).toBe(true);
  });

  it('a board shifted on the canvas gets ghosts shifted the same way', () => {
    const dedup = s.reference.nodes.find((n) => ['dedup', 'database', 'idempotency-store'].includes(n.kind))!;
    const moved = withoutNode(s.reference, dedup.id);
    moved.nodes = moved.nodes.map((n) => ({
      ...n,
      position: { x: n.position.x + 500, y: n.position.y - 40 },
    }));
    const c = compareOnCanvas(s, moved, []);
    expect(c.offset).toEqual({ x: 500, y: -40 });
    expect(c.ghosts[0]!.position).toEqual({ x: dedup.position.x + 500, y: dedup.position.y - 40 });
  });
});
