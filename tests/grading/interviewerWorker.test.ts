// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import type { InterviewerReply, InterviewerRequest } from '../../src/workers/interviewerProtocol';
import { createSampleBoard } from '../../src/store/sampleBoard';

/** Loads the interviewer worker entry against a stub `self` and collects what it posts. */
const posted: InterviewerReply[] = [];
let send: (msg: InterviewerRequest) => void;

beforeAll(async () => {
  const scope = {
    postMessage: (m: InterviewerReply) => posted.push(m),
    onmessage: null as null | ((e: { data: unknown }) => void),
  };
  (globalThis as { self?: unknown }).self = scope;
  await import('../../src/workers/interviewerWorker');
  send = (data) => scope.onmessage?.({ data });
});

/** Waits for a condition on the posted messages (event-loop turns, no fixed sleep). */
const until = async (pred: () => boolean) => {
  for (let i = 0; i < 5000 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(pred()).toBe(true);
};
const of = (jobId: number) => posted.filter((m) => m.jobId === jobId);
const board = createSampleBoard();

describe('interviewer worker', () => {
  it('attack streams progress and posts the shrunk question; repair answers with complete boards', async () => {
    send({
      type: 'attack',
      jobId: 1,
      board,
      seed: 1,
      events: 1000,
      invariants: ['usage-billed-exactly-once'],
    });
    await until(() => of(1).some((m) => m.type === 'attack'));
    expect(of(1).some((m) => m.type === 'progress')).toBe(true);
    const done = of(1).find((m) => m.type === 'attack');
    if (done?.type !== 'attack') throw new Error('no attack result');
    expect(done.result.found).toBe(true);
    expect(done.result.question).toMatch(/^What happens if/);

    send({
      type: 'repair',
      jobId: 2,
      board,
      plan: done.result.plan,
      seed: done.result.seed,
      events: done.result.events,
      invariant: done.result.invariant!,
    });
    await until(() => of(2).some((m) => m.type === 'repair'));
    const rep = of(2).find((m) => m.type === 'repair');
    if (rep?.type !== 'repair') throw new Error('no repair result');
    expect(rep.result.suggestions[0]?.board.format).toBe('faultline/design');
  });

  it('a live check answers with verdicts; a cancelled check answers nothing', async () => {
    const plan = { faults: [{ kind: 'duplicate' as const, target: '*', fromMs: 0, rate: 0.05 }] };
    send({ type: 'check', jobId: 3, board, plan, seed: 1, events: 2000 });
    send({ type: 'check', jobId: 4, board, plan, seed: 1, events: 200_000 });
    send({ type: 'cancel', jobId: 4 });
    send({ type: 'check', jobId: 5, board, plan: { faults: [] }, seed: 1, events: 500 });
    await until(() => of(5).length > 0);
    const v = of(3).find((m) => m.type === 'check');
    if (v?.type !== 'check') throw new Error('no verdicts');
    expect(v.verdicts.find((x) => x.id === 'usage-billed-exactly-once')?.holds).toBe(false);
    expect(of(4)).toEqual([]);
    const clean = of(5)[0];
    expect(clean?.type === 'check' && clean.verdicts.every((x) => x.holds)).toBe(true);
  });

  it('refuses an invalid board with the path of the problem', async () => {
    const bad = JSON.parse(JSON.stringify(board)) as typeof board;
    bad.nodes[1]!.config.visibilityTimeoutMs = 'soon';
    send({ type: 'attack', jobId: 6, board: bad, seed: 1, events: 100 });
    await until(() => of(6).length > 0);
    const m = of(6)[0];
    expect(m?.type === 'error' && m.message).toContain('nodes.1.config.visibilityTimeoutMs');
  });
});
