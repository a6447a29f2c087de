// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATALOG, type ConfigValue } from '../../src/domain/catalog';
import { FAULT_KINDS } from '../../src/domain/faultPlan';
import { explainRun, runSimulation } from '../../src/sim';
import { board, metering } from './boardBuilder';

const faulty = () =>
  metering({ dedup: { durable: false } })
    .add('dead-letter-queue')
    .connect('queue', 'dead-letter-queue')
    .inject({ kind: 'duplicate', target: '*', rate: 0.02 })
    .inject({ kind: 'late', target: '*', rate: 0.01, delayMs: 3000 })
    .inject({ kind: 'crash', target: 'kind:dedup', atMs: 700, downMs: 100 })
    .inject({ kind: 'poison', target: '*', rate: 0.002 });

describe('determinism', () => {
  it('the same board, plan and seed give the same trace and result', () => {
    const a = faulty().run({ events: 3000, seed: 42 });
    const b = faulty().run({ events: 3000, seed: 42 });
    expect(a.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b).toEqual(a);
  });

  it('different seeds (almost always) give different traces', () => {
    const hashes = new Set([1, 2, 3, 4, 5, 6].map((seed) => faulty().run({ events: 1000, seed }).traceHash));
    expect(hashes.size).toBeGreaterThanOrEqual(5);
  });

  it('the explain pass reproduces the first run exactly (paths end where the first run left them)', () => {
    const b = metering({ dedup: false }).inject({ kind: 'duplicate', target: '*', rate: 0.05 });
    const r = b.run({ events: 1000 });
    const ids = new Set(r.invariants.flatMap((i) => i.examples.map((e) => e.messageId)));
    expect(ids.size).toBeGreaterThan(0);
    for (const inv of r.invariants) for (const ex of inv.examples) expect(ex.path.length).toBeGreaterThan(0);
    // The explain pass is the same run: same trace hash, and the paths shown are the ones it recorded.
    const again = explainRun(b.build(), { seed: 1, events: 1000, faultPlan: b.plan() }, ids);
    expect(again.traceHash).toBe(r.traceHash);
    for (const inv of r.invariants)
      for (const ex of inv.examples) expect(ex.path).toEqual(again.paths.get(ex.messageId));
  });
});

const kinds = CATALOG.map((d) => d.kind);

/** A random valid config: each field at a random allowed value. */
const configOf = (kind: string) => {
  const def = CATALOG.find((d) => d.kind === kind)!;
  return fc.record(
    Object.fromEntries(
      def.fields.map((f): [string, fc.Arbitrary<ConfigValue>] => {
        if (f.type === 'boolean') return [f.key, fc.boolean()];
        if (f.type === 'enum') return [f.key, fc.constantFrom(...f.options)];
        const max = Math.min(f.max, f.unit === 'ms' ? 5000 : f.unit === 'per-sec' ? 5000 : 20);
        return [
          f.key,
          f.integer
            ? fc.integer({
                min: Math.max(f.min, f.unit === 'per-sec' ? 50 : f.min),
                max: Math.max(f.min, max),
              })
            : fc.double({ min: f.min, max: Math.min(f.max, 0.5), noNaN: true }),
        ];
      }),
    ),
  );
};

const nodeArb = fc.constantFrom(...kinds).chain((kind) => configOf(kind).map((config) => ({ kind, config })));
const faultArb = fc.record({
  kind: fc.constantFrom(...FAULT_KINDS),
  target: fc.constantFrom(
    '*',
    'kind:queue',
    'kind:worker',
    'kind:aggregator',
    'kind:payment-provider',
    'kind:activity',
    'n1',
    'e0',
    'missing',
  ),
  at: fc.integer({ min: 0, max: 1500 }),
  len: fc.integer({ min: 1, max: 3000 }),
  rate: fc.double({ min: 0, max: 0.3, noNaN: true }),
});

describe('property: random boards', () => {
  it('never throw, and a rerun gives the same trace hash', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 14 }),
        fc.array(faultArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (nodes, pairs, faults, seed) => {
          const b = board();
          b.add(
            'producer',
            { workload: ['usage', 'invoices', 'requests'][seed % 3]!, ratePerSec: 1000 },
            'n0',
          );
          nodes.forEach((n, i) => b.add(n.kind, n.config, `n${i + 1}`));
          const count = nodes.length + 1;
          pairs.forEach(([a, c], i) => b.connect(`n${a % count}`, `n${c % count}`, `e${i}`));
          for (const f of faults) {
            if (f.kind === 'crash')
              b.inject({
                kind: 'crash',
                target: f.target,
                atMs: f.at,
                downMs: f.len,
                point: f.rate > 0.15 ? 'after-side-effect' : 'any',
              });
            else if (f.kind === 'late')
              b.inject({ kind: 'late', target: f.target, fromMs: f.at, rate: f.rate, delayMs: f.len });
            else if (f.kind === 'reorder')
              b.inject({ kind: 'reorder', target: f.target, fromMs: f.at, rate: f.rate, windowMs: f.len });
            else if (f.kind === 'clock-skew')
              b.inject({ kind: 'clock-skew', target: f.target, fromMs: f.at, skewMs: f.len - 1500 });
            else if (f.kind === 'partition')
              b.inject({ kind: 'partition', target: f.target, fromMs: f.at, toMs: f.at + f.len });
            else if (f.kind === 'outage')
              b.inject({
                kind: 'outage',
                target: f.target,
                fromMs: f.at,
                toMs: f.at + f.len,
                rate: f.rate + 0.5,
              });
            else if (f.kind === 'deploy')
              b.inject({
                kind: 'deploy',
                target: f.target,
                atMs: f.at,
                change: f.rate > 0.5 ? 'breaking' : 'compatible',
              });
            else b.inject({ kind: f.kind, target: f.target, fromMs: f.at, rate: f.rate });
          }
          const built = b.build();
          const opts = { seed, events: 150, faultPlan: b.plan(), maxEvents: 300_000 };
          const a = runSimulation(built, opts);
          const again = runSimulation(built, opts);
          expect(again.traceHash).toBe(a.traceHash);
          expect(again.invariants).toEqual(a.invariants);
          for (const i of a.invariants) expect(i.examples.length).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 60, seed: 20240601 },
    );
  });
});
