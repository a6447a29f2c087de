// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { StructuralCheck } from '../../src/domain/scenario';
import { evaluateCheck, evaluateStructure, matchesExpect } from '../../src/grading/structural';
import { board, withConfig, withoutNode } from './boardDriver';

const metering = () =>
  board()
    .add('p', 'producer', { workload: 'usage' }, 'app-servers')
    .add('q', 'queue', {}, 'usage-events')
    .add('w', 'worker', {}, 'meter-consumer')
    .add('d', 'dedup', { durable: true }, 'seen-ids')
    .add('a', 'aggregator', {}, 'hourly-rollup')
    .add('l', 'ledger', {}, 'billing-ledger')
    .chain('p', 'q', 'w', 'd', 'a', 'l')
    .build();

describe('dedup-between', () => {
  const check = { role: 'dedup-between', from: 'queue', to: 'aggregator' } as const;

  it('passes when a dedup sits on every path', () => {
    expect(evaluateCheck(metering(), check)).toEqual({ ok: true });
  });

  it('names both ends when nothing deduplicates', () => {
    const r = evaluateCheck(withoutNode(metering(), 'd'), check);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(
        'nothing deduplicates between usage-events (queue) and hourly-rollup (aggregator)',
      );
      expect(r.nodeIds).toEqual(['q', 'w', 'a']);
    }
  });

  it('finds a bypass around the dedup', () => {
    const b = metering();
    b.edges.push({ id: 'bypass', source: 'w', target: 'a' });
    expect(evaluateCheck(b, check).ok).toBe(false);
  });

  it('accepts a database with a unique key, and an idempotency store', () => {
    const db = board()
      .add('q', 'queue')
      .add('db', 'database', { uniqueKey: 'eventId' })
      .add('a', 'aggregator')
      .chain('q', 'db', 'a')
      .build();
    expect(evaluateCheck(db, check).ok).toBe(true);
    expect(evaluateCheck(withConfig(db, 'db', { uniqueKey: 'none' }), check).ok).toBe(false);
    const store = board()
      .add('q', 'queue')
      .add('s', 'idempotency-store')
      .add('a', 'aggregator')
      .chain('q', 's', 'a')
      .build();
    expect(evaluateCheck(store, check).ok).toBe(true);
  });

  it('with crashSafe, explains why an in-memory or split-write dedup is not enough', () => {
    const safe = { ...check, crashSafe: true };
    expect(evaluateCheck(metering(), safe).ok).toBe(true);
    const mem = evaluateCheck(withConfig(metering(), 'd', { durable: false }), safe);
    expect(mem.ok).toBe(false);
    if (!mem.ok) expect(mem.message).toMatch(/seen-ids \(dedup\) keeps its keys in memory/);
    const db = board()
      .add('q', 'queue')
      .add('db', 'database', { uniqueKey: 'eventId' }, 'usage-db')
      .add('a', 'aggregator')
      .chain('q', 'db', 'a')
      .build();
    const split = evaluateCheck(db, safe);
    expect(split.ok).toBe(false);
    if (!split.ok)
      expect(split.message).toMatch(
        /usage-db \(database\) writes the result and the processed key separately/,
      );
    expect(evaluateCheck(withConfig(db, 'db', { transactional: true }), safe).ok).toBe(true);
  });

  it('reports a missing kind or a missing path', () => {
    const noAgg = board().add('q', 'queue').build();
    const r = evaluateCheck(noAgg, check);
    expect(!r.ok && r.message).toBe('the board has no aggregator (aggregator)');
    const apart = board().add('q', 'queue').add('a', 'aggregator').build();
    const r2 = evaluateCheck(apart, check);
    expect(!r2.ok && r2.message).toMatch(/no path connects/);
  });
});

