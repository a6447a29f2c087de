import { addWorkflowFigures } from '../behaviours/temporal/figures';
import type { NodeStats, SimResult } from '../types';
import type { Sim } from './sim';

/** Per node id counters. */
export function collectStats(s: Sim): Record<string, NodeStats> {
  const out: Record<string, NodeStats> = {};
  for (let n = 0; n < s.nodes; n++) {
    out[s.t.nodeIds[n]!] = {
      in: s.st.in[n]!,
      out: s.st.out[n]!,
      dropped: s.st.dropped[n]!,
      duplicates: s.st.duplicates[n]!,
      deadLettered: s.st.deadLettered[n]!,
      errors: s.st.errors[n]!,
      crashes: s.st.crashes[n]!,
    };
  }
  addWorkflowFigures(s, out);
  return out;
}

/** Re-buckets the per-second counters into `buckets` equal slices of the run. */
export function collectTimeline(s: Sim, buckets: number): SimResult['timeline'] {
  const seconds = Math.max(1, Math.ceil((s.now + 1) / 1000));
  const n = Math.max(1, Math.min(buckets, seconds));
  const width = seconds / n;
  const rows: SimResult['timeline'] = [];
  for (let b = 0; b < n; b++)
    rows.push({ tMs: Math.round(b * width * 1000), throughput: 0, late: 0, duplicates: 0, errors: 0 });
  const add = (series: Float64Array, key: 'throughput' | 'late' | 'duplicates' | 'errors') => {
    const end = Math.min(series.length, seconds);
    for (let sec = 0; sec < end; sec++)
      if (series[sec]) rows[Math.min(n - 1, Math.floor(sec / width))]![key] += series[sec]!;
  };
  add(s.tl.thr, 'throughput');
  add(s.tl.late, 'late');
  add(s.tl.dup, 'duplicates');
  add(s.tl.err, 'errors');
  return rows;
}

/** Crash/restart records plus the plan's partition and outage windows that started within the run. */
export function collectHealth(s: Sim): SimResult['health'] {
  const windows = s.healthWindows.filter((h) => h.tMs <= s.now);
  return [...s.health, ...windows].sort((a, b) => a.tMs - b.tMs);
}
