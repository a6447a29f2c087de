const dir = process.argv[2];
const b = await import(`${dir}/scripts/bench-engine.ts`);
const sim = await import(`${dir}/src/sim/index.ts`);
for (let i = 0; i < 6; i++) sim.runSimulation(b.getMeteringBoard(), { seed: 1, events: 300_000, faultPlan: { faults: [] }, explain: false });
