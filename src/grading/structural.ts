import type { ConfigValue } from '../domain/catalog';
import { isCrashSafeDeduplicator } from '../domain/dedupSafety';
import { crashWeakness, isDeduplicating, settingLabel } from './settingWords';
import type { Board, BoardNode } from '../domain/document';
import type { InvariantId } from '../domain/invariants';
import type { ConfigExpect, Scenario, StructuralCheck } from '../domain/scenario';
import {
  aKind,
  createBoardGraph,
  describeNode,
  describePath,
  findPath,
  nodesOfKind,
  orList,
  type BoardGraph,
} from './graph';

export { crashWeakness, isDeduplicating, settingLabel };

/** The outcome of one structural check; `nodeIds` are the components the message is about (to highlight). */
export type CheckOutcome = { ok: true } | { ok: false; message: string; nodeIds: string[] };

/** A key point whose structural check the board fails. */
export interface StructuralGap {
  keyPointId: string;
  keyPointText: string;
  role: StructuralCheck['role'];
  /** What is missing, in words a candidate understands, naming labels and kinds. */
  message: string;
  nodeIds: string[];
  /** The invariant this key point protects, when it names one. */
  invariant?: InvariantId;
}

export interface StructuralResult {
  /** Key points with a check, in scenario order. */
  checked: { keyPointId: string; ok: boolean }[];
  passed: number;
  total: number;
  gaps: StructuralGap[];
}

/** Evaluates every key point's structural check of a scenario on a board. */
export function evaluateStructure(scenario: Pick<Scenario, 'keyPoints'>, board: Board): StructuralResult {
  const g = createBoardGraph(board);
  const checked: StructuralResult['checked'] = [];
  const gaps: StructuralGap[] = [];
  for (const kp of scenario.keyPoints) {
    if (!kp.check) continue;
    const r = evaluateCheckOnGraph(g, kp.check);
    checked.push({ keyPointId: kp.id, ok: r.ok });
    if (!r.ok) {
      gaps.push({
        keyPointId: kp.id,
        keyPointText: kp.text,
        role: kp.check.role,
        message: r.message,
        nodeIds: r.nodeIds,
        ...(kp.invariant ? { invariant: kp.invariant } : {}),
      });
    }
  }
  const passed = checked.filter((c) => c.ok).length;
  return { checked, passed, total: checked.length, gaps };
}

/**
 * Evaluates one structural check on a board.
 * @example evaluateCheck(board, { role: 'dedup-between', from: 'queue', to: 'aggregator' })
 */
export function evaluateCheck(board: Board, check: StructuralCheck): CheckOutcome {
  return evaluateCheckOnGraph(createBoardGraph(board), check);
}

const OK: CheckOutcome = { ok: true };
const gap = (message: string, nodes: BoardNode[] = []): CheckOutcome => ({
  ok: false,
  message,
  nodeIds: nodes.map((n) => n.id),
});

export function evaluateCheckOnGraph(g: BoardGraph, check: StructuralCheck): CheckOutcome {
  switch (check.role) {
    case 'has-kind':
      return hasKind(g, check.kind, check.config, check.min ?? 1);
    case 'config':
      return configCheck(g, check.kind, check.key, check.value, check.match ?? 'every');
    case 'wired':
      return wired(g, check.from, check.to);
    case 'path':
      return pathCheck(g, check.from, check.to);
    case 'through':
      return through(g, check.from, check.to, check.via, check.config);
    case 'dedup-between':
      return dedupBetween(g, check.from, check.to, check.crashSafe ?? false);
    case 'idempotent-payment-call':
      return idempotentPaymentCall(g);
    case 'compensation-for':
      return compensation(g);
    case 'only-fed-by':
      return onlyFedBy(g, check.kind, check.from);
    case 'fed-by':
      return fedBy(g, check.kind, check.from);
  }
}

// ── config values ────────────────────────────────────────────────────────────────────────────

/** Whether a config value meets an expectation (a literal, any of a list, or a numeric bound). */
export function matchesExpect(actual: ConfigValue | undefined, expect: ConfigExpect): boolean {
  if (Array.isArray(expect)) return expect.some((e) => e === actual);
  if (typeof expect === 'object') {
    if (typeof actual !== 'number') return false;
    return (
      (expect.atLeast === undefined || actual >= expect.atLeast) &&
      (expect.atMost === undefined || actual <= expect.atMost)
    );
  }
  return actual === expect;
}

export function describeExpect(expect: ConfigExpect): string {
  if (Array.isArray(expect))
    return expect.length === 1 ? show(expect[0]) : `one of ${expect.map(show).join(', ')}`;
  if (typeof expect === 'object') {
    if (expect.atLeast !== undefined && expect.atMost !== undefined)
      return `between ${expect.atLeast} and ${expect.atMost}`;
    return expect.atLeast !== undefined ? `at least ${expect.atLeast}` : `at most ${expect.atMost}`;
  }
  return show(expect);
}

const show = (v: ConfigValue | undefined) =>
  v === undefined ? 'unset' : typeof v === 'string' ? `"${v}"` : String(v);

