import { create } from 'zustand';
import type { SnapshotFrom } from 'xstate';
import { EMPTY_FAULT_PLAN, errorMessage, validateBoardForRun, type Fault, type FaultPlan } from '../domain';
import type { SimResult } from '../sim';
import type { RunHandle, RunRequest } from '../workers/clients/simClient';
import type { CallHandle } from '../workers/clients/rpc';
import { useEditorStore } from './editorStore';
import type { runMachine, RunEvent } from './runMachine';
import { applyOverlayAt, clearOverlay } from './runPlayback';
import { notify } from './noticeStore';

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
let trace: { result: SimResult; handle: CallHandle<unknown> | null } | null = null;
const cancelTrace = () => {
  trace?.handle?.cancel();
  trace = null;
};

/**
 * XState owns the run's lifecycle (docs/architecture.md, "Running"); the store holds its snapshot.
 * The machine and the worker client arrive with the first Run (./runMachinery, loaded on demand).
 */
type Machinery = typeof import('./runMachinery');
let machinery: Promise<Machinery> | null = null;
let lifecycle: ReturnType<Machinery['createLifecycle']> | null = null;
let handle: RunHandle | null = null;
/** Bumped by every start and reset: a start still loading its machinery after a newer one gives up. */
let startToken = 0;
const send = (event: RunEvent) => lifecycle?.send(event);

export const MAX_UI_EVENTS = 1_000_000;

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
      lifecycle = m.createLifecycle();
      lifecycle.subscribe((snap) => set({ lifecycle: snap }));
      set({ lifecycle: lifecycle.getSnapshot() });
      return m;
    }));

  /** Validates the board and sends it to the worker; the machinery is loaded. */
  const begin = ({ runInWorker, CancelledError }: Machinery) => {
    const { board, revision } = useEditorStore.getState();
    const { faultPlan, seed, events, duration } = get();
    // The worker validates the fault plan with its schema and answers with the path of any problem.
    const valid = validateBoardForRun(board);
    if (!valid.ok) {
      const message = `The board cannot run: ${valid.error.message}`;
      send({ type: 'run.reset' });
      send({ type: 'run.start' });
      send({ type: 'run.fail', error: message });
      set({ error: message, result: null, computing: false });
      return;
    }
    send({ type: 'run.reset' });
    send({ type: 'run.start' });
    clearOverlay();
    set({ computing: true, error: null, result: null, explained: null, traceError: null, cursorMs: 0 });
    const spread = duration > 0 ? { durationMs: duration } : {};
    const spec: RunRequest = { board: valid.board, faultPlan, seed, events, ...spread };
    handle = runInWorker(spec, (done, total) => send({ type: 'run.progress', done, total }));
    handle.promise.then(
      ({ result, durationMs, pathsPending }) => {
        handle = null;
        if (pathsPending) untraced.set(result, spec);
        // Replay at a pace that shows the whole run in about eight seconds.
        send({ type: 'run.speed', speed: Math.max(1, result.virtualMs / 8000) });
        send({ type: 'run.progress', done: 1, total: 1 });
        set({ computing: false, result, resultRevision: revision, durationMs, cursorMs: 0 });
        applyOverlayAt(result, 0, board);
      },
      (e: unknown) => {
        handle = null;
        const message = errorMessage(e);
        if (e instanceof CancelledError) return;
        send({ type: 'run.fail', error: message });
        set({ computing: false, error: `Simulation stopped: ${message}` });
      },
    );
  };

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
      handle?.cancel();
      handle = null;
      cancelTrace();
      const token = ++startToken;
      void loadMachinery().then((m) => {
        if (token === startToken) begin(m);
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
      handle?.cancel();
      handle = null;
      cancelTrace();
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
      const spec = result && untraced.get(result);
      if (!result || !spec || trace?.result === result) return;
      cancelTrace();
      const mine = { result, handle: null as CallHandle<unknown> | null };
      trace = mine;
      set({ traceError: null });
      const ids = [...new Set(result.invariants.flatMap((i) => i.examples.map((e) => e.messageId)))];
      void loadMachinery().then(({ explainInWorker, CancelledError }) => {
        if (trace !== mine) return;
        const h = explainInWorker(spec, ids);
        mine.handle = h;
        h.promise.then(
          ({ invariants }) => {
            if (trace !== mine) return;
            trace = null;
            // The board may have moved on (another run, another board): only the same result is completed.
            if (get().result === result) set({ result: { ...result, invariants } });
          },
          (e: unknown) => {
            if (e instanceof CancelledError || trace !== mine) return;
            trace = null;
            const message = errorMessage(e);
            set({ traceError: message });
            notify({ level: 'error', text: `Explain could not trace the message paths: ${message}` });
          },
        );
      });
    },
    closeExplain: () => set({ explained: null }),
  };
});
