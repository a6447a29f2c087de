// npm run bench:targets [-- --quick] [-- --no-build]
// The two figures issue #10 sets targets for, without the rest of `npm run bench`: the first load's
// JavaScript (gzip, split into libraries and the app's own code) and the app worker against Node for
// the same 1,000,000-event run. The same functions feed sections 4 and 5b of `npm run bench`.
import { execSync } from 'node:child_process';
import { measureBundle, measureInitialBreakdown } from './bundle';
import { benchWorkerVsNode } from './workerVsNode';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const kB = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  if (!args.has('--no-build')) execSync('npx vite build', { stdio: 'ignore' });
  const bundle = measureBundle();
  const split = await measureInitialBreakdown(bundle.initialGzipBytes);
  console.log(`First-load JavaScript: ${kB(bundle.initialGzipBytes)} kB gzip (target ≤ 150)`);
  for (const c of bundle.chunks.filter((c) => c.initial)) console.log(`   ${c.file}  ${kB(c.gzipBytes)}`);
  for (const l of split.libraries) console.log(`   of which ${l.name}: ${kB(l.gzipBytes)}`);
  console.log(`   of which the app's own code: ${kB(split.appGzipBytes)}`);

  const w = await benchWorkerVsNode(quick ? 100_000 : 1_000_000, quick ? 1 : 3);
  console.log(
    `Worker vs Node, ${w.events.toLocaleString()} events (median of ${w.runs}, alternating): worker ${w.workerMedianMs.toFixed(0)} ms (${w.workerInsideMedianMs.toFixed(0)} inside), Node ${w.nodeMedianMs.toFixed(0)} ms — ${w.ratio.toFixed(2)}× (target ≤ 1.5)`,
  );
  console.log(`   Explain opened afterwards (tracing pass, on demand): ${w.explainMedianMs.toFixed(0)} ms`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
