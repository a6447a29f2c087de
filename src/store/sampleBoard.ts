import { createDefaultConfig, type Board } from '../domain';

/** The board a newcomer sees on first start: a small metering pipeline, naive defaults and all. */
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
        position: { x: 0, y: 80 },
        config: createDefaultConfig('producer'),
      },
      {
        id: 'queue-1',
        kind: 'queue',
        label: 'usage-events',
        position: { x: 260, y: 80 },
        config: createDefaultConfig('queue'),
      },
      {
        id: 'aggregator-1',
        kind: 'aggregator',
        label: 'hourly-rollup',
        position: { x: 520, y: 80 },
        config: createDefaultConfig('aggregator'),
      },
      {
        id: 'ledger-1',
        kind: 'ledger',
        label: 'billing-ledger',
        position: { x: 780, y: 80 },
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
