// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { board } from './boardBuilder';
import { getKindDefinition, type ConfigKey, type KindConfigValue } from '../../src/domain/catalog';
import type { Board, BoardNode } from '../../src/domain/document';
import { isCrashSafeDeduplicator } from '../../src/domain/dedupSafety';
import { crashWeakness, isDeduplicating } from '../../src/grading/structural';
import { M, O, RETRY_CAP_MS, E, R, type Outcome } from '../../src/sim/engine/constants';
import { resendLater } from '../../src/sim/engine/resend';
import { setupSim } from '../../src/sim/engine/setup';
import { Sim } from '../../src/sim/engine/sim';
import { cfg, compileTopology } from '../../src/sim/engine/topology';
import { findForgetfulDedup, isDeduplicator } from '../../src/sim/invariants/structure';

/** Issue #9, "engine code a newcomer can change safely": what the types promise, held at compile and run time. */

describe('codes are typed per table (compile-time: `tsc -b` checks this file)', () => {
  it('a message type, an event type or a plain number is not an outcome', () => {
    const ok: Outcome = O.ok;
    // @ts-expect-error a message type where an outcome is expected
    const usage: Outcome = M.usage;
    // @ts-expect-error an event type where an outcome is expected
    const deliver: Outcome = E.deliver;
    // @ts-expect-error a bare number is not an outcome
    const one: Outcome = 1;
    // The same small integers at run time: only the types keep them apart.
    expect([ok, usage, deliver, one]).toEqual([0, 1, 3, 1]);
  });

  it('config keys and enum values come from the catalog', () => {
    const ttl: ConfigKey<'cache'> = 'ttlMs';
    // @ts-expect-error a misspelt key
    const misspelt: ConfigKey<'cache'> = 'ttl';
    // @ts-expect-error another kind's key
    const foreign: ConfigKey<'cache'> = 'visibilityTimeoutMs';
    const delivery: KindConfigValue<'queue', 'delivery'> = 'competing-consumers';
    // @ts-expect-error not one of the options
    const fanout: KindConfigValue<'queue', 'delivery'> = 'fanout';
    expect([ttl, misspelt, foreign, delivery, fanout]).toHaveLength(5);
  });
});

describe('cfg reads a node config through the catalog', () => {
  const raw = (config: Record<string, string | number | boolean>): Board => ({
    format: 'faultline/design',
    version: 1,
    title: 'raw',
    nodes: [{ id: 'q', kind: 'queue', label: 'q', position: { x: 0, y: 0 }, config }],
    edges: [],
  });
  const queueDefault = (key: string) =>
    getKindDefinition('queue')!.fields.find((f) => f.key === key)!.default;

  it('a missing or ill-typed value reads as the catalog default (no default is repeated in src/sim)', () => {
    const t = compileTopology(raw({ visibilityTimeoutMs: 'soon', delivery: 'fanout' }));
    expect(cfg(t, 0, 'queue', 'visibilityTimeoutMs')).toBe(queueDefault('visibilityTimeoutMs'));
    expect(cfg(t, 0, 'queue', 'orderedByKey')).toBe(queueDefault('orderedByKey'));
    expect(cfg(t, 0, 'queue', 'delivery')).toBe('broadcast');
  });

  it('a set value is read as set', () => {
    const t = compileTopology(
      raw({ visibilityTimeoutMs: 5000, orderedByKey: false, delivery: 'competing-consumers' }),
    );
    expect(cfg(t, 0, 'queue', 'visibilityTimeoutMs')).toBe(5000);
    expect(cfg(t, 0, 'queue', 'orderedByKey')).toBe(false);
    expect(cfg(t, 0, 'queue', 'delivery')).toBe('competing-consumers');
  });
});

