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

/**
 * Node health is owned by the node-health machine: one snapshot per node, moved by the machine's
 * pure `transition` on crash / restart / ready; the engine asks the snapshot whether a node is up.
 */
export class NodeHealth {
  private snaps: HealthSnapshot[];
  /** Per node, what its snapshot's state says (1 = crashed or restarting), refreshed on each transition. */
  private down: Uint8Array;
  constructor(nodes: number) {
    const [initial] = initialTransition(nodeHealthMachine);
    this.snaps = Array.from({ length: nodes }, () => initial);
    this.down = new Uint8Array(nodes);
  }
  send(node: number, event: Parameters<typeof transition<typeof nodeHealthMachine>>[2]): HealthSnapshot {
    const [next] = transition(nodeHealthMachine, this.snaps[node]!, event);
    this.snaps[node] = next;
    this.down[node] = next.value === 'crashed' || next.value === 'restarting' ? 1 : 0;
    return next;
  }
  /** Crashed or restarting (not yet ready): the node takes no messages and sends nothing. */
  isDown(node: number): boolean {
    return this.down[node] === 1;
  }
  /** The virtual ms the node is due back at (the machine's context). */
  downUntil(node: number): number {
    return this.snaps[node]!.context.downUntil;
  }
  snapshot(node: number): HealthSnapshot {
    return this.snaps[node]!;
  }
}

/** Schedules every crash of the plan and records partition / outage windows for the health timeline. */
export function scheduleFaults(s: Sim): void {
  const f = s.f;
  s.faultClock.tick(0);
  const matters = (i: number) =>
    f.kind[i] !== FK.crash && (f.nodeMatch[i]!.includes(1) || f.edgeMatch[i]!.includes(1));
  for (const t of s.faultClock.boundaries(matters)) s.schedule(t, E.faultWindow, 0, 0, 0);
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
  const snap = s.healthFsm.send(node, { type: 'node.crash', atMs: s.now, downMs });
  s.epoch[node]!++;
  s.st.crashes[node]!++;
  s.hash.add(s.now, node, -1, A.crash);
  s.health.push({ tMs: s.now, nodeId: s.t.nodeIds[node]!, state: 'crashed' });
  s.schedule(snap.context.downUntil, E.restart, node, 0, 0);
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
  // The machine refuses a restart before its downtime is over (a second crash extended it).
  if (s.healthFsm.send(node, { type: 'node.restart', atMs: s.now }).value !== 'restarting') return;
  s.healthFsm.send(node, { type: 'node.ready', atMs: s.now });
  s.hash.add(s.now, node, -1, A.restart);
  s.health.push({ tMs: s.now, nodeId: s.t.nodeIds[node]!, state: 'up' });
  if (s.t.kind[node] === K.workflow) onWorkflowRestart(s, node);
}
