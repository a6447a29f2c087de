import { z } from 'zod';

import { FAULT_KINDS } from './faultKinds';

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

/** What each field of a fault means, for messages: "atMs (when the crash happens, in virtual ms)". */
const FIELD_MEANING: Record<string, string> = {
  target: 'what the fault hits: a node id, an edge id, "kind:<kind>" or "*"',
  fromMs: 'when the fault window opens, in virtual ms',
  toMs: 'when the fault window closes, in virtual ms',
  rate: 'the share of deliveries hit, from 0 to 1',
  delayMs: 'how late the events arrive, in ms',
  windowMs: 'how far deliveries are held back, in ms',
  atMs: 'when the node crashes, in virtual ms',
  downMs: 'how long the node stays down, in ms',
  point: 'when the crash happens: "any" or "after-side-effect"',
  skewMs: "how far the producer's clock is off, in ms",
  faults: 'the list of faults',
};

function got(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** One schema problem, in the product's words (no validation-library phrasing). */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const meaning = FIELD_MEANING[field];
  const what = meaning ? `${field} (${meaning})` : field || 'the fault plan';
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_union':
      if (field === 'kind')
        return `unknown fault kind ${got(value)}; a fault is one of ${FAULT_KINDS.join(', ')}`;
      return `${what} is not valid (found ${got(value)})`;
    case 'invalid_type':
      if (value === undefined) return `${what} is missing`;
      if (issue.expected === 'int') return `${what} must be a whole number, found ${got(value)}`;
      if (issue.expected === 'object' && issue.path.length === 0)
        return 'a fault plan is an object like { "faults": [ … ] }';
      if (issue.expected === 'array') return `${what} must be a list, found ${got(value)}`;
      return `${what} must be ${issue.expected === 'string' ? 'text' : `a ${String(issue.expected)}`}, found ${got(value)}`;
    case 'too_small':
      if (issue.origin === 'string') return `${what} is empty`;
      return `${what} must be at least ${String(issue.minimum)}, found ${got(value)}`;
    case 'too_big':
      if (issue.origin === 'array') return `a plan holds at most ${String(issue.maximum)} faults`;
      return `${what} must be at most ${String(issue.maximum)}, found ${got(value)}`;
    case 'invalid_value':
      return `${what} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${got(value)}`;
    case 'unrecognized_keys': {
      const kind = valueAt(root, [...issue.path, 'kind']);
      return `${issue.keys.map((k) => JSON.stringify(k)).join(', ')} ${issue.keys.length > 1 ? 'are' : 'is'} not a setting of ${typeof kind === 'string' ? `a ${kind} fault` : 'a fault plan'}`;
    }
    default:
      return `${what} is not valid (found ${got(value)})`;
  }
}

/** Validates a fault plan; each issue names its path (`faults.2.rate: …`) in plain words. Never throws. */
export function parseFaultPlan(value: unknown): FaultPlanResult {
  const r = faultPlanSchema.safeParse(value);
  if (r.success) return { ok: true, plan: r.data };
  const issues = r.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: describeIssue(i, value),
  }));
  return { ok: false, issues, message: issues.map((i) => `${i.path}: ${i.message}`).join('\n') };
}
