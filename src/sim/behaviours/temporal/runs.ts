import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import {
  workflowRunMachine,
  type WorkflowRunEvent,
  type WorkflowRunStatus,
} from '../../machines/workflowRunMachine';
import { A, K } from '../../engine/constants';
import { countAction } from './actions';
import type { Sim } from '../../engine/sim';
import { cfg, describeNode } from '../../engine/topology';
import { traceId } from '../../engine/trace';

/** Temporal's history numbers (docs/simulation.md, "Event history and continue-as-new"). */
export const HISTORY_CAN_SUGGESTED = 4_096;
export const HISTORY_WARN = 10_240;
export const HISTORY_LIMIT = 51_200;
/** Events a workflow appends: start (started + first workflow task), one activity or Nexus step
 * (scheduled, started, completed + a workflow task), a timer (started, fired + a task), a signal
 * (signaled; + a task unless one runs in the same ms), an update (accepted, completed; + a task),
 * a child workflow (initiated, started, completed + a task), close (completed / continued-as-new). */
export const EV = { start: 4, step: 6, timer: 5, signal: 1, update: 2, task: 3, child: 6, close: 1 } as const;
/** At most this many updates may wait on one workflow (more are refused: resource exhausted). */
export const MAX_UPDATES_IN_FLIGHT = 10;

const CODE: Partial<Record<string, number>> = {
  deterministic: 0,
  'reads-wall-clock': 1,
  'calls-services-directly': 2,
};
export const WALL_CLOCK = 1;
export const DIRECT_CALLS = 2;

type RunSnapshot = SnapshotFrom<typeof workflowRunMachine>;
const [INITIAL] = initialTransition(workflowRunMachine);

/** One workflow execution: a request's run, or a tenant's long-running run. */
export interface Run {
  index: number;
  node: number;
  /** Request id (one-shot) or tenant (long-running). */
  key: number;
  long: boolean;
  snap: RunSnapshot;
  history: number;
  peakHistory: number;
  warned: boolean;
  continued: number;
  /** Code version the run started on (bumped by each deploy of its node). */
  version: number;
  lastTaskMs: number;
  reason: string;
  /** A message id that names the run in examples (`req-4`, `evt-17`). */
  exampleItem: number;
  exampleType: number;
  /** One-shot: the record that drives its steps (-1 once closed). */
  rec: number;
  /** Long-running: messages waiting to be processed (signals, updates, cycles) and their callers. */
  inbox: number[];
  inboxOwner: number[];
  /** A workflow task is scheduled. */
  busy: boolean;
  /** Units of work in flight (signal handlers run concurrently), by record → the caller to answer. */
  units: Map<number, number>;
  seen: Set<number>;
  window: number;
  cycle: number;
  /** When the run's cycle timer fires next (cycleMs). */
  timerAt: number;
  updatesInFlight: number;
  failedUnits: number;
  /** Calls made from workflow code (code: calls-services-directly): edge and message, since the run began. */
  directCalls: number[];
}

export interface TemporalNode {
  node: number;
  code: number;
  continueAsNew: boolean;
  cycleMs: number;
  patched: boolean;
  codeVersion: number;
  /** -1 none, 0 compatible, 1 breaking: a deploy whose restart is pending. */
  pendingDeploy: number;
  runs: Run[];
  byReq: Map<number, Run>;
  byTenant: Map<number, Run>;
}

export interface TemporalWorld {
  nodes: (TemporalNode | undefined)[];
  runs: Run[];
  /** Record index → the run it drives (one-shot runs and long-running units). */
  recRun: Map<number, Run>;
  /** The end of input's final flush has closed every open cycle. */
  flushed: boolean;
}

const WORLDS = new WeakMap<Sim, TemporalWorld>();

export function world(s: Sim): TemporalWorld {
  let w = WORLDS.get(s);
  if (!w) {
    w = {
      nodes: new Array<TemporalNode | undefined>(s.nodes).fill(undefined),
      runs: [],
      recRun: new Map(),
      flushed: false,
    };
    WORLDS.set(s, w);
  }
  return w;
}

export function initTemporalWorkflow(s: Sim, node: number): void {
  const code = cfg(s.t, node, 'workflow', 'code');
  world(s).nodes[node] = {
    node,
    code: CODE[code] ?? 0,
    continueAsNew: cfg(s.t, node, 'workflow', 'continueAsNew') === 'when-suggested',
    cycleMs: cfg(s.t, node, 'workflow', 'cycleMs'),
    patched: cfg(s.t, node, 'workflow', 'versioning') === 'patched',
    codeVersion: 0,
    pendingDeploy: -1,
    runs: [],
    byReq: new Map(),
    byTenant: new Map(),
  };
}

export function temporalNode(s: Sim, node: number): TemporalNode {
  return world(s).nodes[node]!;
}

export function status(run: Run): WorkflowRunStatus {
  return run.snap.value;
}

export function isOpen(run: Run): boolean {
  return run.snap.value === 'running';
}

/**
 * The machine's transition is pure and snapshots are immutable, so results are shared: thousands of
 * runs start from the same initial snapshot and close the same way (one XState call each, not one
 * per run — the engine's speed does not depend on how many workflow runs a board starts).
 */
const NEXT = new WeakMap<RunSnapshot, Map<string, RunSnapshot>>();

function move(run: Run, event: WorkflowRunEvent): void {
  let byEvent = NEXT.get(run.snap);
  if (!byEvent) NEXT.set(run.snap, (byEvent = new Map<string, RunSnapshot>()));
  let next = byEvent.get(event.type);
  if (!next) {
    [next] = transition(workflowRunMachine, run.snap, event);
    byEvent.set(event.type, next);
  }
  run.snap = next;
}

