import type { FaultPlan } from './faultPlan';

/** Fault kinds (docs/formats.md, "The fault plan"). Kept apart from the zod schema so that the first bundle needs no zod. */
export const FAULT_KINDS = [
  'duplicate',
  'late',
  'reorder',
  'crash',
  'timeout',
  'outage',
  'partition',
  'poison',
  'clock-skew',
  'deploy',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const EMPTY_FAULT_PLAN: FaultPlan = { faults: [] };
