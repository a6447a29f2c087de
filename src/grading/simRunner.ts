import { getApplicableInvariants, runSimulation } from '../sim';
import type { SimRunner } from './behavioural';

/** The real engine (src/sim) as grading's runner. */
export const runWithEngine: SimRunner = (board, opts) => runSimulation(board, opts);

/** Which invariants the engine can observe on a board (by its workloads and components). */
export const appliesWithEngine = getApplicableInvariants;
