import { runSimulation } from '../src/sim/index.ts';
import { metering } from '../tests/sim/boardBuilder.ts';
const b = metering().inject({ kind: 'duplicate', target: '*', rate: 0.01 }).inject({ kind: 'late', target: '*', rate: 0.005, delayMs: 180000 });
const board = b.build(); const plan = b.plan();
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  runSimulation(board, { seed: 1, events: 1000000, faultPlan: plan, explain: false });
  console.log((performance.now() - t0).toFixed(0));
}
