export * from './kinds';
export * from './limits';
export * from './configFields';
export * from './catalog';
export * from './document';
export * from './invariants';
export * from './faultKinds';
// The fault plan's zod schema and parseFaultPlan live in './faultPlan' (workers, CLI, scenarios): not re-exported,
// so that the first bundle carries no zod.
export type { Fault, FaultPlan, FaultPlanResult } from './faultPlan';
export * from './ids';
export * from './migrations';
export * from './parseBoard';
export * from './edgeKinds';
