// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../src/sim';
import { activeEdgesAt, applyOverlayAt, healthAt } from '../../src/store/runPlayback';
import { useRunOverlay } from '../../src/store/runOverlayStore';
import { createSampleBoard } from '../../src/store/sampleBoard';

const result = {
  seed: 1,
  events: 10,
  traceHash: 'x',
  processedEvents: 10,
  virtualMs: 10_000,
  invariants: [],
  stats: { 'queue-1': { in: 5, out: 5, dropped: 0, duplicates: 1, deadLettered: 0, errors: 0, crashes: 1 } },
  timeline: Array.from({ length: 10 }, (_, i) => ({
    tMs: i * 1000,
    throughput: 1,
    late: 0,
    duplicates: 0,
    errors: 0,
  })),
  samples: [
    { tMs: 1000, edgeId: 'e1', messageId: 'm1' },
    { tMs: 5000, edgeId: 'e2', messageId: 'm2' },
  ],
  health: [
    { tMs: 2000, nodeId: 'queue-1', state: 'crashed' },
    { tMs: 4000, edgeId: 'e3', state: 'partitioned' },
    { tMs: 6000, nodeId: 'queue-1', state: 'up' },
    { tMs: 8000, edgeId: 'e3', state: 'healed' },
  ],
} as unknown as SimResult;

describe('replaying a run on the canvas', () => {
  it('crashed nodes and cut edges follow the health events over virtual time', () => {
    expect(healthAt(result, 1000)).toEqual({ crashed: new Set(), cut: new Set() });
    expect(healthAt(result, 5000)).toEqual({ crashed: new Set(['queue-1']), cut: new Set(['e3']) });
    expect(healthAt(result, 7000)).toEqual({ crashed: new Set(), cut: new Set(['e3']) });
    expect(healthAt(result, 9000)).toEqual({ crashed: new Set(), cut: new Set() });
  });

  it('edges animate while sampled messages cross them', () => {
    expect(activeEdgesAt(result, 1500, 1000)).toEqual(new Set(['e1']));
    expect(activeEdgesAt(result, 5200, 1000)).toEqual(new Set(['e2']));
    expect(activeEdgesAt(result, 3000, 1000)).toEqual(new Set());
  });

  it('applies health and counters to the overlay store, and stops animating at the end', () => {
    applyOverlayAt(result, 5000, createSampleBoard());
    const o = useRunOverlay.getState();
    expect(o.crashed.has('queue-1')).toBe(true);
    expect(o.cutEdges.has('e3')).toBe(true);
    expect(o.counters['queue-1']?.duplicates).toBe(1);
    applyOverlayAt(result, 10_000, createSampleBoard());
    expect(useRunOverlay.getState().activeEdges.size).toBe(0);
  });
});
