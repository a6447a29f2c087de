import { getApplicableInvariants, runSimulation } from '../sim';
import type { SimRunner } from './behavioural';

/**
 * The real engine (src/sim) as grading's runner. Grading shows verdicts, counts and summaries, not
 * message paths, so it skips the engine's second "explain" pass and the animation samples (the
 * suite of 40 runs takes about half the time).
 */
export const runWithEngine: SimRunner = (board, opts) =>
  runSimulation(board, { ...opts, explain: false, sampleLimit: 0 });

/** Which invariants the engine can observe on a board (by its workloads and components). */
export const appliesWithEngine = getApplicableInvariants;