/** "hourly-rollup (aggregator): “Late events” is "drop"; set it to "correction-log"" — what is wrong and what to change. */
function settingMessage(n: BoardNode, key: string, expect: ConfigExpect): string {
  const want = describeExpect(expect);
  return `${describeNode(n)}: ${settingLabel(n.kind, key)} is ${show(n.config[key])}; set it to ${want}`;
}

/** The first config key of `n` that misses its expectation, as a message; null when all match. */
function configMismatch(n: BoardNode, config: Record<string, ConfigExpect> | undefined): string | null {
  for (const [key, expect] of Object.entries(config ?? {})) {
    if (!matchesExpect(n.config[key], expect)) return settingMessage(n, key, expect);
  }
  return null;
}

const missingKind = (kind: string) => gap(`the board has no ${aKind(kind).replace(/^an? /, '')} (${kind})`);

// ── roles ────────────────────────────────────────────────────────────────────────────────────

function hasKind(
  g: BoardGraph,
  kind: string,
  config: Record<string, ConfigExpect> | undefined,
  min: number,
): CheckOutcome {
  const all = nodesOfKind(g, kind);
  if (all.length === 0) return missingKind(kind);
  const good = all.filter((n) => configMismatch(n, config) === null);
  if (good.length >= min) return OK;
  if (good.length === 0) {
    const bad = all[0]!;
    return gap(configMismatch(bad, config)!, [bad]);
  }
  return gap(
    `the design needs at least ${min} × ${kind}${config ? ' configured this way' : ''}; it has ${good.length}`,
    good,
  );
}

function configCheck(
  g: BoardGraph,
  kind: string,
  key: string,
  expect: ConfigExpect,
  match: 'every' | 'some',
): CheckOutcome {
  const all = nodesOfKind(g, kind);
  if (all.length === 0) return missingKind(kind);
  const bad = all.filter((n) => !matchesExpect(n.config[key], expect));
  if (match === 'every' && bad.length > 0) {
    const n = bad[0]!;
    return gap(settingMessage(n, key, expect), bad);
  }
  if (match === 'some' && bad.length === all.length) {
    return gap(
      `set ${settingLabel(kind, key)} to ${describeExpect(expect)} on at least one ${kind} (${all.map((n) => `${describeNode(n)}: ${show(n.config[key])}`).join(', ')})`,
      all,
    );
  }
  return OK;
}

function needKinds(g: BoardGraph, ...kinds: string[]): CheckOutcome | null {
  for (const k of kinds) if (nodesOfKind(g, k).length === 0) return missingKind(k);
  return null;
}

function wired(g: BoardGraph, from: string, to: string): CheckOutcome {
  const missing = needKinds(g, from, to);
  if (missing) return missing;
  const sources = nodesOfKind(g, from);
  if (sources.some((s) => g.out.get(s.id)!.some((t) => t.kind === to))) return OK;
  const names = sources.slice(0, 3).map(describeNode).join(', ');
  return gap(
    `nothing connects ${aKind(from)} to ${aKind(to)}: ${names} ${sources.length === 1 ? 'has' : 'have'} no edge to one`,
    sources,
  );
}

function pathCheck(g: BoardGraph, from: string, to: string): CheckOutcome {
  const missing = needKinds(g, from, to);
  if (missing) return missing;
  if (findPath(g, nodesOfKind(g, from), nodesOfKind(g, to))) return OK;
  return gap(
    `nothing flows from ${aKind(from)} to ${aKind(to)}: no path connects ${describeNode(nodesOfKind(g, from)[0]!)} to ${describeNode(nodesOfKind(g, to)[0]!)}`,
    [...nodesOfKind(g, from), ...nodesOfKind(g, to)],
  );
}

function through(
  g: BoardGraph,
  from: string,
  to: string,
  via: string[],
  config: Record<string, ConfigExpect> | undefined,
): CheckOutcome {
  const missing = needKinds(g, from, to);
  if (missing) return missing;
  const src = nodesOfKind(g, from);
  const dst = nodesOfKind(g, to);
  if (!findPath(g, src, dst)) return pathCheck(g, from, to);
  const guard = (n: BoardNode) => via.includes(n.kind) && configMismatch(n, config) === null;
  const leak = findPath(g, src, dst, guard);
  if (!leak) return OK;
  const viaText = orList(via.map(aKind));
  const weak = leak.filter((n) => via.includes(n.kind));
  if (weak.length > 0)
    return gap(`${describePath(leak)} passes ${viaText} but ${configMismatch(weak[0]!, config)}`, leak);
  return gap(`${describePath(leak)} passes no ${viaText.replace(/\ban? /g, '')}`, leak);
}

