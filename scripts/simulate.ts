/**
 * The simulation CLI (docs/formats.md, "The CLI"):
 *   npm run simulate -- <board.json> [--faults <plan.json> | --scenario <id>] [--seed N] [--events N]
 *                       [--duration MS] [--invariants a,b] [--json]
 *   npm run simulate -- <board.json> --attack [--invariant ID] [--seed N] [--events N] [--tries N] [--json]
 *   npm run simulate -- <board.json> --repair --faults <plan.json> [--invariant ID] [--seed N] [--events N] [--json]
 * `--duration` spreads the producers' items over that much virtual time (a scenario's own
 * `durationMs` applies when it is not given).
 * Runs the same engine as the browser's worker. Exit codes: 0 the run completed (whatever the
 * invariants say), 2 the input was refused (unreadable file, invalid board / plan / scenario /
 * option — stderr names the path of the problem, e.g. `nodes.3.config.graceMs: …`; an empty board,
 * a board without a producer, `--events 0`), 3 the run was stopped by a budget or a loop (its
 * invariants are inconclusive; stderr gives the reason and how far it got).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseBoardText } from '../src/domain/parseBoard';
import type { Board } from '../src/domain/document';
import { EMPTY_FAULT_PLAN, parseFaultPlan, type FaultPlan } from '../src/domain/faultPlan';
import { INVARIANT_IDS, type InvariantId } from '../src/domain/invariants';
import { describeActions } from '../src/domain/temporalActions';
import { listScenarioIds, loadScenarioNode } from '../src/content/loadScenarioNode';
import { refuseRun, runSimulation, type SimResult } from '../src/sim';
import { runAttack, suggestRepairs, type AttackResult } from '../src/grading/attack';

interface Args {
  board: string;
  faults?: string;
  scenario?: string;
  seed: number;
  events: number;
  durationMs?: number;
  json: boolean;
  invariants?: InvariantId[];
  attack: boolean;
  repair: boolean;
  invariant?: InvariantId;
  tries?: number;
  eventsGiven: boolean;
}

class UsageError extends Error {}

const USAGE = [
  'usage: npm run simulate -- <board.json> [--faults <plan.json> | --scenario <id>] [--seed N] [--events N] [--duration MS] [--invariants id,id] [--json]',
  '       npm run simulate -- <board.json> --attack [--invariant ID] [--seed N] [--events N] [--tries N] [--json]',
  '       npm run simulate -- <board.json> --repair --faults <plan.json> [--invariant ID] [--seed N] [--events N] [--json]',
].join('\n');
/** The attack's default events per try (a search makes many runs; the shrinker may lower it). */
const ATTACK_EVENTS = 2_000;

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> & {
    seed: number;
    events: number;
    json: boolean;
    attack: boolean;
    repair: boolean;
    eventsGiven: boolean;
  } = {
    seed: 1,
    events: 10_000,
    json: false,
    attack: false,
    repair: false,
    eventsGiven: false,
  };
  const int = (flag: string, v: string | undefined, min: number): number => {
    if (v === undefined || !/^-?\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v)))
      throw new UsageError(
        `${flag}: expected a whole number ≥ ${min}, found ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
      );
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a}: expected a value`);
      return v;
    };
    if (a === '--json') out.json = true;
    else if (a === '--faults') out.faults = value();
    else if (a === '--scenario') out.scenario = value();
    else if (a === '--seed') out.seed = int('--seed', argv[++i], 0);
    else if (a === '--events') {
      out.events = int('--events', argv[++i], 0);
      out.eventsGiven = true;
    } else if (a === '--duration') out.durationMs = int('--duration', argv[++i], 1);
    else if (a === '--attack') out.attack = true;
    else if (a === '--repair') out.repair = true;
    else if (a === '--tries') out.tries = int('--tries', argv[++i], 1);
    else if (a === '--invariant') {
      const id = value();
      if (!(INVARIANT_IDS as readonly string[]).includes(id))
        throw new UsageError(`--invariant: unknown invariant "${id}"; known: ${INVARIANT_IDS.join(', ')}`);
      out.invariant = id as InvariantId;
    } else if (a === '--invariants') {
      const ids = value()
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = ids.find((x) => !(INVARIANT_IDS as readonly string[]).includes(x));
      if (bad)
        throw new UsageError(`--invariants: unknown invariant "${bad}"; known: ${INVARIANT_IDS.join(', ')}`);
      out.invariants = ids as InvariantId[];
    } else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else if (out.board === undefined) out.board = a;
    else throw new UsageError(`unexpected argument ${JSON.stringify(a)}\n${USAGE}`);
  }
  if (!out.board) throw new UsageError(USAGE);
  if (out.faults && out.scenario) throw new UsageError('give either --faults or --scenario, not both');
  if (out.attack && out.repair) throw new UsageError('give either --attack or --repair, not both');
  if (out.attack && (out.faults || out.scenario))
    throw new UsageError('--attack searches for its own fault plan: drop --faults / --scenario');
  if (out.repair && !out.faults)
    throw new UsageError('--repair needs the failing plan: --faults <plan.json>');
  return out as Args;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${what} ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

