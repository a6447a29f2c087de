import { create } from 'zustand';
import { createActor } from 'xstate';
import { EMPTY_FAULT_PLAN, errorMessage, validateBoardForRun, type Fault, type FaultPlan } from '../domain';
import type { SimResult } from '../sim';
import { runMachine } from '../sim/machines/runMachine';
import { runInWorker, type RunHandle } from '../ui/run/simClient';
import { useEditorStore } from './editorStore';
import { applyOverlayAt, clearOverlay } from './runPlayback';

export type RunPhase = 'idle' | 'running' | 'paused' | 'finished' | 'failed';

/** The run panel's state: the fault plan being edited, the last run's result and the replay cursor. */
export interface RunState {
  faultPlan: FaultPlan;
  seed: number;
  events: number;
  /** Virtual time the workload is spread over (ms); 0 = the producers' own rates. */
  duration: number;
  phase: RunPhase;
  /** 0..1 while the worker computes. */
  progress: number;
  computing: boolean;
  result: SimResult | null;
  /** The board revision the result belongs to; an edit after a run marks the result stale. */
  resultRevision: number;
  durationMs: number;
  error: string | null;
  /** Replay position in virtual ms, and replay speed (virtual ms per real ms). */
  cursorMs: number;
  speed: number;
  explained: { invariant: string; example: number } | null;

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
  explain: (invariant: string, example: number) => void;
  closeExplain: () => void;
}

/** XState owns the run's lifecycle (design.md §6); the store mirrors its state for React. */
const lifecycle = createActor(runMachine).start();
let handle: RunHandle | null = null;

export const MAX_UI_EVENTS = 1_000_000;

export const useRunStore = create<RunState>()((set, get) => {
  lifecycle.subscribe((snap) => {
    const phase: RunPhase = snap.value;
    if (phase !== get().phase) set({ phase });
  });

  return {
    faultPlan: EMPTY_FAULT_PLAN,
    seed: 1,
    events: 10_000,
    duration: 0,
    phase: 'idle',
    progress: 0,
    computing: false,
    result: null,
    resultRevision: -1,
    durationMs: 0,
    error: null,
    cursorMs: 0,
    speed: 1,
    explained: null,

    setFaults: (faults) => set({ faultPlan: { faults } }),
    setSeed: (seed) => set({ seed: Math.max(0, Math.floor(seed)) }),
    setEvents: (events) => set({ events: Math.max(1, Math.min(MAX_UI_EVENTS, Math.floor(events))) }),
    setDuration: (ms) => set({ duration: Math.max(0, Math.floor(ms)) }),

    start() {
      handle?.cancel();
      const { board, revision } = useEditorStore.getState();
      const { faultPlan, seed, events, duration } = get();
      // The worker validates the fault plan with its schema and answers with the path of any problem.
      const valid = validateBoardForRun(board);
      if (!valid.ok) {
        const message = `The board cannot run: ${valid.error.message}`;
        lifecycle.send({ type: 'run.reset' });
        lifecycle.send({ type: 'run.start' });
        lifecycle.send({ type: 'run.fail', error: message });
        set({ error: message, result: null, computing: false });
        return;
      }
      lifecycle.send({ type: 'run.reset' });
      lifecycle.send({ type: 'run.start' });
      clearOverlay();
      set({ computing: true, progress: 0, error: null, result: null, explained: null, cursorMs: 0 });
      const spread = duration > 0 ? { durationMs: duration } : {};
      handle = runInWorker({ board: valid.board, faultPlan, seed, events, ...spread }, (done, total) =>
        set({ progress: total > 0 ? done / total : 0 }),
      );
      handle.promise.then(
        ({ result, durationMs }) => {
          handle = null;
          // Replay at a pace that shows the whole run in about eight seconds.
          const speed = Math.max(1, result.virtualMs / 8000);
          set({
            computing: false,
            progress: 1,
            result,
            resultRevision: revision,
            durationMs,
            speed,
            cursorMs: 0,
          });
          applyOverlayAt(result, 0, board);
        },
        (e: unknown) => {
          handle = null;
          const message = errorMessage(e);
          if (message === 'cancelled') return;
          lifecycle.send({ type: 'run.fail', error: message });
          set({ computing: false, error: `Simulation stopped: ${message}` });
        },
      );
    },
    pause: () => lifecycle.send({ type: 'run.pause' }),
    resume: () => lifecycle.send({ type: 'run.resume' }),
    step() {
      const { result, cursorMs } = get();
      if (!result) return;
      const bucket =
        result.timeline.length > 1
          ? result.timeline[1]!.tMs - result.timeline[0]!.tMs
          : result.virtualMs / 50;
      lifecycle.send({ type: 'run.step' });
      get().seek(cursorMs + bucket);
    },
    reset() {
      handle?.cancel();
      handle = null;
      lifecycle.send({ type: 'run.reset' });
      clearOverlay();
      set({ computing: false, progress: 0, result: null, error: null, cursorMs: 0, explained: null });
    },
    seek(ms) {
      const { result } = get();
      if (!result) return;
      const cursorMs = Math.max(0, Math.min(result.virtualMs, ms));
      set({ cursorMs });
      applyOverlayAt(result, cursorMs, useEditorStore.getState().board);
      if (cursorMs >= result.virtualMs && get().phase === 'running') lifecycle.send({ type: 'run.finish' });
    },
    setSpeed(speed) {
      set({ speed });
      lifecycle.send({ type: 'run.speed', speed });
    },
    explain: (invariant, example) => set({ explained: { invariant, example } }),
    closeExplain: () => set({ explained: null }),
  };
});