function dedupBetween(g: BoardGraph, from: string, to: string, crashSafe: boolean): CheckOutcome {
  const missing = needKinds(g, from, to);
  if (missing) return missing;
  const src = nodesOfKind(g, from);
  const dst = nodesOfKind(g, to);
  if (!findPath(g, src, dst)) return pathCheck(g, from, to);
  const loose = findPath(g, src, dst, isDeduplicating);
  if (loose) {
    const a = loose[0]!;
    const b = loose[loose.length - 1]!;
    return gap(
      `nothing deduplicates between ${describeNode(a)} and ${describeNode(b)}${loose.length > 2 ? ` on ${describePath(loose)}` : ''}`,
      loose,
    );
  }
  if (!crashSafe) return OK;
  const strict = findPath(g, src, dst, (n) => isCrashSafeDeduplicator(n.kind, n.config));
  if (!strict) return OK;
  const weak = strict.find((n) => isDeduplicating(n))!;
  return gap(
    `between ${describeNode(strict[0]!)} and ${describeNode(strict[strict.length - 1]!)}, ${crashWeakness(weak)}`,
    strict,
  );
}

/**
 * Where the key on a message into `node` comes from: walking back through nodes that pass messages
 * on with their key (queue, API, dedup, database outbox…) to the workers or producers that made them.
 */
function keyOrigins(g: BoardGraph, node: BoardNode): BoardNode[] {
  const origins: BoardNode[] = [];
  const seen = new Set<string>([node.id]);
  const stack = [...g.in.get(node.id)!];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    const inputs = g.in.get(n.id)!;
    if (n.kind === 'worker' || n.kind === 'producer' || inputs.length === 0) origins.push(n);
    else stack.push(...inputs);
  }
  return origins;
}

function idempotentPaymentCall(g: BoardGraph): CheckOutcome {
  const providers = nodesOfKind(g, 'payment-provider');
  if (providers.length === 0) return missingKind('payment-provider');
  for (const p of providers) {
    if (g.in.get(p.id)!.length === 0) return gap(`nothing calls ${describeNode(p)}`, [p]);
    for (const c of keyOrigins(g, p)) {
      if (c.kind === 'worker') {
        if (c.config.idempotencyKey === 'deterministic') continue;
        const why =
          c.config.idempotencyKey === 'random-per-attempt'
            ? 'makes a new idempotency key on every attempt, so a retry after a timeout charges again'
            : 'sends no idempotency key, so a retry after a timeout charges again';
        return gap(`the call from ${describeNode(c)} to the payment provider ${describeNode(p)} ${why}`, [
          c,
          p,
        ]);
      }
      return gap(
        `${describeNode(c)} reaches the payment provider ${describeNode(p)} without an idempotency key; put a worker that sends a deterministic key in front of the provider`,
        [c, p],
      );
    }
  }
  return OK;
}

function compensation(g: BoardGraph): CheckOutcome {
  const flows = nodesOfKind(g, 'workflow').filter((w) => g.out.get(w.id)!.some((n) => n.kind === 'activity'));
  if (flows.length === 0) {
    const acts = nodesOfKind(g, 'activity');
    return acts.length === 0
      ? missingKind('activity')
      : gap(
          `no workflow runs the activity steps (${acts.slice(0, 3).map(describeNode).join(', ')}), so nothing can compensate them`,
          acts,
        );
  }
  for (const w of flows) {
    const steps = g.out.get(w.id)!.filter((n) => n.kind === 'activity');
    if (steps.length < 2) continue;
    if (w.config.compensate !== true)
      return gap(
        `${describeNode(w)} does not compensate: when a later step fails for good, the steps already done stay done (compensate is off)`,
        [w],
      );
    const undoable = steps.slice(0, -1).find((s) => s.config.hasCompensation !== true);
    if (undoable)
      return gap(
        `${describeNode(undoable)} has no compensation, so ${describeNode(w)} cannot undo it when a later step fails`,
        [undoable, w],
      );
  }
  return OK;
}

function onlyFedBy(g: BoardGraph, kind: string, from: string[]): CheckOutcome {
  const all = nodesOfKind(g, kind);
  if (all.length === 0) return missingKind(kind);
  for (const n of all) {
    const inputs = g.in.get(n.id)!;
    if (inputs.length === 0)
      return gap(`nothing feeds ${describeNode(n)}; it should be driven by ${orList(from.map(aKind))}`, [n]);
    const bad = inputs.find((s) => !from.includes(s.kind));
    if (bad)
      return gap(
        `${describeNode(n)} is driven by ${describeNode(bad)}; only ${orList(from.map(aKind))} should drive it${bad.kind === 'worker' ? ' (a worker keeps its progress in memory and loses it on a crash)' : ''}`,
        [n, bad],
      );
  }
  return OK;
}

function fedBy(g: BoardGraph, kind: string, from: string[]): CheckOutcome {
  const all = nodesOfKind(g, kind);
  if (all.length === 0) return missingKind(kind);
  let best: { n: BoardNode; missing: string[] } | null = null;
  for (const n of all) {
    const inputs = new Set(g.in.get(n.id)!.map((s) => s.kind));
    const missing = from.filter((k) => !inputs.has(k));
    if (missing.length === 0) return OK;
    if (!best || missing.length < best.missing.length) best = { n, missing };
  }
  return gap(
    `${describeNode(best!.n)} needs inputs from ${from.map(aKind).join(' and ')}; it has none from ${orList(best!.missing.map(aKind))}`,
    [best!.n],
  );
}