function loadPlan(args: Args): {
  plan: FaultPlan;
  invariants?: InvariantId[];
  durationMs?: number;
  totalsBudgetMs?: number;
} {
  if (args.scenario) {
    const r = loadScenarioNode(args.scenario);
    if (!r.ok) {
      if ('code' in r && r.code === 'not-found') {
        let known: string[] = [];
        try {
          known = listScenarioIds();
        } catch {
          /* no content folder */
        }
        throw new UsageError(
          `--scenario: no scenario "${args.scenario}"; known scenarios: ${known.join(', ') || '(none)'}`,
        );
      }
      throw new UsageError(`scenario ${args.scenario}: ${r.message}`);
    }
    const budget = r.scenario.totalsBudgetMs;
    return {
      plan: r.scenario.faultPlan,
      invariants: r.scenario.invariants,
      ...(r.scenario.durationMs !== undefined ? { durationMs: r.scenario.durationMs } : {}),
      ...(budget === undefined ? {} : { totalsBudgetMs: budget }),
    };
  }
  if (!args.faults) return { plan: EMPTY_FAULT_PLAN };
  const text = readText(args.faults, 'fault plan');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`fault plan ${args.faults}: not valid JSON (${(e as Error).message})`);
  }
  const r = parseFaultPlan(value);
  if (!r.ok) throw new UsageError(`fault plan ${args.faults}:\n${r.message}`);
  return { plan: r.plan };
}

function printTable(result: SimResult, durationMs: number): void {
  const lines: string[] = [];
  lines.push(
    `seed ${result.seed} · ${result.events.toLocaleString('en-US')} events · ${result.processedEvents.toLocaleString('en-US')} processed · ${(result.virtualMs / 1000).toFixed(1)} s virtual · ${durationMs} ms · trace ${result.traceHash}`,
  );
  if (result.stopped) lines.push(`STOPPED (${result.stopped.reason}): ${result.stopped.message}`);
  lines.push('', 'invariant                     result    count  summary');
  for (const inv of result.invariants) {
    const verdict = inv.inconclusive ? 'unknown' : inv.holds ? 'holds' : 'VIOLATED';
    lines.push(`${inv.id.padEnd(30)}${verdict.padEnd(10)}${String(inv.count).padStart(5)}  ${inv.summary}`);
    for (const ex of inv.examples.slice(0, 3)) lines.push(`${''.padEnd(47)}· ${ex.messageId}: ${ex.detail}`);
  }
  lines.push(
    '',
    `${'node'.padEnd(24)}${['in', 'out', 'dropped', 'dup', 'dlq', 'errors', 'crashes'].map((h) => h.padStart(9)).join('')}`,
  );
  for (const [id, st] of Object.entries(result.stats)) {
    lines.push(
      `${id.slice(0, 23).padEnd(24)}${[st.in, st.out, st.dropped, st.duplicates, st.deadLettered, st.errors, st.crashes].map((v) => String(v).padStart(9)).join('')}`,
    );
  }
  if (result.temporalActions) lines.push('', describeActions(result.temporalActions));
  console.log(lines.join('\n'));
}

/** The usual result object of a run, as `--json` prints it. */
function resultJson(result: SimResult, durationMs: number): Record<string, unknown> {
  const { seed, events, traceHash, processedEvents, virtualMs, stopped } = result;
  return {
    seed,
    events,
    traceHash,
    processedEvents,
    virtualMs,
    ...(stopped ? { stopped } : {}),
    invariants: result.invariants,
    stats: result.stats,
    ...(result.temporalActions ? { temporalActions: result.temporalActions } : {}),
    durationMs,
  };
}

/**
 * `--attack`: search the fair budget for a plan that breaks the board, shrink it, and print the run
 * of the shrunk plan (the usual result) plus `attack`. `--repair`: single edits that make the
 * invariant the plan breaks hold again.
 */
