import type { Board } from '../domain/document';
import { errorMessage } from '../domain/ids';
import type { FaultPlan } from '../domain/faultPlan';
import { INVARIANT_DESCRIPTIONS, type InvariantId } from '../domain/invariants';
import { validateBoardForRun } from '../domain/parseBoard';
import type { Scenario } from '../domain/scenario';

/** The part of the simulation's result grading reads (src/sim `SimResult`). */
export interface SimInvariantLike {
  id: string;
  holds: boolean;
  count: number;
  summary: string;
  examples?: readonly unknown[];
}
export interface SimResultLike {
  invariants: readonly SimInvariantLike[];
  /** Set when a budget stopped the run (a loop in the design). */
  stopped?: { reason: string; message: string };
}
export interface SimRunOptions {
  seed: number;
  events: number;
  faultPlan: FaultPlan;
  /** The scenario's virtual duration (ms), when it sets one. */
  durationMs?: number;
  invariants?: InvariantId[];
  /** Re-run to collect the paths of violating messages (the user's runs only). */
  explain?: boolean;
  /** The round's budget for posting window totals (`totals-on-time`). */
  totalsBudgetMs?: number;
}
/** `runSimulation` from src/sim, or a stand-in in tests. */
export type SimRunner = (board: Board, opts: SimRunOptions) => SimResultLike;

/** The app's default: 3 seeds × 10,000 events. */
export const DEFAULT_SEEDS: readonly number[] = [1, 2, 3];
export const DEFAULT_EVENTS = 10_000;

/** One design's verdict on one invariant over all seeds. */
export interface InvariantColumn {
  holds: boolean;
  /** Violations summed over the seeds. */
  count: number;
  /** Seeds on which it was violated. */
  violatedSeeds: number[];
  /** The simulation's summary from the first violating seed (or the first seed when it held). */
  summary: string;
  examples: readonly unknown[];
}

/** One row of the side-by-side comparison. */
export interface BehaviouralRow {
  invariant: InvariantId;
  description: string;
  user: InvariantColumn;
  reference: InvariantColumn;
}

export type BehaviouralResult =
  | { ok: true; seeds: number[]; events: number; rows: BehaviouralRow[] }
  /** The user's board is not runnable: the validation issues, each with its path. */
  | { ok: false; reason: 'invalid-board'; message: string; issues: { path: string; message: string }[] }
  /** The simulation stopped (a budget, a bug): its message; the board is untouched. */
  | { ok: false; reason: 'sim-error'; message: string; design: 'user' | 'reference' };

export interface BehaviouralOptions {
  seeds?: readonly number[] | undefined;
  events?: number | undefined;
  run: SimRunner;
  /** Collect the paths of the user's violating messages (default true; costs a second run when something fails). */
  explain?: boolean | undefined;
  /** Called after each simulation run (2 per seed) — for a progress bar. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * The invariants that apply to a board (the engine's `getApplicableInvariants`). An invariant that
   * does not apply to the user's board counts as not kept — an empty board must not "hold" them all.
   */
  applies?: ((board: Board) => readonly InvariantId[]) | undefined;
}

/** Why an invariant cannot be observed on a board: what the design lacks. */
export const NOT_APPLICABLE: Record<InvariantId, string> = {
  'usage-billed-exactly-once': 'no producer emits usage, so there is nothing to bill',
  'no-event-lost': 'no producer emits usage, so there is nothing to keep',
  'no-double-charge': 'no producer emits invoices, so nothing is charged',
  'every-invoice-charged': 'no producer emits invoices, so nothing is charged',
  'ledger-balanced': 'the design needs both a ledger and a payment provider',
  'saga-atomic': 'no producer emits requests through activity steps',
  'webhook-applied-once': 'the design needs a payment provider wired to a webhook endpoint',
  'workflow-completes': 'the design has no workflow, so no workflow run can be checked',
  'no-duplicate-notification': 'the design has no notification',
  'pipeline-live': 'the design has no queue',
  'every-request-completed': 'no producer emits requests through activity steps',
  'totals-on-time': 'the design has no aggregator, so no window totals are posted',
  'discrepancy-detected': 'the design has no reconciler to flag what went wrong',
};

/** Reference runs are deterministic per scenario, seed and events count: computed once. */
const referenceCache = new WeakMap<object, Map<string, SimResultLike>>();

/**
 * Runs the user's board and the scenario's reference with the scenario's fault plan on the same
 * seeds and compares them invariant by invariant. Never throws: an invalid user board or a failed
 * run is reported as such.
 */
