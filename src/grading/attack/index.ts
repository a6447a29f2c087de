/**
 * The adversarial interviewer (docs/simulation.md, "The adversarial interviewer"): a seeded,
 * structure-guided search for a fair fault plan that breaks a board, a shrinker that reduces it to
 * the smallest question, and single-edit repair suggestions. Plain TypeScript over src/sim.
 */
export {
  FAIR_BUDGET,
  checkFairness,
  maxFairWindowMs,
  retryHorizonMs,
  resolveTarget,
  runLengthMs,
  backoffSpanMs,
} from './budget';
export { nodesOnSinkPaths, singleFaultCandidates, type Candidate } from './candidates';
export { SINK_KINDS } from './threatModel';
export {
  attackSteps,
  runAttack,
  guidedPlans,
  randomPlans,
  type AttackOptions,
  type AttackProgress,
  type AttackResult,
} from './search';
export { shrinkSteps } from './shrink';
export { describeFault, describePlanQuestion } from './question';
export {
  suggestRepairs,
  candidateEdits,
  type RepairChange,
  type RepairOptions,
  type RepairResult,
  type RepairSuggestion,
} from './repair';
