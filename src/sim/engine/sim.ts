import type { Board } from '../../domain/document';
import { EventQueue } from '../core/heap';
import { Prng } from '../core/prng';
import { TraceHash } from '../core/traceHash';
import type { HealthState, PathStep, SimOptions, StopInfo } from '../types';
import { type EventType, K, LATE_WORK, NON_WORK } from './constants';
import { compileFaults, FaultClock, type CompiledFaults } from './faults';
import { GuardFrames } from './guardFrames';
import { NodeHealth } from './health';
import { HookEvents, Items, Messages, Records, WindowStore } from './store';
import { JudgeTables } from './judge';
import { createNodeStates, type NodeStates } from './nodeState';
import { cfg, compileTopology, type Topology } from './topology';

/** Per-item outcome counters that the invariants read (ground truth vs what the design did). */
export class Outcomes {
  /** usage: times each event's quantity reached a billed total (ledger posting or correction). */
  billed: Int32Array;
  /** usage: times each event sits in a correction log / a dead-letter queue. */
  corrected: Int32Array;
  deadLettered: Int32Array;
  /** invoices: charges at the provider, amounts charged and amounts the ledger recorded. */
  charges: Int32Array;
  providerAmount: Float64Array;
  ledgerAmount: Float64Array;
  /** per tenant: produced and billed quantity. */
  producedByTenant: Float64Array;
  billedByTenant: Float64Array;
  /** ledger legs: every posting writes a debit and a credit. */
  debits = 0;
  credits = 0;
  /** usage: archived in an object store (a set: an event id is stored once). */
  archived: Uint8Array;
  /** invoices: the provider's state — 0 unknown, 1 created, 2 paid — and its event version. */
  providerStatus: Int32Array;
  providerVersion: Int32Array;
  /** invoices: the provider's latest event (a refetch applies that version). */
  providerHook: Int32Array;
  /** requests: which node orchestrated each (-1 none); step applications and compensations per activity. */
  orchestrator: Int32Array;
  stepApplied: Int32Array = new Int32Array(0);
  stepCompensated: Int32Array = new Int32Array(0);
  activities = 0;
  /** malformed messages that reached a dead-letter queue. */
  poisonDeadLettered = 0;
  /**
   * usage: what each event's invoice said at the cut-off (after the aggregators' final flush had
   * settled, before the reconcilers' final pass); null until the cut-off is reached.
   */
  billedAtCutoff: Int32Array | null = null;
  /** Reconciliation corrections a ledger applied: to usage events and to invoices. */
  usageCorrections = 0;
  invoiceCorrections = 0;
  constructor(n: number, tenants: number) {
    this.archived = new Uint8Array(n);
    this.providerStatus = new Int32Array(n);
    this.providerVersion = new Int32Array(n);
    this.providerHook = new Int32Array(n).fill(-1);
    this.orchestrator = new Int32Array(n).fill(-1);
    this.billed = new Int32Array(n);
    this.corrected = new Int32Array(n);
    this.deadLettered = new Int32Array(n);
    this.charges = new Int32Array(n);
    this.providerAmount = new Float64Array(n);
    this.ledgerAmount = new Float64Array(n);
    this.producedByTenant = new Float64Array(tenants);
    this.billedByTenant = new Float64Array(tenants);
  }
}

/**
 * The whole state of one run. Behaviours are free functions over this object (engine/*.ts,
 * behaviours/*.ts); fields are public so that the hot paths read them directly.
 */
export class Sim {
  readonly t: Topology;
  readonly f: CompiledFaults;
  /** Which fault windows are open, as the fault-schedule machine says. */
  readonly faultClock: FaultClock;
  readonly q = new EventQueue();
  readonly hash = new TraceHash();
  /** Two PRNG streams so that adding a fault does not reshuffle the workload. */
  readonly rngW: Prng;
  readonly rngF: Prng;
  /** Activity failures (config, not faults) draw from their own stream. */
  readonly rngA: Prng;
  readonly m: Messages;
  readonly r = new Records();
  readonly items: Items;
  readonly hooks = new HookEvents();
  readonly windows = new WindowStore();
  readonly out: Outcomes;
  /** Ground truth for completion, timeliness and detection (engine/judge.ts). */
  readonly judge: JudgeTables;
  readonly nodes: number;
  readonly tenants: number;
  now = 0;
  processed = 0;
  workInHeap = 0;
  /** Of `workInHeap`, deliveries and sends held back by `late` faults (they do not hold the end of input). */
  lateInHeap = 0;
  /** Synthetic message ids (window totals, webhook events, poison) start after the workload's. */
  nextSynthetic: number;
  nextKey = 1;
  /** Node memory epoch (bumped by a crash), armed after-side-effect crash (fault+1). Health: `healthFsm`. */
  readonly epoch: Int32Array;
  readonly armed: Int32Array;
  /** True while the node being processed dies after its side effect (database / idempotency-store gap). */
  crashingAfterEffect = false;
  readonly st: {
    in: Float64Array;
    out: Float64Array;
    dropped: Float64Array;
    duplicates: Float64Array;
    deadLettered: Float64Array;
    errors: Float64Array;
    crashes: Float64Array;
  };
  readonly edgeTraffic: Float64Array;
  /** Behaviour state per node, one typed table per kind (engine/nodeState.ts). */
  readonly states: NodeStates;
  /** Per-second counters for the timeline. */
  tl = {
    thr: new Float64Array(1024),
    late: new Float64Array(1024),
    dup: new Float64Array(1024),
    err: new Float64Array(1024),
  };
  readonly health: { tMs: number; nodeId?: string; edgeId?: string; state: HealthState }[] = [];
  /** Partition and outage windows from the plan (reported when they start within the run). */
  readonly healthWindows: { tMs: number; nodeId?: string; edgeId?: string; state: HealthState }[] = [];
  readonly healthFsm: NodeHealth;
  /** Dedup / idempotency guards whose forward is on the call stack (engine/guardFrames.ts). */
  readonly guards = new GuardFrames();
  readonly samples: { tMs: number; edgeId: string; messageId: string }[] = [];
  readonly sampleLimit: number;
  readonly sampleStride: number;
  stopped: StopInfo | undefined;
  /** Set when a message exceeded MAX_HOPS: the node where it was. */
  loopAt = -1;
  readonly maxEvents: number;
  /** Producers still emitting; when none are, the run settles for `settleMs` at most. */
  producersLeft = 0;
  settleMs = 0;
  settleAt = Infinity;
  /** The settle horizon never ends before this (the last partition / outage / downtime of the plan ends). */
  settleFloor = 0;
  /** 0 running, 1 after the aggregators' final flush, 2 after the final reconciliation, 3 done. */
  phase = 0;
  readonly maxVirtualMs: number;
  /** Explain mode: collect the paths of these message ids. */
  tracing = false;
  traced = new Set<string>();
  /** Explain mode: the item numbers in `traced` ids, whether any id is of another form, and which
   * `traced` set they were read from (trace.ts rereads them when `traced` is replaced). */
  tracedItems = new Set<number>();
  tracedOther = false;
  tracedIndexed: ReadonlySet<string> | null = null;
  paths = new Map<string, PathStep[]>();

