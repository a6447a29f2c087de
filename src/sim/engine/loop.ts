import { E, type EventType, K, LATE_WORK, NON_WORK, O, type Outcome, R } from './constants';
import { deliver } from './deliver';
import { outboxSend } from './fanout';
import { onCrashFault, onRestart } from './health';
import { reportTo } from './report';
import type { Sim } from './sim';
import { onProduce, send } from '../behaviours/producer';
import { onQueueCheck, queueStore } from '../behaviours/queue';
import { onWorkerDone, onWorkerRetry } from '../behaviours/worker';
import { onWorkflowRetry } from '../behaviours/saga';
import { onHookApply, sendHook } from '../behaviours/payments';
import { onApiTimeout } from '../behaviours/api';
import { onTimer, reconcile } from '../behaviours/periodic';
import { flushAggregator } from '../behaviours/aggregator';
import { findLoop } from './cycles';
import {
  flushWorkflows,
  onWorkflowCycleDue,
  onWorkflowTask,
  onWorkflowTimer,
} from '../behaviours/temporal/workflow';
import { onDeploy } from '../behaviours/temporal/replay';
import { onNexusDone } from '../behaviours/nexus';

const DONE = 3;

/**
 * Processes up to `budget` heap events; returns true when the run is over (settled, or stopped by a
 * budget). Between chunks a caller (the worker) can report progress or honour a cancel.
 */
export function advance(s: Sim, budget: number): boolean {
  const q = s.q;
  for (let n = 0; n < budget; n++) {
    if (s.phase === DONE) return true;
    if (
      q.size === 0 ||
      s.workInHeap === 0 ||
      q.peekTime() > s.settleAt ||
      // End of input: the producers are done and only late arrivals remain — flush now, so that
      // whatever arrives after goes through the aggregators' latePolicy.
      (s.phase === 0 && s.producersLeft === 0 && s.workInHeap === s.lateInHeap)
    ) {
      nextPhase(s);
      continue;
    }
    if (s.processed >= s.maxEvents)
      return stop(s, 'event-budget', `stopped after ${s.processed} events (the event budget)`);
    const t = q.peekTime();
    if (t > s.maxVirtualMs)
      return stop(s, 'time-budget', `stopped at ${s.maxVirtualMs} ms of virtual time (the time budget)`);
    const slot = q.pop();
    const type = q.type[slot]! as EventType;
    const a = q.a[slot]!;
    const b = q.b[slot]!;
    const c = q.c[slot]!;
    q.release(slot);
    if (NON_WORK[type] === 0) s.workInHeap--;
    if (LATE_WORK[type] === 1) s.lateInHeap--;
    s.now = t;
    s.processed++;
    s.hash.add(t, a, b, type);
    handle(s, type, a, b, c);
    if (s.loopAt >= 0) return stop(s, 'event-budget', 'a message went round in a loop');
  }
  return s.phase === DONE;
}

function handle(s: Sim, type: EventType, a: number, b: number, c: number): void {
  switch (type) {
    case E.produce: {
      onProduce(s, a);
      return;
    }
    case E.send:
    case E.lateSend: {
      const rec = s.r.deref(c);
      if (rec >= 0) send(s, rec);
      return;
    }
    case E.deliver:
    case E.lateDeliver: {
      const o = deliver(s, a, b, c, 0);
      if (o !== O.pending) reportTo(s, c, o);
      return;
    }
    case E.retry: {
      retry(s, s.r.deref(c));
      return;
    }
    case E.queueCheck: {
      onQueueCheck(s, a);
      return;
    }
    case E.crash: {
      onCrashFault(s, a, b);
      return;
    }
    case E.restart: {
      onRestart(s, a);
      return;
    }
    case E.workerDone: {
      const rec = s.r.deref(c);
      if (rec >= 0) onWorkerDone(s, rec);
      return;
    }
    case E.stepDone: {
      reportTo(s, c, a as Outcome);
      return;
    }
    case E.hookApply: {
      onHookApply(s, a, b, c);
      return;
    }
    case E.timer: {
      onTimer(s, a);
      return;
    }
    case E.apiTimeout: {
      const rec = s.r.deref(c);
      if (rec >= 0) onApiTimeout(s, rec);
      return;
    }
    case E.report: {
      reportTo(s, c, a as Outcome);
      return;
    }
    case E.inject: {
      queueStore(s, b, a);
      return;
    }
    case E.wfTimer: {
      onWorkflowTimer(s, a, c);
      return;
    }
    case E.wfCycleDue: {
      onWorkflowCycleDue(s, c);
      return;
    }
    case E.wfTask: {
      onWorkflowTask(s, c);
      return;
    }
    case E.deploy: {
      onDeploy(s, a, b);
      return;
    }
    case E.nexusDone: {
      onNexusDone(s, a, b);
      return;
    }
    case E.faultWindow: {
      s.faultClock.tick(s.now);
      return;
    }
  }
}

function retry(s: Sim, rec: number): void {
  if (rec < 0) return;
  switch (s.r.type[rec]) {
    case R.send: {
      send(s, rec);
      return;
    }
    case R.worker: {
      onWorkerRetry(s, rec);
      return;
    }
    case R.workflow: {
      onWorkflowRetry(s, rec);
      return;
    }
    case R.hook: {
      sendHook(s, rec);
      return;
    }
    case R.outbox: {
      outboxSend(s, rec);
      return;
    }
  }
}

/** End of run: the aggregators' final flush, then the reconcilers' final pass, each settling in turn. */
function nextPhase(s: Sim): void {
  if (s.phase === 0) {
    s.judge.flushAt = s.now;
    for (let n = 0; n < s.nodes; n++) if (s.t.kind[n] === K.aggregator) flushAggregator(s, n);
    flushWorkflows(s);
  } else if (s.phase === 1) {
    // The invoice cut-off: the final flush has settled; the bill is what the ledgers say now.
    s.out.billedAtCutoff = Int32Array.from(s.out.billed);
    for (let n = 0; n < s.nodes; n++) if (s.t.kind[n] === K.reconciler) reconcile(s, n, true);
  }
  s.phase++;
  s.startSettling();
}

function stop(s: Sim, reason: 'event-budget' | 'time-budget', why: string): true {
  const loop = findLoop(s);
  const named = loop ? loop.map((n) => `${s.t.labels[n]} (${s.t.kinds[n]})`) : undefined;
  const message = named
    ? `${why}: the board has a loop — ${[...named, named[0]].join(' → ')}. Break the loop or put something that drops repeats in it.`
    : `${why}. No loop was found; raise the budget or lower the events.`;
  s.stopped = {
    reason,
    message,
    ...(loop ? { loop: loop.map((n) => s.t.nodeIds[n]!) } : {}),
    itemsEmitted: s.items.count,
    itemsTotal: s.items.capacity,
    virtualMs: s.now,
  };
  s.phase = DONE;
  return true;
}
