/// <reference lib="webworker" />
import { validateBoardForRun } from '../domain/parseBoard';
import { parseFaultPlan } from '../domain/faultPlan';
import { attackSteps, suggestRepairs } from '../grading/attack';
import { createSimulation } from '../sim';
import { isInterviewerRequest, type InterviewerReply, type InterviewerRequest } from './interviewerProtocol';

/**
 * The interviewer's Web Worker: "Break my design" (search + shrink, one run per step, yielding
 * between steps so that a cancel is honoured), repair suggestions, and live verdict checks (the
 * engine in chunks, yielding between them). Jobs run one at a time, in order; the app keeps live
 * checks on a second instance so that they never wait behind an attack.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();
/**
 * Events per slice of a live check: a few ms of work, so that the cancel of a stale check (the next
 * edit) is honoured within a slice instead of after the whole check.
 */
const CHECK_CHUNK = 500;

const post = (m: InterviewerReply) => scope.postMessage(m);
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/**
 * Yields to queued messages (a cancel) without the ≥ 4 ms clamp nested `setTimeout(0)` gets: a
 * MessageChannel task runs as soon as the tasks queued before it have.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
// Node (the unit tests) keeps a process alive while a port listens; a worker never exits by itself anyway.
(channel.port1 as { unref?: () => void }).unref?.();
const yieldQuickly = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

async function handle(req: Exclude<InterviewerRequest, { type: 'cancel' }>): Promise<void> {
  const { jobId } = req;
  const valid = validateBoardForRun(req.board);
  if (!valid.ok) {
    post({ type: 'error', jobId, message: `The board cannot run: ${valid.error.message}` });
    return;
  }
  const board = valid.board;
  if (req.type === 'attack') {
    const steps = attackSteps(board, {
      seed: req.seed,
      events: req.events,
      invariants: req.invariants,
      maxTries: req.maxTries,
    });
    for (;;) {
      const s = steps.next();
      if (s.done) {
        post({ type: 'attack', jobId, result: s.value });
        return;
      }
      post({ type: 'progress', jobId, phase: s.value.phase, done: s.value.tries, total: s.value.maxTries });
      await yieldToEvents();
      if (cancelled.has(jobId)) return;
    }
  }
  const plan = parseFaultPlan(req.plan);
  if (!plan.ok) {
    post({ type: 'error', jobId, message: `fault plan: ${plan.message}` });
    return;
  }
  if (req.type === 'repair') {
    const result = suggestRepairs(board, {
      plan: plan.plan,
      seed: req.seed,
      events: req.events,
      invariant: req.invariant,
    });
    post({ type: 'repair', jobId, result });
    return;
  }
  const started = performance.now();
  const sim = createSimulation(board, {
    seed: req.seed,
    events: req.events,
    faultPlan: plan.plan,
    explain: false,
    sampleLimit: 0,
    timelineBuckets: 1,
    ...(req.invariants ? { invariants: req.invariants } : {}),
  });
  while (!sim.advance(CHECK_CHUNK)) {
    await yieldQuickly();
    if (cancelled.has(jobId)) return;
  }
  const r = sim.result();
  post({
    type: 'check',
    jobId,
    verdicts: r.invariants.map((i) => ({ id: i.id, holds: i.holds, count: i.count, summary: i.summary })),
    durationMs: Math.round(performance.now() - started),
  });
}

scope.onmessage = (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isInterviewerRequest(msg)) return;
  if (msg.type === 'cancel') {
    cancelled.add(msg.jobId);
    return;
  }
  queue = queue.then(async () => {
    if (cancelled.delete(msg.jobId)) return;
    try {
      await handle(msg);
    } catch (err) {
      post({ type: 'error', jobId: msg.jobId, message: err instanceof Error ? err.message : String(err) });
    } finally {
      cancelled.delete(msg.jobId);
    }
  });
};
