/**
 * The simulation CLI (docs/formats.md, "The CLI"):
 *   npm run simulate -- <board.json> [--faults <plan.json> | --scenario <id>] [--seed N] [--events N]
 *                       [--duration MS] [--invariants a,b] [--json]
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
import { EMPTY_FAULT_PLAN, parseFaultPlan, type FaultPlan } from '../src/domain/faultPlan';
import { INVARIANT_IDS, type InvariantId } from '../src/domain/invariants';
import { listScenarioIds, loadScenarioNode } from '../src/content/loadScenarioNode';
import { refuseRun, runSimulation, type SimResult } from '../src/sim';

interface Args {
  board: string;
  faults?: string;
  scenario?: string;
  seed: number;
  events: number;
  durationMs?: number;
  json: boolean;
  invariants?: InvariantId[];
}

class UsageError extends Error {}

const USAGE =
  'usage: npm run simulate -- <board.json> [--faults <plan.json> | --scenario <id>] [--seed N] [--events N] [--duration MS] [--invariants id,id] [--json]';

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> & { seed: number; events: number; json: boolean } = {
    seed: 1,
    events: 10_000,
    json: false,
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
    else if (a === '--events') out.events = int('--events', argv[++i], 0);
    else if (a === '--duration') out.durationMs = int('--duration', argv[++i], 1);
    else if (a === '--invariants') {
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
  console.log(lines.join('\n'));
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
    const parsed = parseBoardText(readText(args.board, 'board'), 'strict');
    if (!parsed.ok) throw new UsageError(`board ${args.board}: ${parsed.error.message}`);
    const refused = refuseRun(parsed.board, args.events);
    if (refused) throw new UsageError(`board ${args.board}: ${refused}`);
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
    if (args.json) {
      const { seed, events, traceHash, processedEvents, virtualMs, stopped } = result;
      console.log(
        JSON.stringify({
          seed,
          events,
          traceHash,
          processedEvents,
          virtualMs,
          ...(stopped ? { stopped } : {}),
          invariants: result.invariants,
          stats: result.stats,
          durationMs,
        }),
      );
    } else printTable(result, durationMs);
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
