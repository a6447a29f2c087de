import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { SimResult } from '../../sim';
import { selectPhase, useRunStore } from '../../store/runStore';

const SERIES = [
  { key: 'throughput', label: 'Throughput', color: '#3b5bdb' },
  { key: 'duplicates', label: 'Duplicates', color: '#e8590c' },
  { key: 'late', label: 'Late', color: '#9c36b5' },
  { key: 'errors', label: 'Errors', color: '#c92a2a' },
] as const;

/** Throughput, duplicates, late events and errors over virtual time (uPlot, loaded on demand), with the replay scrubber. */
export function Timeline({ result }: { result: SimResult }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const cursorMs = useRunStore((s) => s.cursorMs);
  const seek = useRunStore((s) => s.seek);
  const pause = useRunStore((s) => s.pause);
  const phase = useRunStore(selectPhase);

  useEffect(() => {
    let disposed = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (disposed || !host.current) return;
      const xs = result.timeline.map((b) => b.tMs / 1000);
      const data: uPlot.AlignedData = [xs, ...SERIES.map((s) => result.timeline.map((b) => b[s.key]))];
      const el = host.current;
      plot.current?.destroy();
      plot.current = new UPlot(
        {
          width: Math.max(300, el.clientWidth),
          height: 110,
          legend: { show: true, live: false },
          cursor: { show: true, drag: { x: false, y: false } },
          scales: { x: { time: false }, faults: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          // Throughput on the left; duplicates, late events and errors (tens, not thousands) on their own right-hand scale.
          axes: [
            { label: 'virtual s', size: 30, labelSize: 14 },
            { size: 56 },
            // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- uPlot's Side is an ambient const enum (unreadable under isolatedModules); 1 is Right
            { scale: 'faults', side: 1, size: 44, grid: { show: false } },
          ],
          series: [
            { label: 'virtual s' },
            ...SERIES.map((s, i) => ({
              label: s.label,
              stroke: s.color,
              width: 1.5,
              ...(i > 0 ? { scale: 'faults' } : {}),
            })),
          ],
        },
        data,
        el,
      );
    });
    return () => {
      disposed = true;
      plot.current?.destroy();
      plot.current = null;
    };
  }, [result]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() =>
      plot.current?.setSize({ width: Math.max(300, el.clientWidth), height: 110 }),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <div className="fl-timeline">
      <div ref={host} className="fl-timeline-chart" aria-label="Timeline chart" role="img" />
      <input
        type="range"
        className="fl-scrubber"
        aria-label="Replay position"
        min={0}
        max={result.virtualMs}
        step={Math.max(1, Math.round(result.virtualMs / 500))}
        value={Math.min(cursorMs, result.virtualMs)}
        onChange={(e) => {
          if (phase === 'running') pause();
          seek(Number(e.target.value));
        }}
      />
    </div>
  );
}
