import type { Board } from '../../domain/document';
import type { Fault, FaultPlan } from '../../domain/faultPlan';
import { FAULT_KINDS } from '../../domain/faultKinds';
import type { InvariantId } from '../../domain/invariants';
import type { ViolationExample } from '../../sim';
import { getApplicableInvariants } from '../../sim';
import { Prng } from '../../sim/core/prng';
import { checkFairness, FAIR_BUDGET, maxFairWindowMs, runLengthMs } from './budget';
import { singleFaultCandidates, type Candidate } from './candidates';
import { describePlanQuestion } from './question';
import { explainRun, probe, type Probe, type Violation } from './runner';
import { shrinkSteps } from './shrink';

export interface AttackProgress {
  phase: 'search' | 'shrink';
  /** Runs made in this phase so far, and the phase's budget. */
  tries: number;
  maxTries: number;
}

export interface AttackOptions {
  /** Seeds the search's choices and is the simulation seed of every try (default 1). */
  seed?: number | undefined;
  /** Events per try (default 2,000; the shrinker may lower it). */
  events?: number | undefined;
  /** Only this invariant (default: every invariant that applies to the board). */
  invariant?: InvariantId | undefined;
  /** Only these invariants, e.g. a round's (ignored when `invariant` is given); those that do not apply are skipped. */
  invariants?: readonly InvariantId[] | undefined;
  /** Runs the search may make before it gives up (default 200). */
  maxTries?: number | undefined;
  /** Shrink a counterexample (default true). */
  shrink?: boolean | undefined;
  /** Runs the shrinker may make (default 80). */
  maxShrinkRuns?: number | undefined;
  /** Collect the violation's summary and message path at the end (default true). */
  explain?: boolean | undefined;
}

export interface AttackResult {
  found: boolean;
  invariant: InvariantId | null;
  /** A fair fault plan that violates `invariant` with `seed` and `events` (empty when none was found). */
  plan: FaultPlan;
  seed: number;
  events: number;
  /** Runs the search made up to (and including) the one that broke the board. */
  tries: number;
  /** Wall-clock time of search and shrink. */
  searchMs: number;
  /** Runs the shrinker made. */
  shrinkRuns: number;
  /** The plan as the search found it, before shrinking. */
  unshrunk: FaultPlan | null;
  /** The interviewer's question: "What happens if seen-ids crashes right after it forwards, at 5.0 s?" */
  question: string | null;
  /** The invariant's summary under the shrunk plan, and one violating message with its path. */
  summary: string | null;
  example: ViolationExample | null;
  cancelled: boolean;
}

/** Singles tried before combinations start, and singles between two combinations after that. */
const SINGLES_FIRST = 12;
const SINGLES_PER_COMBO = 3;

const DEFAULTS = { seed: 1, events: 2_000, maxTries: 200, maxShrinkRuns: 80 };

/** The invariants a search watches. */
function watched(board: Board, options: AttackOptions): InvariantId[] {
  const all = getApplicableInvariants(board);
  if (options.invariant) return [options.invariant];
  return options.invariants ? all.filter((id) => options.invariants!.includes(id)) : all;
}

/**
 * The guided search's plans, in order: every single-fault candidate (targets on
 * the sink paths first); then seeded random pairs and triples of the best candidates that stay
 * inside the fair budget.
 */
export function* guidedPlans(
  board: Board,
  invariants: readonly InvariantId[],
  events: number,
  seed: number,
): Generator<{ plan: FaultPlan; aim?: InvariantId }> {
  const singles = singleFaultCandidates(board, invariants, events);
  if (singles.length === 0) return;
  const rng = new Prng(seed ^ 0x5eed);
  // Rank-weighted picks: candidate i is drawn with weight 1/(i+4), so the best dozen dominate.
  const weights = singles.map((_, i) => 1 / (i + 4));
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = (): Candidate => {
    let x = rng.next() * total;
    for (let i = 0; i < singles.length; i++) {
      x -= weights[i]!;
      if (x <= 0) return singles[i]!;
    }
    return singles[singles.length - 1]!;
  };
  const combo = (): { plan: FaultPlan; aim: InvariantId } | null => {
    for (let guard = 0; guard < 1000; guard++) {
      const n = 2 + rng.int(FAIR_BUDGET.maxFaults - 1);
      const cs: Candidate[] = [pick()];
      for (let k = 1; k < n; k++) {
        // Half the time, pile a second fault on the same target: concentrated attacks break more.
        const same = singles.filter((s) => s.fault.target === cs[0]!.fault.target && !cs.includes(s));
        const c = same.length > 0 && rng.next() < 0.5 ? same[rng.int(Math.min(same.length, 8))]! : pick();
        if (!cs.includes(c)) cs.push(c);
      }
      if (cs.length < 2) continue;
      const plan = { faults: cs.map((c) => c.fault) };
      if (checkFairness(board, plan, events).length === 0) return { plan, aim: cs[0]!.aim };
    }
    return null;
  };
  // The strongest singles alone first; then one combination after every few singles (some designs
  // only break under two faults at once); then combinations only.
  for (let i = 0; i < singles.length; i++) {
    const c = singles[i]!;
    yield { plan: { faults: [c.fault] }, aim: c.aim };
    if (i >= SINGLES_FIRST && i % SINGLES_PER_COMBO === 0) {
      const m = combo();
      if (m) yield m;
    }
  }
  for (let guard = 0; guard < 100_000; guard++) {
    const m = combo();
    if (m) yield m;
  }
}