export function compareBehaviour(
  scenario: Scenario,
  userBoard: unknown,
  opts: BehaviouralOptions,
): BehaviouralResult {
  const seeds = [...(opts.seeds ?? DEFAULT_SEEDS)];
  const events = opts.events ?? DEFAULT_EVENTS;
  const valid = validateBoardForRun(userBoard);
  if (!valid.ok) {
    const issues =
      valid.error.code === 'invalid'
        ? valid.error.issues
        : [{ path: '(root)', message: valid.error.message }];
    return {
      ok: false,
      reason: 'invalid-board',
      message: `The design cannot run yet:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`,
      issues,
    };
  }
  const invariants = [...scenario.invariants];
  const runOpts = (seed: number): SimRunOptions => ({
    seed,
    events,
    faultPlan: scenario.faultPlan,
    ...(scenario.durationMs !== undefined ? { durationMs: scenario.durationMs } : {}),
    invariants,
    explain: opts.explain ?? true,
    ...budgetOf(scenario),
  });
  const total = seeds.length * 2;
  let done = 0;
  const user: SimResultLike[] = [];
  const ref: SimResultLike[] = [];
  for (const seed of seeds) {
    try {
      const r = opts.run(valid.board, runOpts(seed));
      if (r.stopped)
        return {
          ok: false,
          reason: 'sim-error',
          design: 'user',
          message: `simulation stopped on seed ${seed}: ${r.stopped.message}`,
        };
      user.push(r);
    } catch (e) {
      return {
        ok: false,
        reason: 'sim-error',
        design: 'user',
        message: `simulation stopped on seed ${seed}: ${errorMessage(e)}`,
      };
    }
    opts.onProgress?.(++done, total);
    try {
      ref.push(runReference(scenario, seed, events, opts.run));
    } catch (e) {
      return {
        ok: false,
        reason: 'sim-error',
        design: 'reference',
        message: `the reference design stopped on seed ${seed}: ${errorMessage(e)}`,
      };
    }
    opts.onProgress?.(++done, total);
  }
  const applicable = opts.applies ? new Set(opts.applies(valid.board)) : null;
  const rows = invariants.map((id): BehaviouralRow => ({
    invariant: id,
    description: INVARIANT_DESCRIPTIONS[id],
    user: applicable && !applicable.has(id) ? notApplicable(id, seeds) : column(id, seeds, user),
    reference: column(id, seeds, ref),
  }));
  return { ok: true, seeds, events, rows };
}

function runReference(scenario: Scenario, seed: number, events: number, run: SimRunner): SimResultLike {
  let perScenario = referenceCache.get(scenario);
  if (!perScenario) referenceCache.set(scenario, (perScenario = new Map<string, SimResultLike>()));
  // The runner is part of the key: tests pass stand-ins.
  const key = `${seed}:${events}:${runnerId(run)}`;
  let r = perScenario.get(key);
  if (!r) {
    r = run(scenario.reference, {
      seed,
      events,
      faultPlan: scenario.faultPlan,
      ...(scenario.durationMs !== undefined ? { durationMs: scenario.durationMs } : {}),
      invariants: [...scenario.invariants],
      explain: false,
      ...budgetOf(scenario),
    });
    if (r.stopped) throw new Error(r.stopped.message);
    perScenario.set(key, r);
  }
  return r;
}

/** The round's own run settings, passed to every run of it (user and reference alike). */
function budgetOf(scenario: Scenario): { totalsBudgetMs?: number } {
  return scenario.totalsBudgetMs === undefined ? {} : { totalsBudgetMs: scenario.totalsBudgetMs };
}

const runnerIds = new WeakMap<SimRunner, number>();
let nextRunnerId = 1;
function runnerId(run: SimRunner): number {
  let id = runnerIds.get(run);
  if (id === undefined) runnerIds.set(run, (id = nextRunnerId++));
  return id;
}

function notApplicable(id: InvariantId, seeds: number[]): InvariantColumn {
  return {
    holds: false,
    count: 0,
    violatedSeeds: [...seeds],
    summary: `Not kept: ${NOT_APPLICABLE[id]}.`,
    examples: [],
  };
}

/**
 * One design's column for an invariant. An invariant the simulation did not report (it does not apply
 * to the board's components, e.g. no payment provider at all) counts as violated with a summary that
 * says so: a design cannot keep a promise about something it lacks.
 */
function column(id: InvariantId, seeds: number[], results: SimResultLike[]): InvariantColumn {
  let count = 0;
  const violatedSeeds: number[] = [];
  let summary = '';
  let examples: readonly unknown[] = [];
  results.forEach((r, i) => {
    const inv = r.invariants.find((x) => x.id === id);
    const holds = inv?.holds ?? false;
    if (!holds) {
      violatedSeeds.push(seeds[i]!);
      count += inv ? inv.count : 0;
      if (violatedSeeds.length === 1) {
        summary =
          inv?.summary ?? 'not checked: the design has none of the components this invariant is about';
        examples = inv?.examples ?? [];
      }
    } else if (i === 0 && violatedSeeds.length === 0) summary = inv!.summary;
  });
  return { holds: violatedSeeds.length === 0, count, violatedSeeds, summary, examples };
}
