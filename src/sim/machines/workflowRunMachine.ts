import { assign, setup } from 'xstate';

/**
 * The lifecycle of one Temporal workflow execution (a workflow id across its continue-as-new runs).
 * The engine keeps one snapshot per execution and moves it with the machine's pure `transition`
 * at lifecycle changes only (start, close, non-determinism error, termination, continue-as-new) —
 * never per message.
 */
export type WorkflowRunEvent =
  | { type: 'run.complete' }
  | { type: 'run.compensated' }
  | { type: 'run.fail' }
  | { type: 'run.nde' }
  | { type: 'run.terminate' }
  | { type: 'run.continueAsNew' };

export const workflowRunMachine = setup({
  types: {
    context: {} as { runs: number },
    events: {} as WorkflowRunEvent,
  },
}).createMachine({
  id: 'workflowRun',
  initial: 'running',
  context: { runs: 1 },
  states: {
    running: {
      on: {
        'run.complete': 'completed',
        'run.compensated': 'compensated',
        'run.fail': 'failed',
        // The workflow task fails and is retried for ever: the run stays open, making no progress.
        'run.nde': 'stuck',
        'run.terminate': 'terminated',
        'run.continueAsNew': {
          target: 'running',
          reenter: true,
          actions: assign({ runs: ({ context }) => context.runs + 1 }),
        },
      },
    },
    stuck: { on: { 'run.terminate': 'terminated' } },
    completed: { type: 'final' },
    compensated: { type: 'final' },
    failed: { type: 'final' },
    terminated: { type: 'final' },
  },
});

export type WorkflowRunStatus = 'running' | 'stuck' | 'completed' | 'compensated' | 'failed' | 'terminated';
