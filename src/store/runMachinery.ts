// What a run needs and the first paint does not: XState's run machine and the simulation worker's
// client. The run store loads this module on the first Run (its own chunk), so the page's first
// JavaScript carries neither.
import { createActor } from 'xstate';
import { runMachine } from './runMachine';

export { CancelledError } from '../workers/clients/rpc';
export { explainInWorker, runInWorker } from '../workers/clients/simClient';

export const createLifecycle = () => createActor(runMachine).start();
