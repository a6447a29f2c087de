import { assign, setup } from 'xstate';

/** Events of one node's health lifecycle (virtual time is carried by the events). */
export type NodeHealthEvent =
  | { type: 'node.crash'; atMs: number; downMs: number }
  | { type: 'node.restart'; atMs: number }
  | { type: 'node.ready'; atMs: number }
  | { type: 'node.partition'; atMs: number }
  | { type: 'node.heal'; atMs: number };

export interface NodeHealthContext {
  crashes: number;
  /** Virtual ms until which the node is down (crashed). */
  downUntil: number;
  lastChangeMs: number;
}

/**
 * A node's health: up → crashed → restarting → up, and partitioned ⇄ up. The engine drives one
 * snapshot per node with the machine's pure transition (see engine/health.ts); the UI can run it
 * as an actor to colour nodes. A crash while crashed extends the outage.
 */
export const nodeHealthMachine = setup({
  types: { context: {} as NodeHealthContext, events: {} as NodeHealthEvent },
  actions: {
    recordCrash: assign(({ context, event }) => {
      if (event.type !== 'node.crash') return {};
      return {
        crashes: context.crashes + 1,
        downUntil: Math.max(context.downUntil, event.atMs + event.downMs),
        lastChangeMs: event.atMs,
      };
    }),
    recordChange: assign(({ event }) => ({ lastChangeMs: event.atMs })),
  },
  guards: {
    isDue: ({ context, event }) => event.atMs >= context.downUntil,
  },
}).createMachine({
  id: 'nodeHealth',
  context: { crashes: 0, downUntil: -1, lastChangeMs: 0 },
  initial: 'up',
  states: {
    up: {
      on: {
        'node.crash': { target: 'crashed', actions: 'recordCrash' },
        'node.partition': { target: 'partitioned', actions: 'recordChange' },
      },
    },
    partitioned: {
      on: {
        'node.heal': { target: 'up', actions: 'recordChange' },
        'node.crash': { target: 'crashed', actions: 'recordCrash' },
      },
    },
    crashed: {
      on: {
        'node.crash': { actions: 'recordCrash' },
        'node.restart': { guard: 'isDue', target: 'restarting', actions: 'recordChange' },
      },
    },
    restarting: {
      on: {
        'node.ready': { target: 'up', actions: 'recordChange' },
        'node.crash': { target: 'crashed', actions: 'recordCrash' },
      },
    },
  },
});
