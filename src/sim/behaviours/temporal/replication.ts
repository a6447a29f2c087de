import { K, O, type Outcome } from '../../engine/constants';
import { FK } from '../../engine/faults';
import type { Sim } from '../../engine/sim';
import { cfg } from '../../engine/topology';
import { traceStep } from '../../engine/trace';

/** Replication modes of a database (config `replication`). */
export const REPL = { none: 0, async: 1, quorum: 2 } as const;

export function replicationOf(s: Sim, node: number): number {
  if (s.t.kind[node] !== K.database) return REPL.none;
  const r = cfg(s.t, node, 'database', 'replication');
  return r === 'async-replica' ? REPL.async : r === 'sync-quorum' ? REPL.quorum : REPL.none;
}

/** The region on the other side of an active region partition that involves `region`, or null. */
function cutFrom(s: Sim, region: string): string | null {
  if (region === '') return null;
  const f = s.f;
  for (let i = 0; i < f.count; i++) {
    if (f.kind[i] !== FK.partition || f.flag[i] !== 1 || s.now < f.from[i]! || s.now >= f.to[i]!) continue;
    const [a, b] = f.regionPair[i]!;
    if (a === region && b !== undefined) return b;
    if (b === region && a !== undefined) return a;
  }
  return null;
}

/**
 * A write reaching a replicated database (edge hook 2) while a region partition cuts its region off.
 * Returns the caller's outcome, or -1 to deliver normally.
 * - `async-replica`: the replica across the partition is promoted and takes that side's writes;
 *   when the partition heals it is kept, so what the old primary acknowledged meanwhile is lost.
 * - `sync-quorum`: the database's own region holds the quorum; writes from across the partition are
 *   refused (unavailable, nothing lost).
 */
export function replicatedWrite(s: Sim, msg: number, e: number): Outcome | -1 {
  const node = s.t.edgeTarget[e]!;
  const other = cutFrom(s, s.t.regions[node]!);
  if (other === null) return -1;
  const crossing = s.t.regions[s.t.edgeSource[e]!] === other;
  const mode = replicationOf(s, node);
  if (mode === REPL.quorum && crossing) {
    if (s.tracing)
      traceStep(s, msg, node, e, 'refused: this side of the partition has no quorum (sync-quorum)', []);
    s.st.errors[node]!++;
    s.countErr();
    return O.err;
  }
  if (mode === REPL.async && !crossing) {
    if (s.isDown(node)) return -1;
    s.st.in[node]!++;
    s.st.dropped[node]!++;
    if (s.tracing)
      traceStep(
        s,
        msg,
        node,
        e,
        'acknowledged by the old primary, then lost: the replica across the partition was promoted (async-replica)',
        [],
      );
    return O.ok;
  }
  return -1;
}
