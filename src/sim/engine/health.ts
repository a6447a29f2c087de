import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { nodeHealthMachine } from '../machines/nodeHealthMachine';
import { A, E, K } from './constants';
import { FK } from './faults';
import type { Sim } from './sim';
import { revertUncommittedAcks } from '../behaviours/queue';
import { onWorkerCrash } from '../behaviours/worker';
import { onDedupCrash, onIdempotencyCrash } from '../behaviours/filters';
import { onCacheCrash } from '../behaviours/sinks';
import { onApiCrash } from '../behaviours/api';
import { onWorkflowRestart } from '../behaviours/temporal/replay';

type HealthSnapshot = SnapshotFrom<typeof nodeHealthMachine>;

/** Health snapshots per node, moved by the node-health machine's pure transition. */
export class NodeHealth {
  private snaps: HealthSnapshot[];
  constructor(nodes: number) {
    const [initial] = initialTransition(nodeHealthMachine);
    this.snaps = Array.from({ length: nodes }, () => initial);
  }
  send(node: number, event: Parameters<typeof transition<typeof nodeHealthMachine>>[2]): HealthSnapshot {
    const [next] = transition(nodeHealthMachine, this.snaps[node]!, event);
    this.snaps[node] = next;
    return next;
  }
}

/** Schedules every crash of the plan and records partition / outage windows for the health timeline. */
export function scheduleFaults(s: Sim): void {
  const f = s.f;
  for (let i = 0; i < f.count; i++) {
    const kind = f.kind[i];
    if (kind === FK.crash) {
      for (let n = 0; n < s.nodes; n++) if (f.nodeMatch[i]![n]) s.schedule(f.atMs[i]!, E.crash, i, n, 0);
    } else if (kind === FK.deploy) {
      for (let n = 0; n < s.nodes; n++) if (f.nodeMatch[i]![n]) s.schedule(f.atMs[i]!, E.deploy, i, n, 0);
    } else if (kind === FK.partition || kind === FK.outage) {
      const [on, off] =
        kind === FK.partition ? (['partitioned', 'healed'] as const) : (['outage', 'up'] as const);
      if (kind === FK.outage) {
        for (let n = 0; n < s.nodes; n++) {
          if (!f.nodeMatch[i]![n]) continue;
          s.healthWindows.push({ tMs: f.from[i]!, nodeId: s.t.nodeIds[n]!, state: on });
          if (Number.isFinite(f.to[i]!))
            s.healthWindows.push({ tMs: f.to[i]!, nodeId: s.t.nodeIds[n]!, state: off });
        }
      }
      for (let e = 0; e < s.t.edgeIds.length; e++) {
        if (!f.edgeMatch[i]![e] || (kind === FK.outage && f.nodeMatch[i]![s.t.edgeTarget[e]!])) continue;
        s.healthWindows.push({ tMs: f.from[i]!, edgeId: s.t.edgeIds[e]!, state: on });
        if (Number.isFinite(f.to[i]!))
          s.healthWindows.push({ tMs: f.to[i]!, edgeId: s.t.edgeIds[e]!, state: off });
      }
    }
  }
}

/** A crash fault fires: crash now, or arm the node to die after its next side effect. */
export function onCrashFault(s: Sim, fi: number, node: number): void {
  if (s.f.afterSideEffect[fi]) {
    s.armed[node] = fi + 1;
    return;
  }
  crashNode(s, node, s.f.amount[fi]!);
}

/**
 * The node stops for `downMs`: its memory epoch moves on (in-memory work is lost), kind-specific
 * memory is cleared, and its queue's uncommitted acks come back. Durable state stays.
 */
export function crashNode(s: Sim, node: number, downMs: number): void {
  s.healthFsm.send(node, { type: 'node.crash', atMs: s.now, downMs });
  s.downUntil[node] = Math.max(s.downUntil[node]!, s.now + downMs);
  s.epoch[node]!++;
  s.st.crashes[node]!++;
  s.hash.add(s.now, node, -1, A.crash);
  s.health.push({ tMs: s.now, nodeId: s.t.nodeIds[node]!, state: 'crashed' });
  s.schedule(s.downUntil[node], E.restart, node, 0, 0);
  switch (s.t.kind[node]) {
    case K.worker:
      onWorkerCrash(s, node);
      break;
    case K.dedup:
      onDedupCrash(s, node);
      break;
    case K.idem:
      onIdempotencyCrash(s, node);
      break;
    case K.cache:
      onCacheCrash(s, node);
      break;
    case K.api:
      onApiCrash(s, node);
      break;
  }
  for (const src of s.t.inputs[node]!) if (s.t.kind[src] === K.queue) revertUncommittedAcks(s, src, node);
}

export function onRestart(s: Sim, node: number): void {
  if (s.now < s.downUntil[node]!) return;
  s.healthFsm.send(node, { type: 'node.restart', atMs: s.now });
  s.healthFsm.send(node, { type: 'node.ready', atMs: s.now });
  s.hash.add(s.now, node, -1, A.restart);
  s.health.push({ tMs: s.now, nodeId: s.t.nodeIds[node]!, state: 'up' });
  if (s.t.kind[node] === K.workflow) onWorkflowRestart(s, node);
}