function attackOrRepair(args: Args, board: Board): number {
  const events = args.eventsGiven ? args.events : ATTACK_EVENTS;
  if (args.repair) {
    const { plan } = loadPlan(args);
    const started = performance.now();
    const r = suggestRepairs(board, { plan, seed: args.seed, events, invariant: args.invariant });
    const ms = Math.round(performance.now() - started);
    if (args.json) {
      console.log(
        JSON.stringify({
          repair: {
            invariant: r.invariant,
            seed: args.seed,
            events,
            candidates: r.candidates,
            runs: r.runs,
            durationMs: ms,
            suggestions: r.suggestions.map((x) => ({
              summary: x.summary,
              board: x.board,
              change: x.change,
              fairSample: x.fairSample,
              breaks: x.breaks,
            })),
          },
        }),
      );
    } else {
      const lines = [
        r.invariant
          ? `repairs for ${r.invariant} under the plan (seed ${args.seed}, ${events} events; ${r.candidates} single edits tried, ${r.runs} runs, ${ms} ms):`
          : 'the plan breaks no invariant on this board: nothing to repair',
      ];
      if (r.invariant && r.suggestions.length === 0) lines.push('  no single edit makes it hold');
      r.suggestions.forEach((x, i) =>
        lines.push(
          `  ${i + 1}. ${x.summary} — holds under the plan and ${x.fairSample.held}/${x.fairSample.of} fair-budget samples${x.breaks.length ? `; breaks ${x.breaks.join(', ')}` : ''}`,
        ),
      );
      console.log(lines.join('\n'));
    }
    return 0;
  }
  const attack = runAttack(board, {
    seed: args.seed,
    events,
    invariant: args.invariant,
    maxTries: args.tries,
  });
  const started = performance.now();
  const result = runSimulation(board, {
    seed: attack.seed,
    events: attack.events,
    faultPlan: attack.plan,
    ...(args.invariants ? { invariants: args.invariants } : {}),
  });
  const durationMs = Math.round(performance.now() - started);
  const summary = attackJson(attack);
  if (args.json) console.log(JSON.stringify({ ...resultJson(result, durationMs), attack: summary }));
  else {
    console.log(
      attack.found
        ? `BROKEN: ${attack.invariant} after ${attack.tries} tries (${attack.searchMs} ms, ${attack.shrinkRuns} shrink runs)\n${attack.question}\n${attack.summary ?? ''}\nplan (seed ${attack.seed}, ${attack.events} events): ${JSON.stringify(attack.plan)}\n`
        : `holds: no fair fault plan broke the board in ${attack.tries} tries (${attack.searchMs} ms)\n`,
    );
    printTable(result, durationMs);
  }
  return 0;
}

function attackJson(a: AttackResult) {
  return {
    found: a.found,
    invariant: a.invariant,
    plan: a.plan,
    seed: a.seed,
    events: a.events,
    tries: a.tries,
    searchMs: a.searchMs,
    shrinkRuns: a.shrinkRuns,
    question: a.question,
    summary: a.summary,
    unshrunk: a.unshrunk,
  };
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
    const parsed = parseBoardText(readText(args.board, 'board'), 'strict');
    if (!parsed.ok) throw new UsageError(`board ${args.board}: ${parsed.error.message}`);
    const refused = refuseRun(parsed.board, args.events);
    if (refused) throw new UsageError(`board ${args.board}: ${refused}`);
    if (args.attack || args.repair) return attackOrRepair(args, parsed.board);
    const loaded = loadPlan(args);
    const { plan, invariants, totalsBudgetMs } = loaded;
    const duration = args.durationMs ?? loaded.durationMs;
    const started = performance.now();
    const result = runSimulation(parsed.board, {
      seed: args.seed,
      events: args.events,
      faultPlan: plan,
      ...(duration !== undefined ? { durationMs: duration } : {}),
      ...((args.invariants ?? invariants) ? { invariants: args.invariants ?? invariants } : {}),
      ...(totalsBudgetMs === undefined ? {} : { totalsBudgetMs }),
    });
    const durationMs = Math.round(performance.now() - started);
    if (args.json) console.log(JSON.stringify(resultJson(result, durationMs)));
    else printTable(result, durationMs);
    if (result.stopped) {
      const st = result.stopped;
      console.error(
        `inconclusive: the run was stopped (${st.reason}) after ${st.itemsEmitted} of ${st.itemsTotal} items at ${st.virtualMs} ms: ${st.message}`,
      );
      return 3;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    console.error(`simulate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

process.exitCode = main();
