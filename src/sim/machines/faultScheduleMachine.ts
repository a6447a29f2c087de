import { DEPLOY_RESTART_MS } from '../engine/constants';
import { assign, setup } from 'xstate';
import type { FaultPlan } from '../../domain/faultPlan';

/** One fault's window over virtual time ([fromMs, toMs); a crash's window is its downtime). */
export interface FaultWindow {
  index: number;
  kind: string;
  target: string;
  fromMs: number;
  toMs: number;
}

/** The windows of a plan, in plan order. `toMs` absent = to the end of the run (Infinity). */
export function getFaultWindows(plan: FaultPlan): FaultWindow[] {
  return plan.faults.map((f, index) =>
    f.kind === 'crash'
      ? { index, kind: f.kind, target: f.target, fromMs: f.atMs, toMs: f.atMs + f.downMs }
      : f.kind === 'deploy'
        ? { index, kind: f.kind, target: f.target, fromMs: f.atMs, toMs: f.atMs + DEPLOY_RESTART_MS }
        : { index, kind: f.kind, target: f.target, fromMs: f.fromMs, toMs: f.toMs ?? Infinity },
  );
}

/** Indices of the windows open at virtual time t. */
export function getActiveFaults(windows: readonly FaultWindow[], t: number): number[] {
  return windows.filter((w) => t >= w.fromMs && t < w.toMs).map((w) => w.index);
}

export type FaultScheduleEvent =
  | { type: 'schedule.load'; plan: FaultPlan }
  | { type: 'clock.tick'; tMs: number }
  | { type: 'schedule.reset' };

export interface FaultScheduleContext {
  windows: FaultWindow[];
  nowMs: number;
  active: number[];
  /** Windows that opened or closed on the last tick, for a timeline. */
  opened: number[];
  closed: number[];
}

/**
 * The fault plan's schedule over virtual time: `clock.tick` moves the clock and recomputes which
 * windows are open (and which opened / closed since the last tick). When every window has closed
 * it is `done`. The engine evaluates the same windows directly (engine/faults.ts `isActive`).
 */
export const faultScheduleMachine = setup({
  types: { context: {} as FaultScheduleContext, events: {} as FaultScheduleEvent },
  actions: {
    load: assign(({ event }) =>
      event.type === 'schedule.load'
        ? { windows: getFaultWindows(event.plan), nowMs: 0, active: [], opened: [], closed: [] }
        : {},
    ),
    tick: assign(({ context, event }) => {
      if (event.type !== 'clock.tick') return {};
      const nowMs = Math.max(context.nowMs, event.tMs);
      const active = getActiveFaults(context.windows, nowMs);
      return {
        nowMs,
        active,
        opened: active.filter((i) => !context.active.includes(i)),
        closed: context.active.filter((i) => !active.includes(i)),
      };
    }),
    reset: assign({ windows: [], nowMs: 0, active: [], opened: [], closed: [] }),
  },
  guards: {
    allClosed: ({ context }) => context.windows.every((w) => w.toMs <= context.nowMs),
  },
}).createMachine({
  id: 'faultSchedule',
  context: { windows: [], nowMs: 0, active: [], opened: [], closed: [] },
  initial: 'idle',
  states: {
    idle: { on: { 'schedule.load': { target: 'running', actions: 'load' } } },
    running: {
      always: { guard: 'allClosed', target: 'done' },
      on: { 'clock.tick': { actions: 'tick' }, 'schedule.reset': { target: 'idle', actions: 'reset' } },
    },
    done: {
      on: {
        'schedule.reset': { target: 'idle', actions: 'reset' },
        'schedule.load': { target: 'running', actions: 'load' },
      },
    },
  },
});
