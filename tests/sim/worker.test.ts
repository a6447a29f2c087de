// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerToMain } from '../../src/workers/protocol';
import { runSimulation } from '../../src/sim';
import { metering } from './boardBuilder';

/** Loads the worker entry against a stub `self` and collects what it posts. */
const posted: WorkerToMain[] = [];
/** Sends anything, as a page could: the worker must check what it receives. */
let send: (msg: unknown) => void;

beforeAll(async () => {
  const scope = {
    postMessage: (m: WorkerToMain) => posted.push(m),
    onmessage: null as null | ((e: { data: unknown }) => void),
  };
  (globalThis as { self?: unknown }).self = scope;
  await import('../../src/workers/simWorker');
  send = (data) => scope.onmessage!({ data });
});

const until = async (pred: () => boolean) => {
  for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(pred()).toBe(true);
};
const of = (runId: number) => posted.filter((m) => m.runId === runId);

describe('simulation worker', () => {
  it('streams progress and posts the result of a valid run', async () => {
    send({
      type: 'run',
      runId: 1,
      board: metering().build(),
      faultPlan: { faults: [] },
      seed: 3,
      events: 300_000,
    });
    await until(() => of(1).some((m) => m.type === 'result'));
    const result = of(1).find((m) => m.type === 'result');
    expect(result?.type === 'result' && result.result.seed).toBe(3);
    expect(result?.type === 'result' && typeof result.durationMs).toBe('number');
    expect(of(1).some((m) => m.type === 'progress')).toBe(true);
  });

  it('refuses an invalid board with the path of the problem', async () => {
    const bad = structuredClone(metering().build());
    bad.nodes[1]!.config.visibilityTimeoutMs = 'soon';
    send({ type: 'run', runId: 2, board: bad, faultPlan: { faults: [] }, seed: 1, events: 10 });
    await until(() => of(2).length > 0);
    const [first] = of(2);
    expect(first).toMatchObject({ type: 'error' });
    expect(first?.type === 'error' ? first.message : '').toContain('nodes.1.config.visibilityTimeoutMs');
  });

  it('refuses an invalid fault plan', async () => {
    send({
      type: 'run',
      runId: 3,
      board: metering().build(),
      faultPlan: { faults: [{ kind: 'meteor', target: '*' }] },
      seed: 1,
      events: 10,
    });
    await until(() => of(3).length > 0);
    const [first] = of(3);
    expect(first?.type === 'error' ? first.message : '').toContain('faults.0');
  });

  it('a cancelled run posts no result; garbage messages are ignored', async () => {
    send({ nonsense: true });
    send({
      type: 'run',
      runId: 4,
      board: metering().build(),
      faultPlan: { faults: [] },
      seed: 1,
      events: 2_000_000,
    });
    send({ type: 'cancel', runId: 4 });
    send({
      type: 'run',
      runId: 5,
      board: metering().build(),
      faultPlan: { faults: [] },
      seed: 1,
      events: 100,
    });
    await until(() => of(5).some((m) => m.type === 'result'));
    expect(of(4).some((m) => m.type === 'result')).toBe(false);
  });

  it('posts verdicts without paths; explain traces the examples and matches an explained run', async () => {
    const board = metering({ dedup: false }).build();
    const spec = {
      board,
      faultPlan: { faults: [{ kind: 'duplicate' as const, target: '*', fromMs: 0, rate: 0.01 }] },
      seed: 7,
      events: 5_000,
    };
    send({ type: 'run', runId: 6, ...spec });
    await until(() => of(6).some((m) => m.type === 'result'));
    const posted6 = of(6).find((m) => m.type === 'result');
    const verdicts = posted6?.type === 'result' ? posted6.result.invariants : [];
    const violated = verdicts.filter((i) => !i.holds);
    expect(violated.length).toBeGreaterThan(0);
    // The verdicts came without the second (tracing) pass: no example has a path yet.
    expect(violated.flatMap((i) => i.examples).every((e) => e.path.length === 0)).toBe(true);

    const ids = violated.flatMap((i) => i.examples.map((e) => e.messageId));
    send({ type: 'explain', runId: 7, messageIds: ids, ...spec });
    await until(() => of(7).some((m) => m.type === 'explained'));
    const explained = of(7).find((m) => m.type === 'explained');
    const traced = explained?.type === 'explained' ? explained.invariants : [];
    // The same verdicts, now with paths and summaries — what one run with the explain pass gives.
    const reference = runSimulation(board, { ...spec, explain: true });
    expect(traced).toEqual(reference.invariants);
    expect(
      traced
        .filter((i) => !i.holds)
        .flatMap((i) => i.examples)
        .some((e) => e.path.length > 0),
    ).toBe(true);
    expect(traced.map((i) => [i.id, i.holds, i.count])).toEqual(
      verdicts.map((i) => [i.id, i.holds, i.count]),
    );
  });

  it('an explain with message ids that are not strings is ignored', async () => {
    send({
      type: 'explain',
      runId: 8,
      messageIds: [1, 2],
      board: metering().build(),
      faultPlan: { faults: [] },
      seed: 1,
      events: 10,
    });
    send({
      type: 'run',
      runId: 9,
      board: metering().build(),
      faultPlan: { faults: [] },
      seed: 1,
      events: 10,
    });
    await until(() => of(9).some((m) => m.type === 'result'));
    expect(of(8)).toEqual([]);
  });
});
