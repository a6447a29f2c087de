// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Board } from '../../src/domain/document';
import type { FaultPlan } from '../../src/domain/faultPlan';
import { createSampleBoard } from '../../src/store/sampleBoard';

const dir = mkdtempSync(join(tmpdir(), 'faultline-attack-cli-'));
let n = 0;
const file = (value: unknown) => {
  const p = join(dir, `f${++n}.json`);
  writeFileSync(p, JSON.stringify(value));
  return p;
};
const simulate = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/simulate.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

interface RunJson {
  traceHash: string;
  invariants: { id: string; holds: boolean }[];
  attack?: {
    found: boolean;
    invariant: string;
    plan: FaultPlan;
    seed: number;
    events: number;
    tries: number;
    searchMs: number;
  };
  repair?: { suggestions: { summary: string; board: Board }[] };
}
const json = (stdout: string) => JSON.parse(stdout) as RunJson;
const holds = (r: RunJson, id: string) => r.invariants.find((i) => i.id === id)?.holds;

const board = file(createSampleBoard());
const INV = 'usage-billed-exactly-once';

describe('npm run simulate -- --attack / --repair', () => {
  it('--attack --json: the usual result plus attack; the plan reproduces through --faults; --repair fixes it', () => {
    const r = simulate(board, '--attack', '--invariant', INV, '--seed', '2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = json(r.stdout);
    const a = out.attack!;
    expect(a).toMatchObject({ found: true, invariant: INV });
    expect(typeof a.tries).toBe('number');
    expect(typeof a.searchMs).toBe('number');
    expect(a.plan.faults.length).toBeGreaterThan(0);
    const at = ['--seed', String(a.seed), '--events', String(a.events)];
    const plan = file(a.plan);
    const again = json(simulate(board, '--faults', plan, ...at, '--json').stdout);
    expect(again.traceHash).toBe(out.traceHash);
    expect(holds(again, INV)).toBe(false);

    const fix = simulate(board, '--repair', '--faults', plan, ...at, '--json');
    expect(fix.status, fix.stderr).toBe(0);
    const suggestions = json(fix.stdout).repair!.suggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    const fixed = json(simulate(file(suggestions[0]!.board), '--faults', plan, ...at, '--json').stdout);
    expect(holds(fixed, INV)).toBe(true);
  }, 180_000);

  it('--repair without --faults is refused (exit 2)', () => {
    const r = simulate(board, '--repair');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--faults');
  }, 60_000);
});
