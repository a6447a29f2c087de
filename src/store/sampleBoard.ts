import { createDefaultConfig, type Board, type Fault } from '../domain';

/**
 * The sample's fault plan: the at-least-once preset (1% of deliveries repeated), so the first Run
 * shows the double count the sample's note promises, with a message to Explain.
 */
export const SAMPLE_FAULTS: readonly Fault[] = [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.01 }];

/** The board a newcomer sees on first start: a small metering pipeline, naive defaults and all, laid out
 * compactly so that it opens at a zoom where its labels read at 12 px or more. */
export function createSampleBoard(): Board {
  return {
    format: 'faultline/design',
    version: 1,
    title: 'Sample: metering pipeline',
    nodes: [
      {
        id: 'producer-1',
        kind: 'producer',
        label: 'api-gateway',
        position: { x: 0, y: 0 },
        config: createDefaultConfig('producer'),
      },
      {
        id: 'queue-1',
        kind: 'queue',
        label: 'usage-events',
        position: { x: 240, y: 0 },
        config: createDefaultConfig('queue'),
      },
      {
        id: 'aggregator-1',
        kind: 'aggregator',
        label: 'hourly-rollup',
        position: { x: 480, y: 0 },
        config: createDefaultConfig('aggregator'),
      },
      {
        id: 'ledger-1',
        kind: 'ledger',
        label: 'billing-ledger',
        position: { x: 720, y: 0 },
        config: createDefaultConfig('ledger'),
      },
    ],
    edges: [
      { id: 'e1', source: 'producer-1', target: 'queue-1', label: 'usage' },
      { id: 'e2', source: 'queue-1', target: 'aggregator-1' },
      { id: 'e3', source: 'aggregator-1', target: 'ledger-1', label: 'totals' },
    ],
    notes: 'A first cut at usage metering. Press Run to see what at-least-once delivery does to it.',
  };
}