describe('the per-node state table', () => {
  it("holds each node's state under its own kind only", () => {
    const b = board()
      .add('producer', { workload: 'usage' })
      .add('dedup')
      .add('database', { uniqueKey: 'eventId' })
      .chain('producer', 'dedup', 'database')
      .build();
    const s = new Sim(b, { seed: 1, events: 10, faultPlan: { faults: [] } });
    setupSim(s);
    const dedup = s.t.byId.get('dedup')!;
    const db = s.t.byId.get('database')!;
    expect(s.states.dedup[dedup]?.durable).toBe(false);
    expect(s.states.database[db]?.unique).toBe(1);
    // Read as the wrong kind, a node has no state (no cast that would misread it).
    expect(s.states.dedup[db]).toBeUndefined();
    expect(s.states.database[dedup]).toBeUndefined();
  });
});

describe('one predicate for "deduplicates / is crash-safe" in the invariants and in grading', () => {
  const variants: [string, Record<string, string | number | boolean>][] = [
    ['dedup', { durable: false }],
    ['dedup', { durable: true }],
    ['idempotency-store', { atomicWithWrite: false }],
    ['idempotency-store', { atomicWithWrite: true }],
    ['database', { uniqueKey: 'none', transactional: true }],
    ['database', { uniqueKey: 'eventId', transactional: false }],
    ['database', { uniqueKey: 'idempotencyKey', transactional: true }],
    ['cache', {}],
    ['worker', {}],
  ];

  it.each(variants)('%s %j: both layers agree', (kind, config) => {
    const b = board()
      .add('producer', { workload: 'usage' })
      .add(kind, config, 'x')
      .chain('producer', 'x')
      .build();
    const node: BoardNode = b.nodes.find((n) => n.id === 'x')!;
    const s = new Sim(b, { seed: 1, events: 10, faultPlan: { faults: [] } });
    setupSim(s);
    const n = s.t.byId.get('x')!;
    expect(isDeduplicator(s, n)).toBe(isDeduplicating(node));
    // After a crash the invariants name the node exactly when grading calls it not crash-safe.
    s.st.crashes[n] = 1;
    const named = findForgetfulDedup(s) !== null;
    expect(named).toBe(isDeduplicating(node) && crashWeakness(node) !== null);
    expect(isCrashSafeDeduplicator(node.kind, node.config)).toBe(
      isDeduplicating(node) && crashWeakness(node) === null,
    );
  });
});

describe('resend with backoff', () => {
  const fresh = () => {
    const b = board()
      .add('producer', { workload: 'usage' })
      .add('ledger')
      .chain('producer', 'ledger')
      .build();
    const s = new Sim(b, { seed: 1, events: 1, faultPlan: { faults: [] } });
    const rec = s.r.alloc(R.send, 0, s.m.alloc(M.usage, 0, 0, 0, 1), 0, -1, 0);
    return { s, rec };
  };

  it('waits 1 s, 2 s, 4 s … and gives up once the retries are used', () => {
    const { s, rec } = fresh();
    const waits = [1, 2, 3, 4].map(() => resendLater(s, rec, E.send, 3));
    expect(waits).toEqual([1000, 2000, 4000, -1]);
    expect(s.q.size).toBe(3);
  });

  it('caps the wait and stops past the horizon from the first attempt', () => {
    const { s, rec } = fresh();
    const capped = Array.from({ length: 8 }, () => resendLater(s, rec, E.retry));
    expect(capped.at(-1)).toBe(RETRY_CAP_MS);
    const h = fresh();
    h.s.r.time[h.rec] = 10_000; // the first attempt
    // Failures at 10 s, 11 s and 13 s: the third resend (4 s later) would be 7 s after the first,
    // past a 5 s horizon.
    const withHorizon = [10_000, 11_000, 13_000].map((now) => {
      h.s.now = now;
      return resendLater(h.s, h.rec, E.retry, Infinity, RETRY_CAP_MS, 5000);
    });
    expect(withHorizon).toEqual([1000, 2000, -1]);
  });
});
