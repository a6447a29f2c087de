/// <reference lib="webworker" />
import { validateBoardForRun } from '../domain/parseBoard';
import { parseFaultPlan } from '../domain/faultPlan';
import { errorMessage } from '../domain/ids';
import { INVARIANT_IDS } from '../domain/invariants';
import { createSimulation, refuseRun } from '../sim';
import { isMainToWorker, type MainToWorker, type WorkerToMain } from './protocol';

/**
 * The simulation's Web Worker entry. It validates the board and fault plan strictly (reporting
 * path errors as `error`), runs the engine in chunks and yields between them, so that a `cancel`
 * for the running id is honoured and progress streams to the UI.
 */
const CHUNK_EVENTS = 250_000;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

function post(msg: WorkerToMain): void {
  scope.postMessage(msg);
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(msg: Extract<MainToWorker, { type: 'run' }>): Promise<void> {
  const { runId } = msg;
  const started = performance.now();
  const board = validateBoardForRun(msg.board);
  if (!board.ok) {
    post({ type: 'error', runId, message: board.error.message });
    return;
  }
  const plan = parseFaultPlan(msg.faultPlan);
  if (!plan.ok) {
    post({ type: 'error', runId, message: `fault plan: ${plan.message}` });
    return;
  }
  const unknown = (msg.invariants ?? []).filter((i) => !(INVARIANT_IDS as readonly string[]).includes(i));
  if (unknown.length) {
    post({ type: 'error', runId, message: `invariants: unknown id "${unknown[0]}"` });
    return;
  }
  if (!Number.isInteger(msg.seed) || !Number.isInteger(msg.events) || msg.events < 0) {
    post({ type: 'error', runId, message: 'seed and events must be whole numbers (events ≥ 0)' });
    return;
  }
  const refused = refuseRun(board.board, msg.events);
  if (refused) {
    post({ type: 'error', runId, message: refused });
    return;
  }
  if (msg.durationMs !== undefined && !(Number.isInteger(msg.durationMs) && msg.durationMs > 0)) {
    post({ type: 'error', runId, message: 'duration must be a whole number of milliseconds above 0' });
    return;
  }
  try {
    const sim = createSimulation(board.board, {
      seed: msg.seed,
      events: msg.events,
      faultPlan: plan.plan,
      ...(msg.durationMs !== undefined ? { durationMs: msg.durationMs } : {}),
      ...(msg.invariants ? { invariants: msg.invariants } : {}),
    });
    while (!sim.advance(CHUNK_EVENTS)) {
      const p = sim.progress();
      post({ type: 'progress', runId, done: p.done, total: p.total });
      await yieldToEvents();
      if (cancelled.has(runId)) return;
    }
    const result = sim.result();
    post({ type: 'result', runId, result, durationMs: Math.round(performance.now() - started) });
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
