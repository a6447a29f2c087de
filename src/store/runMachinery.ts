// What a run needs and the first paint does not: XState's run machine, the simulation worker's
// client, and what starts a run and traces its paths. The run store loads this module on the first
// Run (its own chunk), so the page's first JavaScript carries none of it.
import { createActor } from 'xstate';
import { errorMessage, validateBoardForRun } from '../domain';
import type { SimResult } from '../sim';
import { CancelledError, type CallHandle } from '../workers/clients/rpc';
import { explainInWorker, runInWorker, type RunHandle, type RunRequest } from '../workers/clients/simClient';
import { useEditorStore } from './editorStore';
import { notify } from './noticeStore';
import { runMachine } from './runMachine';
import { applyOverlayAt, clearOverlay } from './runPlayback';
import type { RunStoreContext } from './runStore';

export const createLifecycle = () => createActor(runMachine).start();

let handle: RunHandle | null = null;
let trace: { result: SimResult; handle: CallHandle<unknown> | null } | null = null;
const cancelTrace = () => {
  trace?.handle?.cancel();
  trace = null;
};

/** Cancels the run and the trace in flight, if any (a new run, Reset, another board). */
export function cancelRun() {
  handle?.cancel();
  handle = null;
  cancelTrace();
}

/** Validates the board and sends it to the worker. */
export function beginRun({ get, set, send, untraced }: RunStoreContext) {
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
}

/** Traces the current result's example paths in the worker, once (a no-op when they are known). */
export function traceExamplePaths({ get, set, untraced }: RunStoreContext) {
  const { result } = get();
  const spec = result && untraced.get(result);
  if (!result || !spec || trace?.result === result) return;
  cancelTrace();
  const mine = { result, handle: null as CallHandle<unknown> | null };
  trace = mine;
  set({ traceError: null });
  const ids = [...new Set(result.invariants.flatMap((i) => i.examples.map((e) => e.messageId)))];
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
}
