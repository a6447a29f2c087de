import { z } from 'zod';
import { getKindDefinition } from './catalog';
import { errorMessage } from './ids';
import type { Board } from './document';
import { faultPlanSchema, type FaultPlan } from './faultPlan';
import { INVARIANT_IDS, type InvariantId } from './invariants';
import { COMPONENT_KINDS, isComponentKind, type ComponentKind } from './kinds';
import { validateBoardForRun } from './parseBoard';

/**
 * A scenario file (docs/scenarios.md): one practice round — the prompt, what the interviewer probes, key
 * points tied to structural checks / invariants / talking points, a fault plan that applies to any
 * board, a reference design and known-wrong variants. Content lives in `content/scenarios/<id>.json`.
 */

const kind = z.enum(COMPONENT_KINDS);
const kinds = z.array(kind).min(1).max(COMPONENT_KINDS.length);
const invariantId = z.enum(INVARIANT_IDS);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The value a config key must have: a literal, any of a list, or a numeric bound.
 * @example { atLeast: 1 } // graceMs > 0
 */
export const configExpectSchema = z.union([
  scalar,
  z.array(scalar).min(1),
  z
    .strictObject({ atLeast: z.number().optional(), atMost: z.number().optional() })
    .refine((v) => v.atLeast !== undefined || v.atMost !== undefined, 'give atLeast or atMost'),
]);
export type ConfigExpect = z.infer<typeof configExpectSchema>;

/**
 * The structural vocabulary: small, general roles over the board graph. Kinds are catalog kinds;
 * labels never matter (docs/conventions.md#product-decisions: behaviour comes from kinds and config).
 */
export const structuralCheckSchema = z.discriminatedUnion('role', [
  /** At least `min` (1) nodes of `kind`, each config key matching when `config` is given. */
  z.strictObject({
    role: z.literal('has-kind'),
    kind,
    config: z.record(z.string(), configExpectSchema).optional(),
    min: z.number().int().min(1).optional(),
  }),
  /** Nodes of `kind` exist and every (or, with `match: 'some'`, at least one) has `key` = `value`. */
  z.strictObject({
    role: z.literal('config'),
    kind,
    key: z.string().min(1),
    value: configExpectSchema,
    match: z.enum(['every', 'some']).optional(),
  }),
  /** A direct edge from some `from`-kind node to some `to`-kind node. */
  z.strictObject({ role: z.literal('wired'), from: kind, to: kind }),
  /** A directed path from some `from`-kind node to some `to`-kind node. */
  z.strictObject({ role: z.literal('path'), from: kind, to: kind }),
  /** A path exists, and every path from a `from` node to a `to` node passes a `via`-kind node (with `config`). */
  z.strictObject({
    role: z.literal('through'),
    from: kind,
    to: kind,
    via: kinds,
    config: z.record(z.string(), configExpectSchema).optional(),
  }),
  /**
   * A path exists, and every path from a `from` node to a `to` node passes a deduplicating node: a
   * `dedup`, a `database` with a `uniqueKey`, or an `idempotency-store`. `crashSafe` also requires that
   * it keeps its keys through a crash atomically (durable dedup, transactional database, atomic store).
   */
  z.strictObject({
    role: z.literal('dedup-between'),
    from: kind,
    to: kind,
    crashSafe: z.boolean().optional(),
  }),
  /** Every caller of a `payment-provider` sends a deterministic idempotency key. */
  z.strictObject({ role: z.literal('idempotent-payment-call') }),
  /** Every workflow with activity steps compensates, and every step but its last can be undone. */
  z.strictObject({ role: z.literal('compensation-for'), kind: z.literal('activity') }),
  /** Nodes of `kind` exist and every edge into one comes from a node of one of the `from` kinds. */
  z.strictObject({ role: z.literal('only-fed-by'), kind, from: kinds }),
  /** Some node of `kind` has a direct input from a node of each of the `from` kinds (e.g. a reconciler). */
  z.strictObject({ role: z.literal('fed-by'), kind, from: kinds }),
]);

export type StructuralCheck = z.infer<typeof structuralCheckSchema>;
export type StructuralRole = StructuralCheck['role'];

/** A board document, validated strictly with `validateBoardForRun`; issues keep their document path. */
const boardSchema = z.unknown().transform((value, ctx): Board => {
  const r = validateBoardForRun(value);
  if (r.ok) return r.board;
  const issues = r.error.code === 'invalid' ? r.error.issues : [{ path: '', message: r.error.message }];
  for (const issue of issues) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: issue.path === '' ? [] : issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    });
  }
  return z.NEVER;
});

const text = (max: number) => z.string().trim().min(1).max(max);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase-dashed id like "dedup-before-aggregate"')
  .max(64);

export const keyPointSchema = z.strictObject({
  id: slug,
  text: text(400),
  check: structuralCheckSchema.optional(),
  invariant: invariantId.optional(),
  talkingPoint: z.literal(true).optional(),
});
export type KeyPoint = z.infer<typeof keyPointSchema>;

export const wrongVariantSchema = z.strictObject({
  id: slug,
  why: text(600),
  board: boardSchema,
  violates: invariantId,
});
export type WrongVariant = z.infer<typeof wrongVariantSchema>;

