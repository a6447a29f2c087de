import { assign, setup } from 'xstate';

/** Events of a simulation run's lifecycle, as the UI store sends them. */
export type RunEvent =
  | { type: 'run.start'; total?: number }
  | { type: 'run.pause' }
  | { type: 'run.resume' }
  | { type: 'run.step' }
  | { type: 'run.progress'; done: number; total: number }
  | { type: 'run.speed'; speed: number }
  | { type: 'run.finish' }
  | { type: 'run.fail'; error: string }
  | { type: 'run.reset' };

export interface RunContext {
  progress: { done: number; total: number };
  /** Replay speed in virtual ms per real ms (0.25 … 1,000,000; a two-hour run replays in seconds). */
  speed: number;
  error: string | null;
  /** Single steps requested while paused. */
  steps: number;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 1_000_000;

const initialContext = (): RunContext => ({
  progress: { done: 0, total: 0 },
  speed: 1,
  error: null,
  steps: 0,
});

/**
 * The run panel's lifecycle: idle → running ⇄ paused → finished | failed; `run.reset` returns to idle
 * from anywhere. It lives beside the run store (src/store/runStore.ts), which reads its state and
 * context; the engine never sees it (messages run in plain code, src/sim). `running` covers the
 * worker computing and then the replay playing; `finished` is the replay at its end.
 */
export const runMachine = setup({
  types: { context: {} as RunContext, events: {} as RunEvent },
  actions: {
    start: assign(({ event }) => ({
      ...initialContext(),
      progress: { done: 0, total: event.type === 'run.start' ? (event.total ?? 0) : 0 },
    })),
    progress: assign(({ event }) =>
      event.type === 'run.progress' ? { progress: { done: event.done, total: event.total } } : {},
    ),
    speed: assign(({ event }) =>
      event.type === 'run.speed' ? { speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, event.speed)) } : {},
    ),
    step: assign(({ context }) => ({ steps: context.steps + 1 })),
    complete: assign(({ context }) => ({
      progress: { done: context.progress.total, total: context.progress.total },
    })),
    fail: assign(({ event }) => ({ error: event.type === 'run.fail' ? event.error : 'failed' })),
    reset: assign(() => initialContext()),
  },
  guards: {
    validSpeed: ({ event }) => event.type === 'run.speed' && Number.isFinite(event.speed) && event.speed > 0,
  },
}).createMachine({
  id: 'run',
  context: initialContext(),
  initial: 'idle',
  on: {
    'run.reset': { target: '.idle', actions: 'reset' },
    'run.speed': { guard: 'validSpeed', actions: 'speed' },
  },
  states: {
    idle: { on: { 'run.start': { target: 'running', actions: 'start' } } },
    running: {
      on: {
        'run.pause': 'paused',
        'run.progress': { actions: 'progress' },
        'run.finish': { target: 'finished', actions: 'complete' },
        'run.fail': { target: 'failed', actions: 'fail' },
      },
    },
    paused: {
      on: {
        'run.resume': 'running',
        'run.step': { actions: 'step' },
        'run.progress': { actions: 'progress' },
        'run.finish': { target: 'finished', actions: 'complete' },
        'run.fail': { target: 'failed', actions: 'fail' },
      },
    },
    finished: { on: { 'run.start': { target: 'running', actions: 'start' } } },
    failed: { on: { 'run.start': { target: 'running', actions: 'start' } } },
  },
});
