import type { Board } from '../domain/document';
import { isPlainRecord } from '../domain/ids';
import type { InvariantId } from '../domain/invariants';
import type { KeyPoint, Scenario, StructuralCheck } from '../domain/scenario';
import {
  compareBehaviour,
  DEFAULT_EVENTS,
  DEFAULT_SEEDS,
  type BehaviouralResult,
  type SimRunner,
} from './behavioural';
import { appliesWithEngine, runWithEngine } from './simRunner';
import { HINT_COST, MAX_HINT_PENALTY } from './hintCost';
import { evaluateStructure, type StructuralGap } from './structural';

/** How much each part weighs in the 100-point score; a part with nothing to grade gives its weight to the others. */
export const SCORE_WEIGHTS = { invariants: 50, structure: 35, talkingPoints: 15 } as const;
export { HINT_COST, MAX_HINT_PENALTY } from './hintCost';

/** Which invariant a role protects when its key point does not name one (first one the scenario lists wins). */
export const ROLE_INVARIANTS: Record<StructuralCheck['role'], readonly InvariantId[]> = {
  'dedup-between': [
    'usage-billed-exactly-once',
    'no-double-charge',
    'webhook-applied-once',
    'no-duplicate-notification',
  ],
  'idempotent-payment-call': ['no-double-charge', 'ledger-balanced'],
  'compensation-for': ['saga-atomic'],
  'only-fed-by': ['saga-atomic'],
  through: [],
  'has-kind': [],
  config: [],
  wired: [],
  path: [],
  'fed-by': [],
};

export interface ScorePart {
  /** Points earned out of `max` (rounded to one decimal). */
  earned: number;
  max: number;
  /** e.g. "3 of 4 invariants kept". */
  detail: string;
}

export interface ScoreBreakdown {
  invariants: ScorePart;
  structure: ScorePart;
  talkingPoints: ScorePart;
  /** Points taken for hints (≥ 0). */
  hintPenalty: number;
}

/** A structural gap, with the invariant it is linked to and whether the user's run broke that invariant. */
export interface GradedGap extends StructuralGap {
  /** true when the behavioural run showed the linked invariant violated; undefined when unknown. */
  broken?: boolean;
}

export type KeyPointStatus = 'met' | 'missed' | 'unknown';

export interface KeyPointResult {
  id: string;
  text: string;
  type: 'check' | 'invariant' | 'talking-point';
  status: KeyPointStatus;
  invariant?: InvariantId;
  /** Why it was missed, when it was. */
  detail?: string;
}

export interface GradeResult {
  scenarioId: string;
  /** 0–100. */
  score: number;
  breakdown: ScoreBreakdown;
  gaps: GradedGap[];
  behavioural: BehaviouralResult | { ok: false; reason: 'skipped'; message: string };
  keyPoints: KeyPointResult[];
  /** Key points not met (checks failed, invariants broken, talking points not ticked). */
  missed: KeyPointResult[];
}

export interface GradeOptions {
  seeds?: number[] | undefined;
  events?: number | undefined;
  tickedTalkingPoints?: string[] | undefined;
  hintsUsed?: number | undefined;
  /** The simulation (default: the engine in src/sim). `false` skips the behavioural part; the score rests on the rest. */
  run?: SimRunner | false;
  /** Collect violation paths for the user's runs (default true). */
  explain?: boolean | undefined;
  /**
   * Which invariants a board can be judged on (default: the engine's `getApplicableInvariants`); one
   * that does not apply to the user's board counts as not kept. `false` trusts the runner's verdicts.
   */
  applies?: ((board: Board) => readonly InvariantId[]) | false;
  onProgress?: (done: number, total: number) => void;
  /** A comparison already run on this board (re-scoring after the self-assessment ticks): reused, not run again. */
  behaviour?: GradeResult['behavioural'] | undefined;
}

/**
 * Grades an attempt: structural roles, behaviour under the scenario's fault plan (user vs reference,
 * same seeds), talking points ticked, hints used. The reference graded against itself scores 100
 * when every talking point is ticked and no hint was used.
 */
