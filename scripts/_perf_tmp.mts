import { runSimulation } from '../src/sim/index.ts';
import { metering } from '../tests/sim/boardBuilder.ts';
for (const n of [10000, 100000, 1000000, 1000000]) {
  const b = metering().inject({ kind: 'duplicate', target: '*', rate: 0.01 }).inject({ kind: 'late', target: '*', rate: 0.005, delayMs: 180000 });
  const board = b.build(); const plan = b.plan();
  
  const t0 = performance.now();
  const r = runSimulation(board, { seed: 1, events: n, faultPlan: plan, explain: false });
  const ms = performance.now() - t0;
  console.log(n, ms.toFixed(0), 'ms', (n / ms * 1000).toFixed(0), 'ev/s', r.processedEvents, JSON.stringify(r.invariants.map(i => [i.id, i.holds, i.count])), (process.memoryUsage().heapUsed/1e6).toFixed(0));
}
