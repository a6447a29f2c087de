import { loadAllScenariosNode } from '../src/content/loadScenarioNode.ts';
import { runSimulation } from '../src/sim/index.ts';
const seeds = [1, 2, 3];
for (const [id, r] of loadAllScenariosNode()) {
  if (!r.ok) { console.log(id, 'INVALID', r.message.slice(0, 200)); continue; }
  const sc = r.scenario;
  for (const seed of seeds) {
    const t0 = performance.now();
    const ref = runSimulation(sc.reference, { seed, events: 10000, faultPlan: sc.faultPlan, invariants: sc.invariants });
    const bad = ref.invariants.filter(i => !i.holds);
    console.log(`${id} seed ${seed} ref: ${bad.length === 0 ? 'HOLDS' : 'VIOLATES ' + bad.map(b => b.id + ':' + b.count + ' ' + b.summary).join(' | ')} ${(performance.now()-t0).toFixed(0)}ms ${ref.stopped ? 'STOPPED ' + ref.stopped.message : ''}`);
    if (seed !== 1) continue;
    for (const w of sc.wrongVariants) {
      const res = runSimulation(w.board, { seed, events: 10000, faultPlan: sc.faultPlan, invariants: sc.invariants });
      const v = res.invariants.find(i => i.id === w.violates)!;
      console.log(`   wrong ${w.id}: ${w.violates} ${v.holds ? 'HOLDS (expected violation!)' : 'violated ' + v.count + ' — ' + v.summary}`);
    }
  }
}