describe('has-kind and config', () => {
  it('has-kind counts nodes and matches config', () => {
    const b = metering();
    expect(evaluateCheck(b, { role: 'has-kind', kind: 'dedup' }).ok).toBe(true);
    expect(evaluateCheck(b, { role: 'has-kind', kind: 'dedup', config: { durable: true } }).ok).toBe(true);
    const r = evaluateCheck(b, { role: 'has-kind', kind: 'dedup', config: { key: 'idempotencyKey' } });
    expect(!r.ok && r.message).toBe('seen-ids (dedup): “Key” is "eventId"; set it to "idempotencyKey"');
    expect(evaluateCheck(b, { role: 'has-kind', kind: 'worker', min: 2 }).ok).toBe(false);
    const none = evaluateCheck(b, { role: 'has-kind', kind: 'correction-log' });
    expect(!none.ok && none.message).toBe('the board has no correction log (correction-log)');
  });

  it('config checks every node by default, or some with match: some', () => {
    const b = board()
      .add('a1', 'aggregator', { graceMs: 5000 }, 'fast')
      .add('a2', 'aggregator', {}, 'slow')
      .build();
    const every = evaluateCheck(b, {
      role: 'config',
      kind: 'aggregator',
      key: 'graceMs',
      value: { atLeast: 1 },
    });
    expect(!every.ok && every.message).toBe(
      'slow (aggregator): “Grace period (ms)” is 0; set it to at least 1',
    );
    expect(
      evaluateCheck(b, {
        role: 'config',
        kind: 'aggregator',
        key: 'graceMs',
        value: { atLeast: 1 },
        match: 'some',
      }).ok,
    ).toBe(true);
    expect(
      evaluateCheck(b, {
        role: 'config',
        kind: 'aggregator',
        key: 'latePolicy',
        value: ['correction-log'],
        match: 'some',
      }).ok,
    ).toBe(false);
  });

  it('matchesExpect handles literals, lists and bounds', () => {
    expect(matchesExpect('refetch', ['version-check', 'refetch'])).toBe(true);
    expect(matchesExpect('naive', ['version-check', 'refetch'])).toBe(false);
    expect(matchesExpect(5, { atLeast: 1, atMost: 10 })).toBe(true);
    expect(matchesExpect(0, { atLeast: 1 })).toBe(false);
    expect(matchesExpect('5', { atLeast: 1 })).toBe(false);
    expect(matchesExpect(true, true)).toBe(true);
  });
});

describe('wired, path and through', () => {
  it('wired needs a direct edge, path any route', () => {
    const b = metering();
    expect(evaluateCheck(b, { role: 'wired', from: 'aggregator', to: 'ledger' }).ok).toBe(true);
    expect(evaluateCheck(b, { role: 'wired', from: 'queue', to: 'ledger' }).ok).toBe(false);
    expect(evaluateCheck(b, { role: 'path', from: 'queue', to: 'ledger' }).ok).toBe(true);
    expect(evaluateCheck(b, { role: 'path', from: 'ledger', to: 'queue' }).ok).toBe(false);
  });

  it('through finds a path that skips the required kind and names it', () => {
    const b = metering();
    expect(evaluateCheck(b, { role: 'through', from: 'producer', to: 'aggregator', via: ['queue'] }).ok).toBe(
      true,
    );
    b.edges.push({ id: 'direct', source: 'p', target: 'w' });
    const r = evaluateCheck(b, { role: 'through', from: 'producer', to: 'aggregator', via: ['queue'] });
    expect(!r.ok && r.message).toBe(
      'app-servers (producer) → meter-consumer (worker) → seen-ids (dedup) → hourly-rollup (aggregator) passes no queue',
    );
  });

  it('through with config explains the misconfigured guard', () => {
    const r = evaluateCheck(metering(), {
      role: 'through',
      from: 'queue',
      to: 'ledger',
      via: ['aggregator'],
      config: { latePolicy: 'correction-log' },
    });
    expect(!r.ok && r.message).toMatch(
      /passes an aggregator but hourly-rollup \(aggregator\): “Late events” is "drop"; set it to "correction-log"/,
    );
  });
});

