// npm run bench [-- --json] [-- --quick] [-- --update-docs] [-- --engine-ref=<commit>]
// Every figure beside a baseline measured in the same run; medians; nothing asserted.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchEngine } from './bench-engine';
import { benchEngineAgainstRef, DEFAULT_ENGINE_REF, type EngineAgainstRef } from './bench/engineAgainstRef';
import { benchAttack } from './bench/attack';
import { benchLiveCheck } from './bench/liveCheck';
import { measureBundle, measureInitialBreakdown } from './bench/bundle';
import { benchCanvas, benchDrag } from './bench/canvas';
import { benchSuite } from './bench/suite';
import { benchUiLoad } from './bench/uiLoad';
import { benchWorkerVsNode } from './bench/workerVsNode';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const log = (...a: unknown[]) => (json ? console.error : console.log)(...a);

type Figures = {
  date: string;
  machine: string;
  node: string;
  engine: Omit<ReturnType<typeof benchEngine>, 'baselineRows'>;
  engineAgainstRef: EngineAgainstRef;
  suite: ReturnType<typeof benchSuite>;
  canvas: Awaited<ReturnType<typeof benchCanvas>>;
  drag: Awaited<ReturnType<typeof benchDrag>>;
  bundle: Pick<ReturnType<typeof measureBundle>, 'initialGzipBytes' | 'chunks'> &
    Awaited<ReturnType<typeof measureInitialBreakdown>>;
  uiUnderLoad: Awaited<ReturnType<typeof benchUiLoad>>;
  workerVsNode: Awaited<ReturnType<typeof benchWorkerVsNode>>;
  attack: Omit<ReturnType<typeof benchAttack>, 'rows'>;
  liveCheck: Awaited<ReturnType<typeof benchLiveCheck>>;
};

