import { z } from 'zod';

export { FAULT_KINDS, EMPTY_FAULT_PLAN, type FaultKind } from './faultKinds';

const ms = z.number().int().min(0);
const rate = z.number().min(0).max(1);
/** A node id, an edge id, "kind:<kind>", "region:<a>|<b>" (partition), or "*". */
const target = z.string().min(1).max(80);

const windowed = { target, fromMs: ms.default(0), toMs: ms.optional() };

/** One fault of a plan; windows are in virtual ms, rates are per message. */
export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('duplicate'), ...windowed, rate }),
  z.strictObject({ kind: z.literal('late'), ...windowed, rate, delayMs: ms }),
  z.strictObject({
    kind: z.literal('reorder'),
    ...windowed,
    rate: rate.default(1),
    windowMs: ms.default(1000),
  }),
  z.strictObject({
    kind: z.literal('crash'),
    target,
    atMs: ms,
    downMs: ms,
    point: z.enum(['any', 'after-side-effect']).default('any'),
  }),
  z.strictObject({ kind: z.literal('timeout'), ...windowed, rate }),
  z.strictObject({ kind: z.literal('outage'), ...windowed, rate: rate.default(1) }),
  z.strictObject({ kind: z.literal('partition'), ...windowed }),
  z.strictObject({ kind: z.literal('poison'), ...windowed, rate }),
  z.strictObject({ kind: z.literal('clock-skew'), ...windowed, skewMs: z.number().int() }),
  /** Restarts the matching nodes onto new code at `atMs` (docs/simulation.md, "Deploys"). */
  z.strictObject({
    kind: z.literal('deploy'),
    target,
    atMs: ms,
    change: z.enum(['breaking', 'compatible']).default('compatible'),
  }),
]);

export const faultPlanSchema = z.strictObject({ faults: z.array(faultSchema).max(200) });

export type Fault = z.infer<typeof faultSchema>;
export type FaultPlan = z.infer<typeof faultPlanSchema>;

export type FaultPlanResult =
  { ok: true; plan: FaultPlan } | { ok: false; issues: { path: string; message: string }[]; message: string };

/** Validates a fault plan; each issue names its path (`faults.2.rate: …`). Never throws. */
export function parseFaultPlan(value: unknown): FaultPlanResult {
  const r = faultPlanSchema.safeParse(value);
  if (r.success) return { ok: true, plan: r.data };
  const issues = r.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  return { ok: false, issues, message: issues.map((i) => `${i.path}: ${i.message}`).join('\n') };
}
