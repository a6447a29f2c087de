import { A, DEPLOY_RESTART_MS, E, K, M } from '../../engine/constants';
import { deliver } from '../../engine/deliver';
import { crashNode } from '../../engine/health';
import type { Sim } from '../../engine/sim';
import { cfg } from '../../engine/topology';
import { traceStep } from '../../engine/trace';
import { DIRECT_CALLS, isOpen, nonDeterminism, temporalNode, traceRun, WALL_CLOCK } from './runs';
import { kickAll } from './workflow';

/**
 * Replay: when a workflow's worker comes back (after a crash or a deploy), every open run rebuilds
 * its state from its event history. Deterministic code carries on; code that reads the wall clock
 * takes another branch (non-determinism error, stuck); calls made from workflow code are not in the
 * history, so replay makes them again; a breaking deploy without versioning does not match the
 * history of runs started on the old code.
 */
export function onWorkflowRestart(s: Sim, node: number): void {
  const tn = temporalNode(s, node);
  const deploy = tn.pendingDeploy;
  tn.pendingDeploy = -1;
  if (deploy >= 0) tn.codeVersion++;
  const at = s.now.toLocaleString('en-US');
  for (const run of tn.runs) {
    if (!isOpen(run)) continue;
    if (tn.code === WALL_CLOCK) {
      nonDeterminism(
        s,
        run,
        `replay after the restart at ${at} ms took a different branch than the history — the workflow code reads the wall clock (code: reads-wall-clock)`,
      );
      continue;
    }
    if (deploy === 1 && !tn.patched && run.version < tn.codeVersion) {
      nonDeterminism(
        s,
        run,
        `replay of a run started on the old code did not match its history after the breaking deploy at ${at} ms (versioning: none)`,
      );
      continue;
    }
    if (deploy >= 0) run.version = tn.codeVersion;
    if (tn.code === DIRECT_CALLS && run.directCalls.length > 0)
      repeatDirectCalls(s, run.node, run.directCalls, at);
    if (s.tracing) traceRun(s, run, `replayed its history after the restart at ${at} ms and carried on`);
  }
  kickAll(s, node);
}

/** Calls made from workflow code are not in the history: replaying the code makes them again. */
function repeatDirectCalls(s: Sim, node: number, calls: number[], at: string): void {
  for (let i = 0; i < calls.length; i += 2) {
    const edge = calls[i]!;
    const c = s.m.copy(calls[i + 1]!);
    s.m.key[c] = 0;
    if (s.m.type[c] === M.window) s.m.aux[c] = cloneWindow(s, s.m.aux[c]!);
    s.st.duplicates[node]!++;
    if (s.tracing)
      traceStep(
        s,
        c,
        node,
        edge,
        `called again on replay after the restart at ${at} ms: a call from workflow code is not in the history (code: calls-services-directly)`,
        [],
      );
    deliver(s, c, edge, -1, 1);
  }
}

/** A direct call carries no posting id: the repeat is a new total over the same events. */
function cloneWindow(s: Sim, w: number): number {
  const ws = s.windows;
  const copy = ws.open(ws.node[w]!, ws.tenant[w]!, ws.index[w]!);
  for (let c = ws.head[w]!; c >= 0; c = ws.cNext[c]!) ws.add(copy, ws.cItem[c]!, 0);
  ws.sum[copy] = ws.sum[w]!;
  return copy;
}

/**
 * A deploy restarts a node onto new code. Workers and APIs with `gracefulShutdown` drain: they
 * refuse new work for the restart and finish what they hold; anything else restarts as a crash.
 * A workflow's runs replay on the new code when its worker is back.
 */
export function onDeploy(s: Sim, fi: number, node: number): void {
  const kind = s.t.kind[node];
  if (kind === K.workflow) {
    const tn = temporalNode(s, node);
    tn.pendingDeploy = Math.max(tn.pendingDeploy, s.f.flag[fi]!);
  }
  const graceful =
    kind === K.worker
      ? cfg(s.t, node, 'worker', 'gracefulShutdown')
      : kind === K.api && cfg(s.t, node, 'api', 'gracefulShutdown');
  if (graceful) {
    // Down for the restart (the health machine's `crashed` state refuses new work), but the memory
    // epoch stays: what the node holds is finished, not lost.
    const snap = s.healthFsm.send(node, { type: 'node.crash', atMs: s.now, downMs: DEPLOY_RESTART_MS });
    s.hash.add(s.now, node, fi, A.restart);
    s.health.push({ tMs: s.now, nodeId: s.t.nodeIds[node]!, state: 'outage' });
    s.schedule(snap.context.downUntil, E.restart, node, 0, 0);
    return;
  }
  crashNode(s, node, DEPLOY_RESTART_MS);
}
