import type { Board } from '../domain/document';
import { Sim } from './engine/sim';
import { setupSim } from './engine/setup';
import { advance } from './engine/loop';
import { traceIds } from './engine/trace';
import { collectHealth, collectStats, collectTimeline } from './engine/results';
import { collectActions } from './behaviours/temporal/actions';
import { checkInvariants, getApplicableInvariants } from './invariants';
import type { Verdict } from './invariants/types';
import type { InvariantResult, PathStep, SimOptions, SimResult, StopInfo } from './types';

export type {
  SimOptions,
  SimResult,
  NodeStats,
  InvariantResult,
  ViolationExample,
  PathStep,
  PathStepKind,
  HealthState,
  StopInfo,
} from './types';

/**
 * Why a run would prove nothing, or null when it can run: no events, an empty board, no producer.
 * Entry points (the CLI, the worker) refuse such a run with this message instead of vacuous verdicts.
 */
export function refuseRun(board: Board, events: number): string | null {
  if (board.nodes.length === 0)
    return 'the board is empty: draw a producer and what it feeds before running it';
  if (!board.nodes.some((n) => n.kind === 'producer'))
    return 'the board has no producer: nothing would flow, so every invariant would hold vacuously — add a producer';
  if (!(events >= 1))
    return 'a run needs at least 1 event (events was 0): with nothing produced, every invariant would hold vacuously';
  return null;
}
export { getApplicableInvariants } from './invariants';
export { nodeHealthMachine } from './machines/nodeHealthMachine';
export { faultScheduleMachine, getFaultWindows, getActiveFaults } from './machines/faultScheduleMachine';

/** Events processed between progress reports (and between cancel checks in the worker). */
const CHUNK = 65_536;

/** A run that can be advanced in chunks (the worker interleaves chunks with cancel messages). */
export interface SimulationRun {
  /** Processes up to `maxEvents` events; true when the run is over. */
  advance(maxEvents: number): boolean;
  /** Items emitted so far and in total. */
  progress(): { done: number; total: number };
  /** Checks the invariants (and re-runs once to explain violations) — call when `advance` returned true. */
  result(): SimResult;
}

/**
 * Builds a run of `board` under `options`. The board must be strictly valid (callers validate
 * with `validateBoardForRun`); the run is deterministic in (board, fault plan, seed, events).
 */
export function createSimulation(board: Board, options: SimOptions): SimulationRun {
  const s = new Sim(board, options);
  setupSim(s);
  return wrap(board, options, s);
}

/**
 * The same run again, recording every hop of the messages `ids` (the examples of a result made with
 * `explain: false`): the run is deterministic in (board, fault plan, seed, events), so this one pass
 * reproduces exactly what happened to them. Its result is that run's, with the examples' paths and the
 * summaries that say where a message went wrong — what `explain: true` gives, without its first pass.
 * The app posts the verdicts first and makes this pass only when Explain is opened.
 */
export function createTracingSimulation(
  board: Board,
  options: SimOptions,
  ids: Iterable<string>,
): SimulationRun {
  const s = new Sim(board, options);
  traceIds(s, ids);
  setupSim(s);
  return wrap(board, options, s);
}

function wrap(board: Board, options: SimOptions, s: Sim): SimulationRun {
  return {
    advance: (n) => advance(s, n),
    progress: () => ({ done: s.items.count, total: s.items.capacity }),
    result: () => finish(board, options, s),
  };
}

/**
 * Runs the simulation to the end and checks the invariants.
 * @example runSimulation(board, { seed: 1, events: 10_000, faultPlan: { faults: [] } }).traceHash
 */
export function runSimulation(
  board: Board,
  options: SimOptions,
  onProgress?: (done: number, total: number) => void,
): SimResult {
  const run = createSimulation(board, options);
  while (!run.advance(CHUNK)) {
    const p = run.progress();
    onProgress?.(p.done, p.total);
  }
  const p = run.progress();
  onProgress?.(p.done, p.total);
  return run.result();
}

/** A stopped run proves nothing either way: every invariant is inconclusive, with how far the run got. */
function inconclusive(ids: readonly InvariantResult['id'][], stop: StopInfo): InvariantResult[] {
  const far = `the run stopped at ${(stop.virtualMs / 1000).toFixed(1)} s of virtual time, after ${stop.itemsEmitted.toLocaleString('en-US')} of ${stop.itemsTotal.toLocaleString('en-US')} items`;
  return ids.map((id) => ({
    id,
    holds: false,
    inconclusive: true,
    count: 0,
    summary: `Inconclusive: ${far}. ${stop.message}`,
    examples: [],
  }));
}

function finish(board: Board, options: SimOptions, s: Sim): SimResult {
  const ids = options.invariants ?? getApplicableInvariants(board);
  const verdicts = s.stopped ? [] : checkInvariants(s, ids);
  // A tracing run has recorded its own paths; otherwise a second pass traces the examples.
  const paths = s.tracing ? s.paths : explain(board, options, verdicts);
  const invariants: InvariantResult[] = s.stopped
    ? inconclusive(ids, s.stopped)
    : verdicts.map((v) => ({
        id: v.id,
        holds: v.holds,
        count: v.count,
        summary: v.summarize(paths),
        examples: v.examples.map((e) => ({
          messageId: e.messageId,
          detail: e.detail,
          path: paths.get(e.messageId) ?? [],
        })),
      }));
  const stats = collectStats(s);
  const actions = collectActions(s, stats);
  return {
    seed: options.seed,
    events: s.items.capacity,
    traceHash: s.hash.hex(),
    processedEvents: s.processed,
    virtualMs: s.now,
    invariants,
    stats,
    ...(actions ? { temporalActions: actions } : {}),
    ...(s.stopped ? { stopped: s.stopped } : {}),
    timeline: collectTimeline(s, options.timelineBuckets ?? 100),
    samples: s.samples,
    health: collectHealth(s),
  };
}

/**
 * The paths of the example messages: the run is deterministic, so a second pass with the same seed
 * that records every hop of just these ids reproduces exactly what happened to them.
 */
function explain(board: Board, options: SimOptions, verdicts: Verdict[]): Map<string, PathStep[]> {
  const ids = new Set(verdicts.flatMap((v) => v.examples.map((e) => e.messageId)));
  if (ids.size === 0 || options.explain === false) return new Map();
  return explainRun(board, options, ids).paths;
}

/**
 * The explain pass: the same run again, recording every hop of the messages `ids`. Its trace hash
 * is the first run's (tests/sim/determinism.test.ts holds it to that): what it records is what
 * happened, not a different run.
 */
export function explainRun(
  board: Board,
  options: SimOptions,
  ids: ReadonlySet<string>,
): { paths: Map<string, PathStep[]>; traceHash: string } {
  const s = new Sim(board, options);
  traceIds(s, ids);
  setupSim(s);
  while (!advance(s, CHUNK));
  return { paths: s.paths, traceHash: s.hash.hex() };
}
