// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readScenarioJson, loadScenarioNode } from '../../src/content/loadScenarioNode';
import { parseScenario } from '../../src/domain/scenario';

/** The file's shape, loosely typed: each test breaks one field with a value the schema must refuse. */
interface RawBoard {
  nodes: { id: string; kind: string; config: Record<string, unknown> }[];
  edges: { id: string; source: string; target: string }[];
}
interface RawScenario {
  keyPoints: { id: string; text?: string; check?: Record<string, unknown>; invariant?: string }[];
  reference: RawBoard;
  wrongVariants: { board: RawBoard; violates: string }[];
  faultPlan: { faults: { target: string }[] };
  hints: string[];
  difficulty: number;
}

/** A valid scenario to break one field at a time. */
const base = () => structuredClone(readScenarioJson('metering-pipeline')) as RawScenario;

function messageOf(value: unknown): string {
  const r = parseScenario(value);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

describe('parseScenario', () => {
  it('accepts a valid file and fills board defaults', () => {
    const r = parseScenario(base());
    expect(r.ok).toBe(true);
    if (r.ok) {
      const rollup = r.scenario.reference.nodes.find((n) => n.kind === 'aggregator')!;
      expect(typeof rollup.config.windowMs).toBe('number');
      expect(typeof rollup.config.graceMs).toBe('number');
      expect(typeof rollup.config.latePolicy).toBe('string');
      const ledger = r.scenario.reference.nodes.find((n) => n.kind === 'ledger')!;
      expect(ledger.config).toEqual({});
    }
  });

  it('names the path of a bad check role', () => {
    const s = base();
    s.keyPoints[2]!.check = { role: 'dedup-somewhere' };
    expect(messageOf(s)).toMatch(/^keyPoints\.2\.check\.role: /);
  });

  it('names the path of a bad board config, strictly', () => {
    const s = base();
    s.reference.nodes[3]!.config = { graceMs: -5 };
    expect(messageOf(s)).toContain(
      'reference.nodes.3.config.graceMs: unknown config key for idempotency-store',
    );
    const t = base();
    const agg = t.reference.nodes.findIndex((n) => n.kind === 'aggregator');
    t.reference.nodes[agg]!.config.graceMs = -5;
    expect(messageOf(t)).toBe(`reference.nodes.${agg}.config.graceMs: expected a number ≥ 0`);
    const u = base();
    u.wrongVariants[0]!.board.nodes[0]!.kind = 'blockchain';
    expect(messageOf(u)).toContain('wrongVariants.0.board.nodes.0.kind: unknown component kind "blockchain"');
    const v = base();
    v.reference.edges.push({ id: 'dangling', source: 'p', target: 'nowhere' });
    expect(messageOf(v)).toMatch(/reference\.edges\.\d+\.target: no component with id "nowhere"/);
  });

  it('refuses a fault that targets a node id', () => {
    const s = base();
    s.faultPlan.faults[1]!.target = 'w';
    expect(messageOf(s)).toMatch(/^faultPlan\.faults\.1\.target: "w" looks like a node or edge id/);
    s.faultPlan.faults[1]!.target = 'kind:teapot';
    expect(messageOf(s)).toContain('faultPlan.faults.1.target: unknown component kind "teapot"');
  });

  it('checks key points and variants against the invariants and the catalog', () => {
    const s = base();
    s.keyPoints[0]!.invariant = 'saga-atomic';
    expect(messageOf(s)).toContain(
      'keyPoints.0.invariant: "saga-atomic" is not in the scenario\'s invariants',
    );
    const t = base();
    t.keyPoints.push({ id: 'bare', text: 'nothing attached' });
    expect(messageOf(t)).toContain(
      `keyPoints.${t.keyPoints.length - 1}: a key point needs a check, an invariant, or talkingPoint: true`,
    );
    const u = base();
    u.keyPoints[0]!.check = { role: 'config', kind: 'queue', key: 'graceMs', value: 1 };
    expect(messageOf(u)).toContain('keyPoints.0.check.key: queue has no config key "graceMs"');
    const v = base();
    v.wrongVariants[0]!.violates = 'no-double-charge';
    expect(messageOf(v)).toContain('wrongVariants.0.violates');
    const w = base();
    w.keyPoints[1]!.id = w.keyPoints[0]!.id;
    expect(messageOf(w)).toContain('keyPoints.1.id: duplicate id');
  });

  it('wants 2–3 hints, a difficulty of 1–5 and at least one wrong variant', () => {
    const s = base();
    s.hints = ['only one'];
    expect(messageOf(s)).toMatch(/^hints: /);
    const t = base();
    t.difficulty = 6;
    expect(messageOf(t)).toMatch(/^difficulty: /);
    const u = base();
    u.wrongVariants = [];
    expect(messageOf(u)).toMatch(/^wrongVariants: /);
  });

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'text', [], { id: 1 }, { __proto__: { id: 'x' } }]) {
      const r = parseScenario(junk);
      expect(r.ok).toBe(false);
    }
  });
});

describe('loadScenarioNode', () => {
  it('reports an unknown id with the known ones', () => {
    const r = loadScenarioNode('no-such-round');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/no scenario "no-such-round"; known: .*metering-pipeline/);
    const bad = loadScenarioNode('../package');
    expect(bad.ok).toBe(false);
  });
});
