import type { FaultPlan } from '../domain/faultPlan';
import type { InvariantId } from '../domain/invariants';
import type { ActionKindName } from '../domain/temporalActions';

/** Options of one simulation run. */
export interface SimOptions {
  seed: number;
  /** Workload items the producers emit in total (split evenly between producers). */
  events: number;
  faultPlan: FaultPlan;
  /**
   * Virtual time the producers' items are spread over (ms): each producer emits its share evenly
   * across it, so a run can stand for an hour or a day of traffic. Absent = each producer's `ratePerSec`.
   */
  durationMs?: number;
  /** Invariants to report; absent = every invariant that applies to the board. */
  invariants?: InvariantId[];
  /** Stop after this many processed events (default 50 × events + 1,000,000). */
  maxEvents?: number;
  /** Stop when virtual time passes this (default: no limit; the run settles on its own). */
  maxVirtualMs?: number;
  /** timeline bucket count */
  timelineBuckets?: number;
  /** messages sampled for canvas animation */
  sampleLimit?: number;
  /** Re-run to collect the paths of violating messages (default true). Benchmarks turn it off. */
  explain?: boolean;
  /** totals-on-time: how long after a window ends its totals may reach the ledger (default 60 s). */
  totalsBudgetMs?: number;
}

export interface NodeStats {
  in: number;
  out: number;
  dropped: number;
  duplicates: number;
  deadLettered: number;
  errors: number;
  crashes: number;
  /** Workflows: the longest event history of any run, runs past the 10,240-event warning, runs
   * that continued as new, and runs stuck or terminated (docs/simulation.md, "Temporal"). */
  historyMax?: number;
  historyWarnings?: number;
  continuedAsNew?: number;
  stuckOrTerminated?: number;
  /** Workflows and Nexus endpoints: the Temporal Cloud Actions billed for them (see TemporalActions). */
  actions?: number;
}

/** The kinds of Temporal Cloud Actions the engine counts (docs/simulation.md, "Actions"). */
export type TemporalActionKind = ActionKindName;

/** What the run would bill on Temporal Cloud, by kind of Action. */
export interface TemporalActions {
  total: number;
  byKind: Record<TemporalActionKind, number>;
}

/** One hop of a message's path, with the faults that hit it there. */
/**
 * What a path step did, as a code (for tools and tests); `action` is the sentence a person reads.
 * Present on the steps that verdicts turn on; other steps have only their `action`.
 */
export type PathStepKind =
  'produced' | 'billed' | 'step-applied' | 'compensated' | 'lost-in-crash' | 'gave-up';

export interface PathStep {
  tMs: number;
  nodeId: string;
  edgeId?: string;
  action: string;
  faults: string[];
  kind?: PathStepKind;
}

export interface ViolationExample {
  /** `evt-12` (usage event), `inv-7` (invoice), `req-3` (request), `whk-7-v2` (webhook event), `poison-1`. */
  messageId: string;
  detail: string;
  path: PathStep[];
}

export interface InvariantResult {
  id: InvariantId;
  /**
   * True when the invariant was checked on a finished run and holds. A run stopped by a budget or a
   * loop checks nothing: `holds` is false and `inconclusive` is true — not violated, not proven.
   */
  holds: boolean;
  /** Present (true) when the run stopped before its end: the verdict is unknown. */
  inconclusive?: true;
  count: number;
  summary: string;
  examples: ViolationExample[];
}

export type HealthState = 'crashed' | 'up' | 'partitioned' | 'healed' | 'outage';

/** Why and where a run stopped before its end (a budget, or a loop). */
export interface StopInfo {
  reason: 'event-budget' | 'time-budget';
  message: string;
  loop?: string[];
  /** How far it got: items emitted of the total, and virtual time reached. */
  itemsEmitted: number;
  itemsTotal: number;
  virtualMs: number;
}

export interface SimResult {
  seed: number;
  events: number;
  traceHash: string;
  processedEvents: number;
  virtualMs: number;
  invariants: InvariantResult[];
  stats: Record<string, NodeStats>;
  /** Boards with a workflow or a Nexus endpoint: the Temporal Cloud Actions the run would bill. */
  temporalActions?: TemporalActions;
  stopped?: StopInfo;
  /**
   * Counters per time bucket (`timelineBuckets`, default 100, over the run): `throughput` = items
   * emitted, `late` = late deliveries and late events, `duplicates` = duplicate deliveries injected,
   * `errors` = failed deliveries (partition, outage, timeout, rejections, give-ups).
   */
  timeline: { tMs: number; throughput: number; late: number; duplicates: number; errors: number }[];
  /** a bounded sample of message hops, for animation */
  samples: { tMs: number; edgeId: string; messageId: string }[];
  /** Crashes and restarts as they happened, and the plan's outage / partition windows, in time order. */
  health: { tMs: number; nodeId?: string; edgeId?: string; state: HealthState }[];
}