/** Naive random search: 1–3 faults of uniformly random kinds, targets and parameters inside the fair budget. */
export function* randomPlans(board: Board, events: number, seed: number): Generator<{ plan: FaultPlan }> {
  const rng = new Prng(seed ^ 0xbad5eed);
  const runMs = Math.max(1000, runLengthMs(board, events));
  const targets = ['*', ...board.nodes.map((n) => n.id), ...board.edges.map((e) => e.id)];
  const B = FAIR_BUDGET;
  const uniform = (lo: number, hi: number) => lo + rng.next() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(uniform(lo, hi + 1));
  const rate = (max: number) => Math.max(0.001, Math.round(uniform(0, max) * 1000) / 1000);
  const windowed = (): { fromMs: number; toMs?: number } => {
    if (rng.next() < 0.5) return { fromMs: 0 };
    const from = int(0, runMs);
    return { fromMs: from, toMs: from + int(1, runMs) };
  };
  const one = (): Fault | null => {
    const kind = FAULT_KINDS[rng.int(FAULT_KINDS.length)]!;
    const target = targets[rng.int(targets.length)]!;
    switch (kind) {
      case 'deploy':
        return null; // not in the fair budget
      case 'duplicate':
      case 'timeout':
      case 'poison':
        return { kind, target, ...windowed(), rate: rate(B.maxRate[kind]) };
      case 'late':
        return { kind, target, ...windowed(), rate: rate(B.maxRate.late), delayMs: int(1, B.maxDelayMs) };
      case 'reorder':
        return { kind, target, ...windowed(), rate: rate(B.maxRate.reorder), windowMs: int(1, B.maxDelayMs) };
      case 'crash':
        return {
          kind,
          target,
          atMs: int(0, runMs),
          downMs: int(1, B.maxDownMs),
          point: rng.next() < 0.5 ? 'any' : 'after-side-effect',
        };
      case 'clock-skew':
        return { kind, target, ...windowed(), skewMs: int(-B.maxSkewMs, B.maxSkewMs) };
      case 'outage':
      case 'partition': {
        if (kind === 'outage' && rng.next() < 0.5)
          return { kind, target, ...windowed(), rate: rate(B.maxFlakyOutageRate) };
        const max = maxFairWindowMs(board, target);
        if (max <= 0) return null;
        const from = int(0, runMs);
        return kind === 'outage'
          ? { kind, target, fromMs: from, toMs: from + int(1, max), rate: 1 }
          : { kind, target, fromMs: from, toMs: from + int(1, max) };
      }
    }
  };
  for (let guard = 0; guard < 1_000_000; guard++) {
    const n = 1 + rng.int(B.maxFaults);
    const faults: Fault[] = [];
    for (let k = 0; k < n; k++) {
      const f = one();
      if (f) faults.push(f);
    }
    if (faults.length === 0) continue;
    const plan = { faults };
    if (checkFairness(board, plan, events).length) continue;
    yield { plan };
  }
}

/**
 * The attack as steps: each `next()` makes one run and yields progress, so that a worker can
 * interleave cancel messages; the generator's return value is the result. Deterministic in
 * (board, options): wall-clock time is only measured, never consulted.
 */
export function* attackSteps(
  board: Board,
  options: AttackOptions = {},
  strategy: 'guided' | 'random' = 'guided',
): Generator<AttackProgress, AttackResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULTS.seed;
  const events = options.events ?? DEFAULTS.events;
  const maxTries = options.maxTries ?? DEFAULTS.maxTries;
  const watch = watched(board, options);
  const empty = (tries: number): AttackResult => ({
    found: false,
    invariant: null,
    plan: { faults: [] },
    seed,
    events,
    tries,
    searchMs: Math.round(performance.now() - started),
    shrinkRuns: 0,
    unshrunk: null,
    question: null,
    summary: null,
    example: null,
    cancelled: false,
  });
  if (watch.length === 0) return empty(0);
  const plans =
    strategy === 'guided' ? guidedPlans(board, watch, events, seed) : randomPlans(board, events, seed);
  let tries = 0;
  let hit: { plan: FaultPlan; violation: Violation } | null = null;
  for (const { plan, aim } of plans as Iterable<{ plan: FaultPlan; aim?: InvariantId }>) {
    if (tries >= maxTries) break;
    tries++;
    const v = probe(board, { plan, seed, events }, watch, aim);
    yield { phase: 'search', tries, maxTries };
    if (v) {
      hit = { plan, violation: v };
      break;
    }
  }
  if (!hit) return empty(tries);
  const invariant = hit.violation.invariant;
  let best: Probe = { plan: hit.plan, seed, events };
  let shrinkRuns = 0;
  if (options.shrink !== false) {
    const shrinking = shrinkSteps(board, best, invariant, options.maxShrinkRuns ?? DEFAULTS.maxShrinkRuns);
    for (;;) {
      const step = shrinking.next();
      if (step.done) {
        best = step.value.probe;
        shrinkRuns = step.value.runs;
        break;
      }
      yield { phase: 'shrink', tries: step.value.runs, maxTries: step.value.maxRuns };
    }
  }
  const explained = options.explain === false ? null : explainRun(board, best, invariant);
  return {
    found: true,
    invariant,
    plan: best.plan,
    seed: best.seed,
    events: best.events,
    tries,
    searchMs: Math.round(performance.now() - started),
    shrinkRuns,
    unshrunk: hit.plan,
    question: describePlanQuestion(board, best.plan),
    summary: explained?.summary ?? hit.violation.result.summary,
    example: explained?.examples[0] ?? null,
    cancelled: false,
  };
}

/** Runs the attack to the end (CLI, tests). `onProgress` is called after every run. */
export function runAttack(
  board: Board,
  options: AttackOptions = {},
  onProgress?: (p: AttackProgress) => void,
  strategy: 'guided' | 'random' = 'guided',
): AttackResult {
  const it = attackSteps(board, options, strategy);
  for (;;) {
    const s = it.next();
    if (s.done) return s.value;
    onProgress?.(s.value);
  }
}
