export * from './kinds';
export * from './limits';
export * from './configFields';
export * from './catalog';
export * from './document';
export * from './annotations';
// The invariants' ids and meanings ('./invariants') are not re-exported: only the run panel, the round
// and the workers use them, and a re-export here would put them in the first load.
export * from './faultKinds';
// The fault plan's zod schema and parseFaultPlan live in './faultPlan' (workers, CLI, scenarios): not re-exported,
// so that the first bundle carries no zod.
export type { Fault, FaultPlan, FaultPlanResult } from './faultPlan';
export * from './ids';
export * from './migrations';
export * from './parseBoard';
export * from './edgeKinds';
