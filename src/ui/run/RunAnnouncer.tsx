import { useEffect, useState } from 'react';
import { useRunStore } from '../../store/runStore';

/** What one finished run says to a screen reader: "Run finished: 2 of 3 invariants held." */
export function runOutcomeMessage(result: { invariants: readonly { holds: boolean }[] }): string {
  const held = result.invariants.filter((i) => i.holds).length;
  const n = result.invariants.length;
  return `Run finished: ${held} of ${n} invariant${n === 1 ? '' : 's'} held.`;
}

/**
 * The one polite live region for runs: it speaks once when a run finishes (or fails), never on
 * progress frames or replay ticks, and stays silent when a board's earlier run is shown again.
 */
export function RunAnnouncer() {
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      useRunStore.subscribe((s, prev) => {
        if (!prev.computing || s.computing) return;
        if (s.result) setMessage(runOutcomeMessage(s.result));
        else if (s.error) setMessage(`Run failed: ${s.error}`);
      }),
    [],
  );
  return (
    <div
      className="fl-sr-only"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="run-announcer"
    >
      {message}
    </div>
  );
}
