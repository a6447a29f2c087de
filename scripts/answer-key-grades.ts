/**
 * Grades three tempting non-answers against every round that they apply to, the way the app grades
 * (3 seeds × 10,000 events, every talking point ticked, no hints):
 * - "give up at the first error": every workflow of the reference with `retries: 0`;
 * - "wait for everything": every aggregator of the reference with a day of grace;
 * - "charge through both providers": a second payment provider wired beside the first.
 * Usage: npx tsx scripts/answer-key-grades.ts [--events N] [--json]
 */
import { listScenarioIds, loadScenarioNode } from '../src/content/loadScenarioNode';
import type { Board } from '../src/domain/document';
import type { Scenario } from '../src/domain/scenario';
import { gradeAttempt } from '../src/grading/grade';

const args = process.argv.slice(2);
const eventsAt = args.indexOf('--events');
const EVENTS = eventsAt >= 0 ? Number(args[eventsAt + 1]) : 10_000;
const JSON_OUT = args.includes('--json');
const DAY_MS = 86_400_000;

type Variant = { id: string; make: (b: Board) => Board | null };

const withKindConfig = (b: Board, kind: string, config: Record<string, number>): Board | null => {
  if (!b.nodes.some((n) => n.kind === kind)) return null;
  const c = structuredClone(b);
  for (const n of c.nodes) if (n.kind === kind) n.config = { ...n.config, ...config };
  return c;
};

export const NON_ANSWERS: Variant[] = [
  { id: 'give-up-at-first-error', make: (b) => withKindConfig(b, 'workflow', { retries: 0 }) },
  { id: 'wait-for-everything', make: (b) => withKindConfig(b, 'aggregator', { graceMs: DAY_MS }) },
  {
    id: 'charge-through-both-providers',
    make: (b) => {
      const providers = b.nodes.filter((n) => n.kind === 'payment-provider');
      if (providers.length !== 1 || !b.scenario?.includes('migration')) return null;
      const pp = providers[0]!;
      const c = structuredClone(b);
      const twin = { ...structuredClone(pp), id: `${pp.id}-2`, label: 'second provider' };
      twin.position = { x: pp.position.x, y: pp.position.y + 160 };
      c.nodes.push(twin);
      for (const e of b.edges) {
        if (e.target === pp.id) c.edges.push({ id: `${e.id}-2`, source: e.source, target: twin.id });
        if (e.source === pp.id) c.edges.push({ id: `${e.id}-2`, source: twin.id, target: e.target });
      }
      return c;
    },
  },
];

function load(id: string): Scenario {
  const r = loadScenarioNode(id);
  if (!r.ok) throw new Error(`${id}: ${r.message}`);
  return r.scenario;
}

const rows: { round: string; variant: string; score: number; broken: string[] }[] = [];
for (const id of listScenarioIds()) {
  const s = load(id);
  const ticks = s.keyPoints.filter((k) => k.talkingPoint).map((k) => k.id);
  for (const v of NON_ANSWERS) {
    const board = v.make({ ...s.reference, scenario: s.id });
    if (!board) continue;
    const g = gradeAttempt(s, board, {
      seeds: [1, 2, 3],
      events: EVENTS,
      explain: false,
      tickedTalkingPoints: ticks,
    });
    const broken = g.behavioural.ok
      ? g.behavioural.rows.filter((r) => !r.user.holds).map((r) => `${r.invariant} (${r.user.count})`)
      : [`not run: ${g.behavioural.reason}`];
    rows.push({ round: id, variant: v.id, score: g.score, broken });
  }
}
if (JSON_OUT) console.log(JSON.stringify(rows, null, 2));
else
  for (const r of rows)
    console.log(
      `${r.round.padEnd(28)} ${r.variant.padEnd(30)} ${String(r.score).padStart(3)}  ${r.broken.join(', ') || 'keeps every invariant'}`,
    );