describe('payments, sagas and inputs', () => {
  const pay = (key: string) =>
    board()
      .add('q', 'queue')
      .add('w', 'worker', { idempotencyKey: key }, 'charger')
      .add('pp', 'payment-provider', {}, 'stripe')
      .chain('q', 'w', 'pp')
      .build();

  it('idempotent-payment-call wants a deterministic key from every caller', () => {
    expect(evaluateCheck(pay('deterministic'), { role: 'idempotent-payment-call' }).ok).toBe(true);
    const none = evaluateCheck(pay('none'), { role: 'idempotent-payment-call' });
    expect(!none.ok && none.message).toBe(
      'the call from charger (worker) to the payment provider stripe (payment-provider) sends no idempotency key, so a retry after a timeout charges again',
    );
    const random = evaluateCheck(pay('random-per-attempt'), { role: 'idempotent-payment-call' });
    expect(!random.ok && random.message).toMatch(/new idempotency key on every attempt/);
    const b = pay('deterministic');
    b.nodes.push({
      id: 'x',
      kind: 'api',
      label: 'checkout',
      position: { x: 0, y: 0 },
      config: { timeoutMs: 1000 },
    });
    b.edges.push({ id: 'ex', source: 'x', target: 'pp' });
    const api = evaluateCheck(b, { role: 'idempotent-payment-call' });
    expect(!api.ok && api.message).toMatch(
      /checkout \(api\) reaches the payment provider stripe \(payment-provider\) without an idempotency key/,
    );
  });

  it('idempotent-payment-call follows keys through pass-through components to the worker that made them', () => {
    const viaApi = board()
      .add('q', 'queue')
      .add('w', 'worker', { idempotencyKey: 'deterministic' }, 'charger')
      .add('gw', 'api', {}, 'payments-gateway')
      .add('pp', 'payment-provider')
      .chain('q', 'w', 'gw', 'pp')
      .build();
    expect(evaluateCheck(viaApi, { role: 'idempotent-payment-call' }).ok).toBe(true);
    const direct = board()
      .add('p', 'producer', { workload: 'invoices' }, 'billing-run')
      .add('q', 'queue')
      .add('pp', 'payment-provider')
      .chain('p', 'q', 'pp')
      .build();
    const r = evaluateCheck(direct, { role: 'idempotent-payment-call' });
    expect(!r.ok && r.message).toMatch(/^billing-run \(producer\) reaches the payment provider/);
  });

  const saga = (compensate: boolean, undo: boolean[]) => {
    const b = board().add('wf', 'workflow', { compensate }, 'provision');
    undo.forEach((u, i) =>
      b.add(`s${i}`, 'activity', { hasCompensation: u }, `step-${i}`).connect('wf', `s${i}`),
    );
    return b.build();
  };

  it('compensation-for needs compensate on and every step but the last undoable', () => {
    const check = { role: 'compensation-for', kind: 'activity' } as const;
    expect(evaluateCheck(saga(true, [true, true, false]), check).ok).toBe(true);
    const off = evaluateCheck(saga(false, [true, true, false]), check);
    expect(!off.ok && off.message).toMatch(/provision \(workflow\) does not compensate/);
    const stuck = evaluateCheck(saga(true, [true, false, false]), check);
    expect(!stuck.ok && stuck.message).toBe(
      'step-1 (activity) has no compensation, so provision (workflow) cannot undo it when a later step fails',
    );
    const worker = board().add('w', 'worker').add('a', 'activity').connect('w', 'a').build();
    expect(evaluateCheck(worker, check).ok).toBe(false);
  });

  it('only-fed-by rejects activities driven by a plain worker', () => {
    const check: StructuralCheck = { role: 'only-fed-by', kind: 'activity', from: ['workflow'] };
    expect(evaluateCheck(saga(true, [true, false]), check).ok).toBe(true);
    const b = board()
      .add('w', 'worker', {}, 'orchestrator')
      .add('a', 'activity', {}, 'charge')
      .connect('w', 'a')
      .build();
    const r = evaluateCheck(b, check);
    expect(!r.ok && r.message).toMatch(
      /charge \(activity\) is driven by orchestrator \(worker\); only a workflow should drive it \(a worker keeps its progress in memory/,
    );
  });

  it('fed-by wants one node with inputs of every listed kind', () => {
    const b = board()
      .add('l', 'ledger')
      .add('pp', 'payment-provider')
      .add('r', 'reconciler', {}, 'nightly')
      .connect('l', 'r')
      .build();
    const check: StructuralCheck = {
      role: 'fed-by',
      kind: 'reconciler',
      from: ['ledger', 'payment-provider'],
    };
    const r = evaluateCheck(b, check);
    expect(!r.ok && r.message).toBe(
      'nightly (reconciler) needs inputs from a ledger and a payment provider; it has none from a payment provider',
    );
    b.edges.push({ id: 'x', source: 'pp', target: 'r' });
    expect(evaluateCheck(b, check).ok).toBe(true);
  });
});

describe('evaluateStructure', () => {
  it('collects a gap per failing key point, linked to its invariant', () => {
    const keyPoints = [
      {
        id: 'dedup',
        text: 'dedup before counting',
        check: { role: 'dedup-between', from: 'queue', to: 'aggregator' } as const,
        invariant: 'usage-billed-exactly-once' as const,
      },
      { id: 'talk', text: 'reconcile', talkingPoint: true as const },
      { id: 'ledger', text: 'ledger', check: { role: 'has-kind', kind: 'ledger' } as const },
    ];
    const r = evaluateStructure({ keyPoints }, withoutNode(metering(), 'd'));
    expect(r.total).toBe(2);
    expect(r.passed).toBe(1);
    expect(r.gaps).toHaveLength(1);
    expect(r.gaps[0]).toMatchObject({
      keyPointId: 'dedup',
      invariant: 'usage-billed-exactly-once',
      role: 'dedup-between',
    });
  });
});
