import { create } from 'zustand';
import type { SnapshotFrom } from 'xstate';
import { EMPTY_FAULT_PLAN, type Fault, type FaultPlan } from '../domain';
import type { SimResult } from '../sim';
import type { RunRequest } from '../workers/clients/simClient';
import { useEditorStore } from './editorStore';
import type { runMachine, RunEvent } from './runMachine';
import { applyOverlayAt, clearOverlay } from './runPlayback';

export type RunPhase = 'idle' | 'running' | 'paused' | 'finished' | 'failed';
export type RunSnapshot = SnapshotFrom<typeof runMachine>;

/**
 * The run panel's state: the fault plan being edited, the last run's result and the replay cursor.
 * The lifecycle (phase, progress, replay speed, error) is the run machine's snapshot itself
 * (`lifecycle`), read through the selectors below, never copied into fields of its own.
 */
export interface RunState {
  faultPlan: FaultPlan;
  seed: number;
  events: number;
  /** Virtual time the workload is spread over (ms); 0 = the producers' own rates. */
  duration: number;
  /** The run machine's current snapshot (src/store/runMachine.ts); null until the first run loads it. */
  lifecycle: RunSnapshot | null;
  /** True while the worker computes (the first part of the machine's `running`). */
  computing: boolean;
  result: SimResult | null;
  /** The board revision the result belongs to; an edit after a run marks the result stale. */
  resultRevision: number;
  durationMs: number;
  error: string | null;
  /** Replay position in virtual ms. */
  cursorMs: number;
  explained: { invariant: string; example: number } | null;
  /** Why the examples' paths could not be traced (Explain), or null. */
  traceError: string | null;

  setFaults: (faults: Fault[]) => void;
  setSeed: (seed: number) => void;
  setEvents: (events: number) => void;
  setDuration: (ms: number) => void;
  start: () => void;
  pause: () => void;
  resume: () => void;
  step: () => void;
  reset: () => void;
  seek: (ms: number) => void;
  setSpeed: (speed: number) => void;
  /** Shows a violating message's path; the first Explain of a result traces its examples' paths. */
  explain: (invariant: string, example: number) => void;
  /** Traces the current result's example paths in the worker, once (a no-op when they are known). */
  tracePaths: () => void;
  closeExplain: () => void;
}

/**
 * Results whose examples have no paths yet, with the run that made them: the worker posts the
 * verdicts first and traces the paths only when Explain asks (src/workers/protocol.ts). A traced
 * result is a new object, so it is never in here.
 */
const untraced = new WeakMap<SimResult, RunRequest>();
/** False until the examples of `result` carry their message paths. */
export const isTraced = (result: SimResult): boolean => !untraced.has(result);

/**
 * XState owns the run's lifecycle (docs/architecture.md, "Running"); the store holds its snapshot.
 * The machine, the worker client and what starts a run or traces its paths arrive with the first Run
 * (./runMachinery, loaded on demand).
 */
type Machinery = typeof import('./runMachinery');
let machinery: Promise<Machinery> | null = null;
/** The machinery once loaded: a run or a trace in flight exists only then. */
let loaded: Machinery | null = null;
let lifecycle: ReturnType<Machinery['createLifecycle']> | null = null;
/** Bumped by every start and reset: a start still loading its machinery after a newer one gives up. */
let startToken = 0;
const send = (event: RunEvent) => lifecycle?.send(event);

export const MAX_UI_EVENTS = 1_000_000;

/** What a run waits for besides the machinery: the app's per-board fault plans (see `runAfter`). */
let wiring: Promise<unknown> = Promise.resolve();
/**
 * Makes every run wait for `ready` (main.tsx: per-board runs and fault plans, wired just after the
 * first board opens), so that no run starts with a fault plan about to be replaced.
 */
export function runAfter(ready: Promise<unknown>) {
  wiring = ready;
}