export const scenarioSchema = z
  .strictObject({
    id: slug,
    title: text(120),
    topic: text(60),
    difficulty: z.number().int().min(1).max(5),
    timeBoxMin: z.number().int().min(5).max(120),
    prompt: text(2000),
    probes: z.array(text(400)).min(1).max(12),
    keyPoints: z.array(keyPointSchema).min(1).max(30),
    hints: z.array(text(400)).min(2).max(3),
    faultPlan: faultPlanSchema,
    /** Virtual time the workload is spread over (ms), so that plans can hold events hours late. */
    durationMs: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400_000)
      .optional(),
    /** `totals-on-time`: how long after a window ends its totals may reach the ledger (ms). */
    totalsBudgetMs: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400_000)
      .optional(),
    invariants: z.array(invariantId).min(1),
    reference: boardSchema,
    wrongVariants: z.array(wrongVariantSchema).min(1).max(10),
    startBoard: boardSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const at = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', message, path });
    const dup = <T>(list: T[], key: (t: T) => string, where: string, name: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k)) at([where, i, name], `duplicate ${name} "${k}"`);
        seen.add(k);
      });
    };
    dup(s.keyPoints, (k) => k.id, 'keyPoints', 'id');
    dup(s.wrongVariants, (w) => w.id, 'wrongVariants', 'id');
    dup(s.invariants, (i) => i, 'invariants', 'id');
    const invariants = new Set<InvariantId>(s.invariants);
    s.keyPoints.forEach((kp, i) => {
      if (!kp.check && !kp.invariant && !kp.talkingPoint)
        at(['keyPoints', i], 'a key point needs a check, an invariant, or talkingPoint: true');
      if (kp.talkingPoint && kp.check)
        at(
          ['keyPoints', i, 'talkingPoint'],
          'a talking point is self-checked; it cannot also have a structural check',
        );
      if (kp.invariant && !invariants.has(kp.invariant))
        at(['keyPoints', i, 'invariant'], `"${kp.invariant}" is not in the scenario's invariants`);
      if (kp.check)
        checkConfigKeys(kp.check, (path, message) => at(['keyPoints', i, 'check', ...path], message));
    });
    s.wrongVariants.forEach((w, i) => {
      if (!invariants.has(w.violates))
        at(['wrongVariants', i, 'violates'], `"${w.violates}" is not in the scenario's invariants`);
    });
    s.faultPlan.faults.forEach((f, i) => {
      const problem = checkScenarioTarget(f.target);
      if (problem) at(['faultPlan', 'faults', i, 'target'], problem);
    });
  });

/** A scenario as loaded: boards validated and their config defaults filled. */
export type Scenario = Omit<
  z.output<typeof scenarioSchema>,
  'reference' | 'wrongVariants' | 'startBoard' | 'faultPlan'
> & {
  reference: Board;
  wrongVariants: WrongVariant[];
  startBoard?: Board;
  faultPlan: FaultPlan;
};

/**
 * A scenario's fault plan must apply to any user's board, so a target is `"*"` or `"kind:<kind>"`,
 * never a node or edge id. Returns a problem message, or null when the target is fine.
 */
export function checkScenarioTarget(target: string): string | null {
  if (target === '*') return null;
  if (target.startsWith('region:'))
    return /^region:[a-z0-9][a-z0-9-]*\|[a-z0-9][a-z0-9-]*$/.test(target)
      ? null
      : `"${target}": a region partition is written "region:<a>|<b>"`;
  if (!target.startsWith('kind:'))
    return `"${target}" looks like a node or edge id; a scenario's faults target "*" or "kind:<kind>" so they apply to any board`;
  const k = target.slice('kind:'.length);
  return isComponentKind(k) ? null : `unknown component kind "${k}"`;
}

function checkConfigKeys(
  check: StructuralCheck,
  at: (path: (string | number)[], message: string) => void,
): void {
  const known = (k: ComponentKind, key: string) =>
    getKindDefinition(k)?.fields.some((f) => f.key === key) ?? false;
  if (check.role === 'config' && !known(check.kind, check.key))
    at(['key'], `${check.kind} has no config key "${check.key}"`);
  if (check.role === 'has-kind' && check.config) {
    for (const key of Object.keys(check.config))
      if (!known(check.kind, key)) at(['config', key], `${check.kind} has no config key "${key}"`);
  }
  if (check.role === 'through' && check.config) {
    for (const key of Object.keys(check.config)) {
      if (!check.via.some((v) => known(v, key)))
        at(['config', key], `none of ${check.via.join(', ')} has a config key "${key}"`);
    }
  }
}

export type ScenarioParseResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; message: string; issues: { path: string; message: string }[] };

/** Validates a scenario value; each issue names its path (`keyPoints.2.check.role: …`). Never throws. */
export function parseScenario(value: unknown): ScenarioParseResult {
  try {
    const r = scenarioSchema.safeParse(value);
    if (r.success) return { ok: true, scenario: r.data as Scenario };
    const issues = r.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(root)',
      message: i.message,
    }));
    return { ok: false, issues, message: issues.map((i) => `${i.path}: ${i.message}`).join('\n') };
  } catch (cause) {
    const message = `the scenario could not be read: ${errorMessage(cause)}`;
    return { ok: false, issues: [{ path: '(root)', message }], message };
  }
}
