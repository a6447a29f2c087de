// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerToMain } from '../../src/workers/protocol';
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
});
