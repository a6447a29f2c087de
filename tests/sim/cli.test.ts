// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metering } from './boardBuilder';

const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
const file = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};
// Node with tsx's loader directly (not through npx): each case spawns the CLI, several per test.
const simulate = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], {
    encoding: 'utf8',
    cwd: process.cwd(),
    timeout: 60_000,
  });

/** The fields of `--json` output these tests read. */
interface CliJson {
  seed: number;
  events: number;
  traceHash: string;
  durationMs: number;
  stats: Record<string, unknown>;
  invariants: { id: string; holds: boolean; examples: { path: unknown[] }[] }[];
}
const parseOut = (stdout: string) => JSON.parse(stdout) as CliJson;

const good = file('board.json', metering({ dedup: false }).build());
const plan = file('plan.json', { faults: [{ kind: 'duplicate', target: '*', rate: 0.02 }] });

// Each spawn starts Node and compiles the engine: allow for a loaded machine.
describe('scripts/simulate.ts', { timeout: 90_000 }, () => {
  it('--json prints one object with seed, events, traceHash, invariants and per-node stats', () => {
    const r = simulate(good, '--faults', plan, '--seed', '7', '--events', '2000', '--json');
    expect(r.status).toBe(0);
    const out = parseOut(r.stdout);
    expect(out).toMatchObject({ seed: 7, events: 2000 });
    expect(out.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(typeof out.durationMs).toBe('number');
    expect(Object.keys(out.stats).sort()).toEqual(['aggregator', 'ledger', 'producer', 'queue']);
    const u = out.invariants.find((i) => i.id === 'usage-billed-exactly-once');
    expect(u?.holds).toBe(false);
    expect(u?.examples[0]?.path.length).toBeGreaterThan(0);
    const again = parseOut(
      simulate(good, '--faults', plan, '--seed', '7', '--events', '2000', '--json').stdout,
    );
    expect(again.traceHash).toBe(out.traceHash);
  });

  it('prints a readable table without --json (defaults: seed 1, 10,000 events)', () => {
    const r = simulate(good);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('seed 1 · 10,000 events');
    expect(r.stdout).toMatch(/usage-billed-exactly-once\s+holds/);
  });

  it('exits 2 naming the path of an invalid board', () => {
    const bad = structuredClone(metering().build());
    bad.nodes[3]!.config.graceMs = -5;
    const r = simulate(file('bad.json', bad), '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nodes.3.config.graceMs');
    expect(r.stdout).toBe('');
  });

  it('exits 2 naming the path of an invalid fault plan', () => {
    const r = simulate(
      good,
      '--faults',
      file('badplan.json', { faults: [{ kind: 'duplicate', target: '*', rate: 7 }] }),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('faults.0.rate');
  });

  it('exits 2 on unreadable or non-JSON files and bad options', () => {
    expect(simulate(join(dir, 'missing.json')).status).toBe(2);
    expect(simulate(file('text.json', 'not json')).status).toBe(2);
    expect(simulate(good, '--faults', file('text2.json', '{')).status).toBe(2);
    expect(simulate(good, '--seed', 'abc').status).toBe(2);
    expect(simulate(good, '--bogus').status).toBe(2);
  }, 60_000); // five CLI start-ups: slow on a loaded machine

  it("--scenario reads the scenario's fault plan and invariants; an unknown id lists the known ones", () => {
    const r = simulate(good, '--scenario', 'metering-pipeline', '--json', '--events', '2000');
    expect(r.status).toBe(0);
    expect(
      parseOut(r.stdout)
        .invariants.map((i) => i.id)
        .sort(),
    ).toEqual(['no-event-lost', 'pipeline-live', 'totals-on-time', 'usage-billed-exactly-once']);
    const bad = simulate(good, '--scenario', 'no-such-scenario');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('metering-pipeline');
  });

  it('exits 3 with the reason when a budget stops the run; refuses --events 0 and an empty board', () => {
    const loop = file(
      'loop.json',
      JSON.parse(
        JSON.stringify({
          ...metering({ dedup: false }).build(),
          edges: [
            { id: 'e1', source: 'producer', target: 'queue' },
            { id: 'e2', source: 'queue', target: 'aggregator' },
            { id: 'e3', source: 'aggregator', target: 'queue' },
          ],
        }),
      ),
    );
    const stopped = simulate(loop, '--events', '200');
    expect(stopped.status).toBe(3);
    expect(stopped.stderr).toMatch(/inconclusive: the run was stopped \(event-budget\)/);
    expect(stopped.stdout).toMatch(/usage-billed-exactly-once\s+unknown/);
    const zero = simulate(good, '--events', '0');
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('a run needs at least 1 event');
    const empty = file('empty.json', { ...metering().build(), nodes: [], edges: [] });
    const e = simulate(empty);
    expect(e.status).toBe(2);
    expect(e.stderr).toContain('the board is empty');
    const d = simulate(good, '--duration', '3600000', '--events', '500', '--json');
    expect(d.status).toBe(0);
    expect((JSON.parse(d.stdout) as { virtualMs: number }).virtualMs).toBeGreaterThan(3_500_000);
  }, 120_000);
});
