// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listScenarioIds, loadScenarioNode } from '../../src/content/loadScenarioNode';
import type { Board } from '../../src/domain/document';
import type { Scenario } from '../../src/domain/scenario';
import { runSimulation } from '../../src/sim';

/**
 * Every scenario's content, run on the real engine: the reference keeps every invariant the
 * scenario names on SEEDS seeds, and every known-wrong variant violates the invariant it names on
 * each of them. EVENTS keeps the whole suite fast (the app grades with 3 seeds × 10,000 events).
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const EVENTS = 2_000;

function load(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(`${id}: ${r.message}`);
  return r.scenario;
}

/** Per invariant: the seeds on which it was violated, and the first summary. */
function runSeeds(s: Scenario, board: Board) {
  const out = new Map<string, { violated: number[]; summary: string }>(
    s.invariants.map((id) => [id, { violated: [], summary: '' }]),
  );
  for (const seed of SEEDS) {
    const r = runSimulation(board, {
      seed,
      events: EVENTS,
      faultPlan: s.faultPlan,
      ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
      invariants: [...s.invariants],
      explain: false,
    });
    expect(r.stopped, `seed ${seed}: ${r.stopped?.message}`).toBeUndefined();
    for (const inv of r.invariants) {
      const o = out.get(inv.id)!;
      if (!inv.holds) {
        o.violated.push(seed);
        o.summary ||= `seed ${seed}: ${inv.summary}`;
      }
    }
  }
  return out;
}

describe.each(listScenarioIds())('%s on the engine', (id) => {
  const s = load(id);

  it(`the reference keeps ${s.invariants.join(', ')} on ${SEEDS.length} seeds`, () => {
    const res = runSeeds(s, s.reference);
    const broken = [...res]
      .filter(([, v]) => v.violated.length > 0)
      .map(([k, v]) => `${k} violated on seeds ${v.violated.join(',')} — ${v.summary}`);
    expect(broken).toEqual([]);
  });

  it.each(s.wrongVariants.map((w) => [w.id, w] as const))(
    'the wrong variant %s violates what it names on every seed',
    (_, w) => {
      const res = runSeeds(s, w.board);
      const held = SEEDS.filter((seed) => !res.get(w.violates)!.violated.includes(seed));
      expect(held, `${w.violates} held on these seeds`).toEqual([]);
    },
  );

  if (s.startBoard) {
    it("the drill's start board is broken", () => {
      const res = runSeeds(s, s.startBoard!);
      expect([...res.values()].some((v) => v.violated.length === SEEDS.length)).toBe(true);
    });
  }
});
