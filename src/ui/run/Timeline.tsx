import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { SimResult } from '../../sim';
import { selectPhase, useRunStore } from '../../store/runStore';

const SERIES = [
  { key: 'throughput', label: 'Throughput', color: '#3b5bdb' },
  { key: 'duplicates', label: 'Duplicates', color: '#d9480f' },
  { key: 'late', label: 'Late', color: '#9c36b5' },
  { key: 'errors', label: 'Errors', color: '#c92a2a' },
] as const;
const CHART_HEIGHT = 120;

/**
 * Where the chart ends: one bucket after the last bucket with anything in it, so a long quiet tail
 * (a late fault's horizon, say) does not squeeze the run into the left third.
 */
export function timelineEndMs(result: Pick<SimResult, 'timeline' | 'virtualMs'>): number {
  const t = result.timeline;
  if (t.length === 0) return result.virtualMs;
  const bucket = t.length > 1 ? t[1]!.tMs - t[0]!.tMs : result.virtualMs;
  let last = -1;
  for (let i = t.length - 1; i >= 0; i--) {
    const b = t[i]!;
    if (b.throughput || b.duplicates || b.late || b.errors) {
      last = i;
      break;
    }
  }
  if (last < 0) return result.virtualMs;
  return Math.min(result.virtualMs, t[last]!.tMs + bucket);
}

/**
 * Throughput, duplicates, late events and errors per virtual second (uPlot, loaded on demand), with
 * labelled axes, the replay cursor drawn on the chart, and the scrubber under it.
 */
export function Timeline({ result }: { result: SimResult }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const cursorLine = useRef<HTMLDivElement | null>(null);
  const cursorMs = useRunStore((s) => s.cursorMs);
  const seek = (ms: number) => useRunStore.getState().seek(ms);
  const pause = () => useRunStore.getState().pause();
  const phase = useRunStore(selectPhase);
  const endMs = timelineEndMs(result);

  const placeCursor = (ms: number) => {
    const u = plot.current;
    const line = cursorLine.current;
    if (!u || !line) return;
    const x = u.valToPos(Math.min(ms, endMs) / 1000, 'x');
    line.style.transform = `translateX(${Math.round(x)}px)`;
  };

  useEffect(() => {
    let disposed = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (disposed || !host.current) return;
      const t = result.timeline;
      const bucketS =
        t.length > 1 ? (t[1]!.tMs - t[0]!.tMs) / 1000 : Math.max(0.001, result.virtualMs / 1000);
      const shown = t.filter((b) => b.tMs <= endMs);
      const xs = shown.map((b) => b.tMs / 1000);
      const data: uPlot.AlignedData = [
        xs,
        ...SERIES.map((s) => shown.map((b) => Math.round((b[s.key] / bucketS) * 10) / 10)),
      ];
      const el = host.current;
      plot.current?.destroy();
      const u = new UPlot(
        {
          width: Math.max(300, el.clientWidth),
          height: CHART_HEIGHT,
          legend: { show: true, live: false },
          cursor: { show: true, drag: { x: false, y: false } },
          scales: {
            x: { time: false, range: [0, endMs / 1000] },
            faults: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          },
          // Throughput on the left; duplicates, late events and errors (tens, not thousands) on their own right-hand scale.
          axes: [
            {
              label: 'Virtual time (s)',
              size: 34,
              labelSize: 16,
              font: '12px sans-serif',
              labelFont: '12px sans-serif',
            },
            {
              label: 'Events / s',
              size: 60,
              labelSize: 16,
              font: '12px sans-serif',
              labelFont: '12px sans-serif',
            },
            {
              scale: 'faults',
              // uPlot's Side is a const enum we cannot import as a value; 1 is its "right".
              // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
              side: 1,
              label: 'Faults / s',
              size: 56,
              labelSize: 16,
              grid: { show: false },
              font: '12px sans-serif',
              labelFont: '12px sans-serif',
            },
          ],
          series: [
            { label: 'Virtual time (s)' },
            ...SERIES.map((s, i) => ({
              label: `${s.label} (/s)`,
              stroke: s.color,
              width: 1.5,
              ...(i > 0 ? { scale: 'faults' } : {}),
            })),
          ],
        },
        data,
        el,
      );
      plot.current = u;
      const line = document.createElement('div');
      line.className = 'fl-timeline-cursor';
      line.setAttribute('aria-hidden', 'true');
      u.over.appendChild(line);
      cursorLine.current = line;
      placeCursor(useRunStore.getState().cursorMs);
    });
    return () => {
      disposed = true;
      plot.current?.destroy();
      plot.current = null;
      cursorLine.current = null;
    };
    // placeCursor reads refs only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, endMs]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      plot.current?.setSize({ width: Math.max(300, el.clientWidth), height: CHART_HEIGHT });
      placeCursor(useRunStore.getState().cursorMs);
    });
    ro.observe(el);
    return () => ro.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => placeCursor(cursorMs));

  const step = Math.max(1, Math.round(endMs / 500));
  return (
    <div className="fl-timeline">
      <div
        ref={host}
        className="fl-timeline-chart"
        role="img"
        aria-label={`Timeline chart: events and faults per virtual second over ${Math.round(endMs / 1000)} s`}
      />
      <div className="fl-row fl-scrub-row">
        <label htmlFor="replay-position" className="fl-muted">
          Replay
        </label>
        <input
          id="replay-position"
          type="range"
          className="fl-scrubber"
          aria-label="Replay position"
          aria-valuetext={`${(Math.min(cursorMs, endMs) / 1000).toFixed(1)} s of ${(endMs / 1000).toFixed(1)} s`}
          min={0}
          max={endMs}
          step={step}
          value={Math.min(cursorMs, endMs)}
          onChange={(e) => {
            if (phase === 'running') pause();
            const v = Number(e.target.value);
            // The end of the chart is the end of the run: the quiet tail needs no replay.
            seek(v >= endMs - step ? result.virtualMs : v);
          }}
        />
        <span className="fl-muted fl-scrub-time">
          {(Math.min(cursorMs, endMs) / 1000).toFixed(1)} / {(endMs / 1000).toFixed(1)} s
        </span>
      </div>
    </div>
  );
}