async function main() {
  if (!args.has('--no-build')) {
    log('Building the app and the bare React Flow baseline…');
    execSync('npx vite build', { stdio: json ? 'ignore' : 'inherit' });
    execSync('npx vite build --config scripts/bench/vite.bare.config.ts', {
      stdio: json ? 'ignore' : 'inherit',
    });
  }
  log('\n1. Engine (metering pipeline, 1% duplicates, 0.5% late; median of 5)');
  const engine = benchEngine({
    sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000],
    runs: quick ? 3 : 5,
  });
  log(
    table(
      ['events', 'median ms', 'events/s', 'peak heap MB'],
      engine.rows.map((r) => [
        r.events.toLocaleString(),
        r.medianMs.toFixed(1),
        fmtRate(r.eventsPerSec),
        r.peakHeapMB.toFixed(0),
      ]),
    ),
  );
  log(
    `   engine ${fmtRate(engine.eventsPerSec)} events/s vs baseline (one XState actor per stage) ${fmtRate(engine.baselineEventsPerSec)} events/s: ${engine.ratio.toFixed(1)}×`,
  );

  const engineRef = process.argv.find((a) => a.startsWith('--engine-ref='))?.slice(13) ?? DEFAULT_ENGINE_REF;
  log(`\n1b. Engine today vs the engine at ${engineRef} (same workload, runs alternating; median of 5)`);
  const engineAgainstRef = await benchEngineAgainstRef({
    ref: engineRef,
    sizes: quick ? [100_000] : [100_000, 1_000_000],
    runs: 5,
  });
  log(
    table(
      ['workload', 'events', `${engineRef} ms`, 'today ms', 'today / then'],
      engineAgainstRef.rows.map((r) => [
        r.workload,
        r.events.toLocaleString(),
        r.refMedianMs.toFixed(0),
        r.nowMedianMs.toFixed(0),
        r.ratio.toFixed(2),
      ]),
    ),
  );
  log(
    '   fault-free and faults: both engines do the same work (same engine events); bench: different work — a forward held back keeps its key in progress, the ordered queue holds its tenant behind it (scripts/bench/engineAgainstRef.ts)',
  );

  log('\n2. Grading suite (metering-pipeline: user board + reference, 20 seeds × 10,000 events)');
  const suite = benchSuite('metering-pipeline', 20, 10_000, quick ? 1 : 3);
  log(
    `   ${suite.medianMs.toFixed(0)} ms (target < 1000) vs baseline of the same 40 runs one by one ${suite.baselineMedianMs.toFixed(0)} ms: ${suite.ratio.toFixed(2)}×`,
  );

  log('\n2b. Attack (guided search vs naive random search of the same budget, wrong variants)');
  const attack = benchAttack({ seeds: quick ? [1] : [1, 2, 3] });
  log(
    `   ${attack.rows.length} searches (${attack.rows.length / attack.seeds.length} wrong variants × ${attack.seeds.length} seeds, ${attack.events.toLocaleString()} events per try, budget ${attack.budget}): guided ${attack.guidedTotal} tries vs naive ${attack.naiveTotal} (${attack.rows.filter((r) => !r.naiveFound).length} naive misses counted at the budget): ${attack.ratio.toFixed(1)}× fewer; ${attack.triesPerSec.toFixed(0)} tries/s`,
  );
  log(
    `   full attack on ${attack.fullAttack.board} at ${attack.fullAttack.events.toLocaleString()} events per try: ${attack.fullAttack.found ? 'found' : 'none'} after ${attack.fullAttack.tries} tries + ${attack.fullAttack.shrinkRuns} shrink runs in ${attack.fullAttack.ms} ms (target < 5000)`,
  );

  log('\n3. Canvas (built app vs bare React Flow, same browser; 3 s scripted pan and zoom)');
  const canvas = await benchCanvas(quick ? [1000] : [1000, 5000, 10_000], { seconds: quick ? 2 : 3 });
  log(
    table(
      ['nodes', 'open ms', 'bare open ms', 'fps', 'bare fps', 'fps ours/bare'],
      canvas.map((c) => [
        c.nodes.toLocaleString(),
        c.openMs.toFixed(0),
        c.bareOpenMs.toFixed(0),
        c.fps.toFixed(1),
        c.bareFps.toFixed(1),
        c.fpsRatio.toFixed(2),
      ]),
    ),
  );

  const drag = await benchDrag(500, { seconds: quick ? 2 : 3 });
  log(
    `   dragging one node on a ${drag.nodes}-node board: ${drag.dragFps.toFixed(1)} fps, longest frame ${drag.longestFrameMs.toFixed(0)} ms vs bare React Flow ${drag.bareDragFps.toFixed(1)} fps, ${drag.bareLongestFrameMs.toFixed(0)} ms`,
  );

  log('\n4. Bundle (gzip -9)');
  const bundle = measureBundle();
  log(
    table(
      ['chunk', 'kB', 'gzip kB', 'initial'],
      bundle.chunks.map((c) => [
        c.file,
        (c.bytes / 1024).toFixed(1),
        (c.gzipBytes / 1024).toFixed(1),
        c.initial ? 'yes' : '',
      ]),
    ),
  );
  log(`   initial JavaScript: ${(bundle.initialGzipBytes / 1024).toFixed(1)} kB gzip (target ≤ 150)`);
  const split = await measureInitialBreakdown(bundle.initialGzipBytes);
  log(
    `   of which ${split.libraries.map((l) => `${l.name} ${(l.gzipBytes / 1024).toFixed(1)}`).join(', ')}, the app's own code ${(split.appGzipBytes / 1024).toFixed(1)} kB gzip`,
  );

  log('\n5. UI under load (a run in the worker; longest main-thread frame)');
  const ui = await benchUiLoad(quick ? 100_000 : 1_000_000);
  log(
    `   ${ui.events.toLocaleString()} events: longest frame ${ui.longestFrameMs.toFixed(0)} ms over ${ui.frames} frames (target < 50) vs the run itself ${ui.workerRunMs} ms (the freeze if it ran on the main thread)`,
  );

  log(
    '\n5b. Worker vs Node (the sample board under at-least-once, seed 1; the same engine; median, alternating)',
  );
  const wvn = await benchWorkerVsNode(quick ? 100_000 : 1_000_000, quick ? 1 : 3);
  log(
    `   ${wvn.events.toLocaleString()} events: app worker ${wvn.workerMedianMs.toFixed(0)} ms (post → verdicts received; ${wvn.workerInsideMedianMs.toFixed(0)} ms inside the worker) vs Node ${wvn.nodeMedianMs.toFixed(0)} ms: ${wvn.ratio.toFixed(2)}× (target ≤ 1.5)`,
  );
  log(
    `   Explain opened afterwards (one tracing pass of the same run, on demand): ${wvn.explainMedianMs.toFixed(0)} ms`,
  );

  log(
    '\n6. Live verdicts (rename a node of the metering-pipeline reference; edit → badges of that revision)',
  );
  const live = await benchLiveCheck(quick ? 10 : 20);
  log(
    `   ${live.edits} edits: p50 ${live.p50Ms.toFixed(0)} ms, p95 ${live.p95Ms.toFixed(0)} ms (target < 250; includes the 60 ms debounce), longest frame ${live.longestFrameMs.toFixed(0)} ms (target < 50) vs the check itself in Node ${live.engineMs.toFixed(0)} ms`,
  );

  const figures: Figures = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${cpus()[0]?.model ?? ''}`,
    node: process.version,
    engine: {
      eventsPerSec: engine.eventsPerSec,
      baselineEventsPerSec: engine.baselineEventsPerSec,
      ratio: engine.ratio,
      rows: engine.rows,
    },
    engineAgainstRef,
    suite,
    attack: {
      events: attack.events,
      seeds: attack.seeds,
      budget: attack.budget,
      guidedTotal: attack.guidedTotal,
      naiveTotal: attack.naiveTotal,
      ratio: attack.ratio,
      triesPerSec: attack.triesPerSec,
      fullAttack: attack.fullAttack,
    },
    canvas: canvas.map((c) => ({
      nodes: c.nodes,
      openMs: c.openMs,
      bareOpenMs: c.bareOpenMs,
      fps: c.fps,
      bareFps: c.bareFps,
      fpsRatio: c.fpsRatio,
    })),
    drag,
    bundle: { initialGzipBytes: bundle.initialGzipBytes, chunks: bundle.chunks, ...split },
    uiUnderLoad: ui,
    workerVsNode: wvn,
    liveCheck: live,
  };
  if (json) console.log(JSON.stringify(figures, null, 2));
  if (args.has('--update-docs')) writeDocs(figures);
}

function fmtRate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`;
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '   ' + r.map((c, i) => c.padStart(w[i]!)).join('  ');
  return [line(head), '   ' + w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

const NOTES_MARKER = '<!-- notes: kept by --update-docs -->';

function writeDocs(f: Figures) {
  const md = `# Performance

Measured with \`npm run bench -- --update-docs\` on ${f.date.slice(0, 10)} (${f.machine}; Node ${f.node}; Debian Chromium headless,
software rendering). Each figure is a median, beside a baseline measured in the same run.

## 1. Engine — metering pipeline (producer → queue → dedup → aggregator → ledger), 1% duplicates, 0.5% late

| events | median ms | events/s | peak heap MB |
|---:|---:|---:|---:|
${f.engine.rows.map((r) => `| ${r.events.toLocaleString()} | ${r.medianMs.toFixed(1)} | ${fmtRate(r.eventsPerSec)} | ${r.peakHeapMB.toFixed(0)} |`).join('\n')}

Engine at the largest size: **${fmtRate(f.engine.eventsPerSec)} events/s**; baseline (the same workload through one XState actor
per stage): ${fmtRate(f.engine.baselineEventsPerSec)} events/s — **${f.engine.ratio.toFixed(1)}×**. Target ≥ 1M events/s.

## 1b. Engine today against the engine at ${f.engineAgainstRef.ref}

The bench board through the engine at commit ${f.engineAgainstRef.ref} (extracted under \`.bench-ref/\`) and today's, runs alternating in one process.

The fault-free and faults rows do the same work on both engines (the same engine events: the ratio is
the cost per event); the bench plan's rows do not: under today's semantics a forward held back 180 s
keeps its key in progress, the queue's redelivery of it is refused and the ordered queue holds that
tenant's messages behind it — at 200,000 events about 130,000 events wait and reach the aggregator
after its windows closed (the earlier engine: 3,000), which is far more work per event.

| workload | events | ${f.engineAgainstRef.ref} ms | today ms | today / then |
|---|---:|---:|---:|---:|
${f.engineAgainstRef.rows.map((r) => `| ${r.workload} | ${r.events.toLocaleString()} | ${r.refMedianMs.toFixed(0)} | ${r.nowMedianMs.toFixed(0)} | ${r.ratio.toFixed(2)} |`).join('\n')}

## 2. Grading suite — ${f.suite.scenario}, user board + reference, ${f.suite.seeds} seeds × ${f.suite.events.toLocaleString()} events

**${f.suite.medianMs.toFixed(0)} ms** (target < 1 s); baseline, the same ${f.suite.seeds * 2} runs one by one: ${f.suite.baselineMedianMs.toFixed(0)} ms (${f.suite.ratio.toFixed(2)}×).

## 2b. Attack — guided search vs naive random search, every scenario's wrong variants

${f.attack.seeds.length} search seeds × every wrong variant, ${f.attack.events.toLocaleString()} events per try, budget ${f.attack.budget} tries: guided **${f.attack.guidedTotal}** tries in total vs naive random search
${f.attack.naiveTotal} (a naive miss counts its whole budget) — **${f.attack.ratio.toFixed(1)}× fewer**; ${f.attack.triesPerSec.toFixed(0)} tries/s. One full attack (search,
shrink, explain) on ${f.attack.fullAttack.board} at ${f.attack.fullAttack.events.toLocaleString()} events per try: ${f.attack.fullAttack.tries} tries + ${f.attack.fullAttack.shrinkRuns} shrink runs, **${f.attack.fullAttack.ms} ms** (target < 5 s).

## 3. Canvas — generated boards in the built app vs a bare React Flow page, 3 s scripted pan and zoom

| nodes | open ms | bare open ms | fps | bare fps | ours / bare |
|---:|---:|---:|---:|---:|---:|
${f.canvas.map((c) => `| ${c.nodes.toLocaleString()} | ${c.openMs.toFixed(0)} | ${c.bareOpenMs.toFixed(0)} | ${c.fps.toFixed(1)} | ${c.bareFps.toFixed(1)} | ${c.fpsRatio.toFixed(2)} |`).join('\n')}

Dragging one node on a ${f.drag.nodes}-node board with real pointer events: **${f.drag.dragFps.toFixed(1)} fps**, longest frame ${f.drag.longestFrameMs.toFixed(0)} ms;
bare React Flow: ${f.drag.bareDragFps.toFixed(1)} fps, longest frame ${f.drag.bareLongestFrameMs.toFixed(0)} ms.

## 4. Bundle — gzip -9

Initial JavaScript: **${(f.bundle.initialGzipBytes / 1024).toFixed(1)} kB** (target ≤ 150 kB): ${f.bundle.libraries.map((l) => `${l.name} ${(l.gzipBytes / 1024).toFixed(1)} kB`).join(', ')}, the app's own code
${(f.bundle.appGzipBytes / 1024).toFixed(1)} kB (each group's share is what building without it saves).

| chunk | kB | gzip kB | initial |
|---|---:|---:|:-:|
${f.bundle.chunks.map((c) => `| ${c.file} | ${(c.bytes / 1024).toFixed(1)} | ${(c.gzipBytes / 1024).toFixed(1)} | ${c.initial ? 'yes' : ''} |`).join('\n')}

## 5. UI under load

A ${f.uiUnderLoad.events.toLocaleString()}-event run in the worker: longest main-thread frame **${f.uiUnderLoad.longestFrameMs.toFixed(0)} ms**
(target < 50 ms); the run itself took ${f.uiUnderLoad.workerRunMs} ms — what the page would freeze for on the main thread.

## 5b. Worker vs Node — the same run

The sample board (producer → queue → aggregator → ledger) under its at-least-once plan (1% duplicates), seed 1,
${f.workerVsNode.events.toLocaleString()} events, median of ${f.workerVsNode.runs}, alternating: the built app's worker in headless Chromium, from posting \`run\` to
receiving the verdicts, **${f.workerVsNode.workerMedianMs.toFixed(0)} ms** (${f.workerVsNode.workerInsideMedianMs.toFixed(0)} ms inside the worker) vs the engine in Node **${f.workerVsNode.nodeMedianMs.toFixed(0)} ms** —
**${f.workerVsNode.ratio.toFixed(2)}×** (target ≤ 1.5). Opening Explain afterwards (one tracing pass of the same run): ${f.workerVsNode.explainMedianMs.toFixed(0)} ms.

## 6. Live verdicts

Renaming a node of ${f.liveCheck.board} ${f.liveCheck.edits} times after 3 untimed warm-up edits, each edit until the badges show that revision's verdicts
(60 ms debounce + a 2,000-event check in the worker + render): p50 **${f.liveCheck.p50Ms.toFixed(0)} ms**, p95 **${f.liveCheck.p95Ms.toFixed(0)} ms**
(target < 250 ms); longest main-thread frame ${f.liveCheck.longestFrameMs.toFixed(0)} ms (target < 50 ms). The check alone in Node (warm): ${f.liveCheck.engineMs.toFixed(0)} ms.
`;
  // Hand-written notes after the marker survive a regeneration.
  const old = existsSync('docs/performance.md') ? readFileSync('docs/performance.md', 'utf8') : '';
  const at = old.indexOf(NOTES_MARKER);
  writeFileSync('docs/performance.md', at >= 0 ? `${md}\n${old.slice(at)}` : md);
  log('\nWrote docs/performance.md');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
