/// <reference lib="webworker" />
import { validateBoardForRun } from '../domain/parseBoard';
import { parseFaultPlan } from '../domain/faultPlan';
import { errorMessage } from '../domain/ids';
import { INVARIANT_IDS } from '../domain/invariants';
import { createSimulation, createTracingSimulation, refuseRun, type SimOptions } from '../sim';
import type { Board } from '../domain/document';
import { isMainToWorker, type MainToWorker, type WorkerToMain } from './protocol';

/**
 * The simulation's Web Worker entry. It validates the board and fault plan strictly (reporting
 * path errors as `error`), runs the engine in chunks and yields between them, so that a `cancel`
 * for the running id is honoured and progress streams to the UI.
 *
 * A `run` posts the verdicts as soon as the run ends, without the examples' message paths; an
 * `explain` (sent when the user opens Explain) re-runs the same spec once, tracing those messages,
 * and posts the verdicts with their paths.
 */
const CHUNK_EVENTS = 250_000;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

function post(msg: WorkerToMain): void {
  scope.postMessage(msg);
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type Job = Exclude<MainToWorker, { type: 'cancel' }>;

/** The validated board and options of a job, or the message that refuses it. */
function prepare(msg: Job): { board: Board; options: SimOptions } | string {
  const board = validateBoardForRun(msg.board);
  if (!board.ok) return board.error.message;
  const plan = parseFaultPlan(msg.faultPlan);
  if (!plan.ok) return `fault plan: ${plan.message}`;
  const unknown = (msg.invariants ?? []).filter((i) => !(INVARIANT_IDS as readonly string[]).includes(i));
  if (unknown.length) return `invariants: unknown id "${unknown[0]}"`;
  if (!Number.isInteger(msg.seed) || !Number.isInteger(msg.events) || msg.events < 0)
    return 'seed and events must be whole numbers (events ≥ 0)';
  const refused = refuseRun(board.board, msg.events);
  if (refused) return refused;
  if (msg.durationMs !== undefined && !(Number.isInteger(msg.durationMs) && msg.durationMs > 0))
    return 'duration must be a whole number of milliseconds above 0';
  return {
    board: board.board,
    options: {
      seed: msg.seed,
      events: msg.events,
      faultPlan: plan.plan,
      // The verdicts do not wait for the examples' paths: Explain asks for them (`explain` below).
      explain: false,
      ...(msg.durationMs !== undefined ? { durationMs: msg.durationMs } : {}),
      ...(msg.invariants ? { invariants: msg.invariants } : {}),
    },
  };
}

async function run(msg: Job): Promise<void> {
  const { runId } = msg;
  const started = performance.now();
  const job = prepare(msg);
  if (typeof job === 'string') {
    post({ type: 'error', runId, message: job });
    return;
  }
  try {
    const sim =
      msg.type === 'explain'
        ? createTracingSimulation(job.board, job.options, msg.messageIds)
        : createSimulation(job.board, job.options);
    while (!sim.advance(CHUNK_EVENTS)) {
      const p = sim.progress();
      post({ type: 'progress', runId, done: p.done, total: p.total });
      await yieldToEvents();
      if (cancelled.has(runId)) return;
    }
    const result = sim.result();
    const durationMs = Math.round(performance.now() - started);
    if (msg.type === 'explain') post({ type: 'explained', runId, invariants: result.invariants, durationMs });
    else post({ type: 'result', runId, result, durationMs });
  } catch (e) {
    post({ type: 'error', runId, message: `the simulation failed: ${errorMessage(e)}` });
  } finally {
    cancelled.delete(runId);
  }
}

scope.onmessage = (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isMainToWorker(msg)) return;
  if (msg.type === 'cancel') {
    cancelled.add(msg.runId);
    return;
  }
  // Runs are serialised; a cancel that arrives while a run waits its turn skips it.
  queue = queue.then(() => (cancelled.has(msg.runId) ? void cancelled.delete(msg.runId) : run(msg)));
};