/** The store as ./runMachinery.ts sees it when it starts a run or traces a result's paths. */
export interface RunStoreContext {
  get: () => RunState;
  set: (s: Partial<RunState>) => void;
  send: (event: RunEvent) => void;
  /** Results whose examples have no paths yet, with the run that made them. */
  untraced: WeakMap<SimResult, RunRequest>;
}

/** Selectors over the machine's snapshot: what the run panel reads. */
export const selectPhase = (s: RunState): RunPhase => s.lifecycle?.value ?? 'idle';
export const selectSpeed = (s: RunState): number => s.lifecycle?.context.speed ?? 1;
/** 0..1: the worker's progress through the run. */
export const selectProgress = (s: RunState): number => {
  const p = s.lifecycle?.context.progress;
  return p && p.total > 0 ? p.done / p.total : 0;
};
/** Whether the machine accepts `event` now (gates the lifecycle buttons); nothing before the first run. */
export const selectCan =
  (event: RunEvent) =>
  (s: RunState): boolean =>
    s.lifecycle?.can(event) ?? false;

export const useRunStore = create<RunState>()((set, get) => {
  const loadMachinery = () =>
    (machinery ??= import('./runMachinery').then((m) => {
      loaded = m;
      lifecycle = m.createLifecycle();
      lifecycle.subscribe((snap) => set({ lifecycle: snap }));
      set({ lifecycle: lifecycle.getSnapshot() });
      return m;
    }));

  /** What the machinery reads and writes of the store to start a run or trace its paths. */
  const ctx: RunStoreContext = { get, set, send, untraced };

  return {
    faultPlan: EMPTY_FAULT_PLAN,
    seed: 1,
    events: 10_000,
    duration: 0,
    lifecycle: null,
    computing: false,
    result: null,
    resultRevision: -1,
    durationMs: 0,
    error: null,
    cursorMs: 0,
    explained: null,
    traceError: null,

    setFaults: (faults) => set({ faultPlan: { faults } }),
    setSeed: (seed) => set({ seed: Math.max(0, Math.floor(seed)) }),
    setEvents: (events) => set({ events: Math.max(1, Math.min(MAX_UI_EVENTS, Math.floor(events))) }),
    setDuration: (ms) => set({ duration: Math.max(0, Math.floor(ms)) }),

    start() {
      loaded?.cancelRun();
      const token = ++startToken;
      void Promise.all([loadMachinery(), wiring]).then(([m]) => {
        if (token === startToken) m.beginRun(ctx);
      });
    },
    pause: () => send({ type: 'run.pause' }),
    resume: () => send({ type: 'run.resume' }),
    step() {
      const { result, cursorMs } = get();
      if (!result) return;
      const bucket =
        result.timeline.length > 1
          ? result.timeline[1]!.tMs - result.timeline[0]!.tMs
          : result.virtualMs / 50;
      send({ type: 'run.step' });
      get().seek(cursorMs + bucket);
    },
    reset() {
      loaded?.cancelRun();
      startToken++;
      send({ type: 'run.reset' });
      clearOverlay();
      set({ computing: false, result: null, error: null, cursorMs: 0, explained: null, traceError: null });
    },
    seek(ms) {
      const { result } = get();
      if (!result) return;
      const cursorMs = Math.max(0, Math.min(result.virtualMs, ms));
      set({ cursorMs });
      applyOverlayAt(result, cursorMs, useEditorStore.getState().board);
      if (cursorMs >= result.virtualMs && lifecycle?.getSnapshot().value === 'running')
        send({ type: 'run.finish' });
    },
    setSpeed: (speed) => send({ type: 'run.speed', speed }),
    explain: (invariant, example) => {
      set({ explained: { invariant, example } });
      get().tracePaths();
    },
    tracePaths() {
      const { result } = get();
      if (result && untraced.has(result)) void loadMachinery().then((m) => m.traceExamplePaths(ctx));
    },
    closeExplain: () => set({ explained: null }),
  };
});
