import fc from 'fast-check';
import { CATALOG } from '../src/domain/catalog.ts';
import { FAULT_KINDS } from '../src/domain/faultPlan.ts';
import { createSimulation } from '../src/sim/index.ts';
import { board } from '../tests/sim/boardBuilder.ts';
const kinds = CATALOG.map((d) => d.kind);
const configOf = (kind: string) => {
  const def = CATALOG.find((d) => d.kind === kind)!;
  return fc.record(Object.fromEntries(def.fields.map((f: any) => {
    if (f.type === 'boolean') return [f.key, fc.boolean()];
    if (f.type === 'enum') return [f.key, fc.constantFrom(...f.options)];
    const max = Math.min(f.max, f.unit === 'ms' ? 5000 : f.unit === 'per-sec' ? 5000 : 20);
    return [f.key, f.integer ? fc.integer({ min: Math.max(f.min, f.unit === 'per-sec' ? 50 : f.min), max: Math.max(f.min, max) }) : fc.double({ min: f.min, max: Math.min(f.max, 0.5), noNaN: true })];
  })));
};
const nodeArb = fc.constantFrom(...kinds).chain((kind) => configOf(kind).map((config) => ({ kind, config })));
const faultArb = fc.record({ kind: fc.constantFrom(...FAULT_KINDS), target: fc.constantFrom('*', 'kind:queue', 'kind:worker', 'kind:aggregator', 'kind:payment-provider', 'kind:activity', 'n1', 'e0', 'missing'), at: fc.integer({ min: 0, max: 1500 }), len: fc.integer({ min: 1, max: 3000 }), rate: fc.double({ min: 0, max: 0.3, noNaN: true }) });
const arb = fc.tuple(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 14 }), fc.array(faultArb, { maxLength: 4 }), fc.integer({ min: 0, max: 1_000_000 }));
const samples = fc.sample(arb, { numRuns: 300, seed: 20240601 });
let i = 0;
for (const [nodes, pairs, faults, seed] of samples) {
  const b = board();
  b.add('producer', { workload: ['usage', 'invoices', 'requests'][seed % 3]!, ratePerSec: 1000 }, 'n0');
  nodes.forEach((n: any, j: number) => b.add(n.kind, n.config, `n${j + 1}`));
  const count = nodes.length + 1;
  pairs.forEach(([a, c]: any, j: number) => b.connect(`n${a % count}`, `n${c % count}`, `e${j}`));
  for (const f of faults as any[]) {
    if (f.kind === 'crash') b.inject({ kind: 'crash', target: f.target, atMs: f.at, downMs: f.len, point: f.rate > 0.15 ? 'after-side-effect' : 'any' });
    else if (f.kind === 'late') b.inject({ kind: 'late', target: f.target, fromMs: f.at, rate: f.rate, delayMs: f.len });
    else if (f.kind === 'reorder') b.inject({ kind: 'reorder', target: f.target, fromMs: f.at, rate: f.rate, windowMs: f.len });
    else if (f.kind === 'clock-skew') b.inject({ kind: 'clock-skew', target: f.target, fromMs: f.at, skewMs: f.len - 1500 });
    else if (f.kind === 'partition') b.inject({ kind: 'partition', target: f.target, fromMs: f.at, toMs: f.at + f.len });
    else if (f.kind === 'outage') b.inject({ kind: 'outage', target: f.target, fromMs: f.at, toMs: f.at + f.len, rate: f.rate + 0.5 });
    else b.inject({ kind: f.kind, target: f.target, fromMs: f.at, rate: f.rate } as any);
  }
  const built = b.build();
  const sim = createSimulation(built, { seed, events: 150, faultPlan: b.plan(), maxEvents: 300_000 });
  const t0 = performance.now();
  let chunks = 0;
  while (!sim.advance(1000)) { chunks++; if (performance.now() - t0 > 3000) { console.log('SLOW', i, chunks, JSON.stringify({ nodes: built.nodes.map(n => [n.id, n.kind, n.config]), edges: built.edges.map(e => [e.id, e.source, e.target]), faults: b.plan().faults, seed })); process.exit(1); } }
  const t1 = performance.now();
  sim.result();
  if (performance.now() - t1 > 3000) { console.log('SLOW RESULT', i); process.exit(1); }
  i++;
}
console.log('all ok', i);