/** Starts a workflow execution (a request's run, or a tenant's long-running run). */
export function startRun(s: Sim, node: number, key: number, long: boolean, msg: number): Run {
  const w = world(s);
  const tn = w.nodes[node]!;
  const run: Run = {
    index: w.runs.length,
    node,
    key,
    long,
    snap: INITIAL,
    history: 0,
    peakHistory: 0,
    warned: false,
    continued: 0,
    version: tn.codeVersion,
    lastTaskMs: s.now,
    reason: '',
    exampleItem: s.m.item[msg]!,
    exampleType: s.m.type[msg]!,
    rec: -1,
    inbox: [],
    inboxOwner: [],
    busy: false,
    units: new Map(),
    seen: new Set(),
    window: -1,
    cycle: 0,
    timerAt: -1,
    updatesInFlight: 0,
    failedUnits: 0,
    directCalls: [],
  };
  w.runs.push(run);
  tn.runs.push(run);
  if (long) tn.byTenant.set(key, run);
  else tn.byReq.set(key, run);
  addHistory(s, run, EV.start);
  countAction(s, node, 'workflowStarts');
  return run;
}

/** Appends `n` events to the run's history: a warning at 10,240, termination at 51,200. */
export function addHistory(s: Sim, run: Run, n: number): void {
  if (!isOpen(run) && run.snap.value !== 'stuck') return;
  run.history += n;
  if (run.history > run.peakHistory) run.peakHistory = run.history;
  if (!run.warned && run.history >= HISTORY_WARN) {
    run.warned = true;
    if (s.tracing)
      traceRun(s, run, `event history passed ${HISTORY_WARN.toLocaleString('en-US')} events (warning)`);
  }
  if (run.history >= HISTORY_LIMIT) terminate(s, run);
}

/** Adds the workflow task events for work arriving now (tasks within the same ms are shared). */
export function addTask(s: Sim, run: Run): void {
  if (run.lastTaskMs === s.now && run.history > EV.start) return;
  run.lastTaskMs = s.now;
  addHistory(s, run, EV.task);
}

function terminate(s: Sim, run: Run): void {
  const tn = temporalNode(s, run.node);
  run.reason = `terminated by the server: its event history reached ${HISTORY_LIMIT.toLocaleString('en-US')} events${
    tn.continueAsNew ? '' : ' (continueAsNew: never)'
  }; the work after that is lost`;
  move(run, { type: 'run.terminate' });
  s.hash.add(s.now, run.node, run.index, A.giveUp);
  s.st.errors[run.node]!++;
  if (s.tracing) traceRun(s, run, run.reason);
  dropInbox(run);
}

/** A non-determinism error: the workflow task fails and is retried for ever; the run is stuck. */
export function nonDeterminism(s: Sim, run: Run, reason: string): void {
  if (!isOpen(run)) return;
  run.reason = `stuck on a non-determinism error: ${reason}`;
  move(run, { type: 'run.nde' });
  s.hash.add(s.now, run.node, run.index, A.giveUp);
  s.st.errors[run.node]!++;
  if (s.tracing) traceRun(s, run, run.reason);
}

export function closeRun(s: Sim, run: Run, how: 'complete' | 'compensated' | 'fail', reason = ''): void {
  if (!isOpen(run)) return;
  addHistory(s, run, EV.close);
  if (!isOpen(run)) return;
  if (reason) run.reason = reason;
  move(run, {
    type: how === 'complete' ? 'run.complete' : how === 'compensated' ? 'run.compensated' : 'run.fail',
  });
  run.directCalls.length = 0;
}

/** Continue-as-new: a fresh history under the same workflow id; the state (seen ids, inbox) is carried. */
export function continueAsNew(s: Sim, run: Run): void {
  addHistory(s, run, EV.close);
  if (!isOpen(run)) return;
  move(run, { type: 'run.continueAsNew' });
  run.continued++;
  countAction(s, run.node, 'workflowStarts');
  run.history = EV.start;
  run.warned = false;
  run.directCalls.length = 0;
  s.hash.add(s.now, run.node, run.index, A.restart);
  if (s.tracing) traceRun(s, run, `continued as new (run ${run.continued + 1}, fresh history)`);
}

/** True when the server suggests continue-as-new and the workflow is written to follow it. */
export function shouldContinueAsNew(s: Sim, run: Run): boolean {
  return isOpen(run) && temporalNode(s, run.node).continueAsNew && run.history >= HISTORY_CAN_SUGGESTED;
}

function dropInbox(run: Run): void {
  run.inbox.length = 0;
  run.inboxOwner.length = 0;
}

/** "provision (workflow) req-4" — how summaries and traces name a run. */
export function runName(s: Sim, run: Run): string {
  return `${describeNode(s.t, run.node)} ${runId(run)}`;
}

export function runId(run: Run): string {
  return run.long ? `tenant-${run.key}` : `req-${run.key}`;
}

export function traceRun(s: Sim, run: Run, action: string): void {
  traceId(s, run.long ? exampleMessageId(run) : `req-${run.key}`, run.node, -1, action);
}

/** A message id for a run's examples: its request, or the first item that reached it. */
export function exampleMessageId(run: Run): string {
  if (!run.long) return `req-${run.key}`;
  const prefix = run.exampleType === 1 ? 'evt' : run.exampleType === 2 ? 'inv' : 'req';
  return `${prefix}-${run.exampleItem}`;
}

/** Is this node a workflow on the board? */
export function isWorkflow(s: Sim, node: number): boolean {
  return s.t.kind[node] === K.workflow;
}