  constructor(
    board: Board,
    readonly options: SimOptions,
  ) {
    this.t = compileTopology(board);
    this.f = compileFaults(options.faultPlan, this.t);
    this.faultClock = new FaultClock(options.faultPlan, this.f.count);
    this.nodes = this.t.nodeIds.length;
    const n = Math.max(0, Math.floor(options.events));
    this.items = new Items(n);
    this.m = new Messages(n + (n >> 2) + 1024);
    let tenants = 1;
    for (let i = 0; i < this.nodes; i++)
      if (this.t.kind[i] === K.producer) tenants = Math.max(tenants, cfg(this.t, i, 'producer', 'tenants'));
    this.tenants = tenants;
    this.out = new Outcomes(n, tenants);
    this.judge = new JudgeTables(n);
    this.nextSynthetic = n;
    this.rngW = new Prng(options.seed);
    this.rngF = new Prng((options.seed ^ 0x5bd1e995) + 0x27d4eb2f);
    this.rngA = new Prng((options.seed ^ 0x68e31da4) + 0x1b873593);
    this.healthFsm = new NodeHealth(this.nodes);
    this.epoch = new Int32Array(this.nodes);
    this.armed = new Int32Array(this.nodes);
    const z = () => new Float64Array(this.nodes);
    this.st = {
      in: z(),
      out: z(),
      dropped: z(),
      duplicates: z(),
      deadLettered: z(),
      errors: z(),
      crashes: z(),
    };
    this.edgeTraffic = new Float64Array(this.t.edgeIds.length);
    this.states = createNodeStates(this.nodes);
    this.sampleLimit = options.sampleLimit ?? 200;
    this.sampleStride = Math.max(1, Math.floor(n / 50));
    this.maxEvents = options.maxEvents ?? 50 * n + 1_000_000;
    this.maxVirtualMs = options.maxVirtualMs ?? Infinity;
  }

  /** Schedules an event; "work" events keep the run alive, timers and fault events do not. */
  schedule(time: number, type: EventType, a: number, b: number, c: number): void {
    if (NON_WORK[type] === 0) this.workInHeap++;
    if (LATE_WORK[type] === 1) this.lateInHeap++;
    this.q.push(time, type, a, b, c);
  }

  /** Starts (or restarts) the settle horizon from now: never before the plan's last fault window ends. */
  startSettling(): void {
    this.settleAt = Math.max(this.now, this.settleFloor) + this.settleMs;
  }

  /** Asks the node-health machine: is the node crashed or restarting? */
  isDown(node: number): boolean {
    return this.healthFsm.isDown(node);
  }

  /** When a down node is due back (its machine's `downUntil`). */
  upAt(node: number): number {
    return this.healthFsm.downUntil(node);
  }

  /** A new, unique idempotency key (random-per-attempt). */
  freshKey(): number {
    return this.nextKey++;
  }

  /** A new synthetic message id. */
  synthetic(): number {
    return this.nextSynthetic++;
  }

  bump(series: Float64Array<ArrayBuffer>, by = 1): Float64Array<ArrayBuffer> {
    const s = (this.now / 1000) | 0;
    if (s >= series.length) {
      if (s > 50_000_000) return series;
      const b = new Float64Array(Math.max(s + 1, series.length * 2));
      b.set(series);
      series = b;
    }
    series[s]! += by;
    return series;
  }

  countThroughput(): void {
    const sec = (this.now / 1000) | 0;
    const thr = this.tl.thr;
    if (sec < thr.length && sec >= 0) thr[sec]!++;
    else this.tl.thr = this.bump(thr);
  }
  countLate(): void {
    this.tl.late = this.bump(this.tl.late);
  }
  countDup(): void {
    this.tl.dup = this.bump(this.tl.dup);
  }
  countErr(): void {
    this.tl.err = this.bump(this.tl.err);
  }
}