export function gradeAttempt(scenario: Scenario, userBoard: unknown, opts: GradeOptions = {}): GradeResult {
  const structure = safeStructure(scenario, userBoard);
  const run = opts.run === undefined ? runWithEngine : opts.run;
  const behavioural: GradeResult['behavioural'] = opts.behaviour
    ? opts.behaviour
    : run
      ? compareBehaviour(scenario, userBoard, {
          seeds: opts.seeds ?? DEFAULT_SEEDS,
          events: opts.events ?? DEFAULT_EVENTS,
          run,
          explain: opts.explain,
          onProgress: opts.onProgress,
          applies: opts.applies === undefined ? appliesWithEngine : opts.applies || undefined,
        })
      : { ok: false, reason: 'skipped', message: 'the simulation was not run' };

  const userHolds = new Map<InvariantId, boolean>();
  const refHolds = new Map<InvariantId, boolean>();
  if (behavioural.ok) {
    for (const row of behavioural.rows) {
      userHolds.set(row.invariant, row.user.holds);
      refHolds.set(row.invariant, row.reference.holds);
    }
  } else if (behavioural.reason === 'invalid-board') {
    for (const id of scenario.invariants) userHolds.set(id, false);
  }

  const gaps: GradedGap[] = structure.gaps.map((g) => {
    const kp = scenario.keyPoints.find((k) => k.id === g.keyPointId)!;
    const invariant = linkedInvariant(scenario, kp);
    const out: GradedGap = { ...g };
    if (invariant) {
      out.invariant = invariant;
      if (userHolds.has(invariant)) out.broken = !userHolds.get(invariant);
    }
    return out;
  });

  const ticked = new Set(opts.tickedTalkingPoints ?? []);
  const failedChecks = new Map(structure.gaps.map((g) => [g.keyPointId, g.message]));
  const keyPoints = scenario.keyPoints.map((kp): KeyPointResult =>
    keyPointResult(kp, failedChecks, userHolds, ticked),
  );

  // Invariants: only those the reference keeps count (if the reference fails one, the user is not blamed).
  const graded = scenario.invariants.filter((id) => refHolds.get(id) !== false);
  const kept = graded.filter((id) => userHolds.get(id) === true).length;
  const haveBehaviour = behavioural.ok || behavioural.reason === 'invalid-board';
  const talking = scenario.keyPoints.filter((k) => k.talkingPoint);
  const tickedCount = talking.filter((k) => ticked.has(k.id)).length;

  const parts = {
    invariants: {
      ratio: haveBehaviour && graded.length > 0 ? kept / graded.length : null,
      detail: haveBehaviour ? `${kept} of ${graded.length} invariants kept` : 'not run',
    },
    structure: {
      ratio: structure.total > 0 ? structure.passed / structure.total : null,
      detail: `${structure.passed} of ${structure.total} roles present`,
    },
    talkingPoints: {
      ratio: talking.length > 0 ? tickedCount / talking.length : null,
      detail: `${tickedCount} of ${talking.length} talking points ticked`,
    },
  };
  const activeWeight = (Object.keys(parts) as (keyof typeof parts)[]).reduce(
    (s, k) => s + (parts[k].ratio === null ? 0 : SCORE_WEIGHTS[k]),
    0,
  );
  const scale = activeWeight > 0 ? 100 / activeWeight : 0;
  const part = (k: keyof typeof parts): ScorePart => {
    const max = parts[k].ratio === null ? 0 : SCORE_WEIGHTS[k] * scale;
    return { earned: round1(max * (parts[k].ratio ?? 0)), max: round1(max), detail: parts[k].detail };
  };
  const hintPenalty = Math.min(MAX_HINT_PENALTY, Math.max(0, Math.floor(opts.hintsUsed ?? 0)) * HINT_COST);
  const breakdown: ScoreBreakdown = {
    invariants: part('invariants'),
    structure: part('structure'),
    talkingPoints: part('talkingPoints'),
    hintPenalty,
  };
  const raw = (Object.keys(parts) as (keyof typeof parts)[]).reduce(
    (s, k) => s + SCORE_WEIGHTS[k] * scale * (parts[k].ratio ?? 0),
    0,
  );
  const score = Math.max(0, Math.min(100, Math.round(raw - hintPenalty)));

  return {
    scenarioId: scenario.id,
    score,
    breakdown,
    gaps,
    behavioural,
    keyPoints,
    missed: keyPoints.filter((k) => k.status === 'missed'),
  };
}

/** The invariant a key point protects: its own, else the first the scenario lists among its role's. */
export function linkedInvariant(
  scenario: Pick<Scenario, 'invariants'>,
  kp: KeyPoint,
): InvariantId | undefined {
  if (kp.invariant) return kp.invariant;
  if (!kp.check) return undefined;
  return ROLE_INVARIANTS[kp.check.role].find((id) => scenario.invariants.includes(id));
}

function keyPointResult(
  kp: KeyPoint,
  failedChecks: Map<string, string>,
  userHolds: Map<InvariantId, boolean>,
  ticked: Set<string>,
): KeyPointResult {
  const base = { id: kp.id, text: kp.text, ...(kp.invariant ? { invariant: kp.invariant } : {}) };
  if (kp.talkingPoint)
    return {
      ...base,
      type: 'talking-point',
      status: ticked.has(kp.id) ? 'met' : 'missed',
      ...(ticked.has(kp.id) ? {} : { detail: 'not ticked' }),
    };
  if (kp.check) {
    const msg = failedChecks.get(kp.id);
    return msg === undefined
      ? { ...base, type: 'check', status: 'met' }
      : { ...base, type: 'check', status: 'missed', detail: msg };
  }
  const holds = kp.invariant ? userHolds.get(kp.invariant) : undefined;
  if (holds === undefined) return { ...base, type: 'invariant', status: 'unknown' };
  return holds
    ? { ...base, type: 'invariant', status: 'met' }
    : { ...base, type: 'invariant', status: 'missed', detail: `${kp.invariant} was violated` };
}

/** Structural checks on a board that may be malformed: a board without lists has every role missing. */
function safeStructure(scenario: Scenario, board: unknown) {
  if (!isPlainRecord(board) || !Array.isArray(board.nodes) || !Array.isArray(board.edges ?? [])) {
    return evaluateStructure(scenario, {
      format: 'faultline/design',
      version: 1,
      title: '',
      nodes: [],
      edges: [],
    });
  }
  const nodes = (board.nodes as unknown[])
    .filter((n): n is Record<string, unknown> => isPlainRecord(n) && typeof n.id === 'string')
    .map((n) => ({ ...n, config: typeof n.config === 'object' && n.config !== null ? n.config : {} }));
  // Structure reads ids, kinds, configs and edge ends; anything else malformed just matches no role.
  return evaluateStructure(scenario, { ...board, edges: board.edges ?? [], nodes } as unknown as Board);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
