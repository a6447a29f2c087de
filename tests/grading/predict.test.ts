// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  formatScore,
  missingPredictions,
  predictableInvariants,
  readPredictionRecord,
  readPredictionRecords,
  scorePredictions,
  totalScore,
} from '../../src/grading/predict';
import { getApplicableInvariants, runSimulation } from '../../src/sim';
import { board, metering } from '../sim/boardBuilder';

describe('predict, then run: the pure part', () => {
  it('asks for exactly the invariants the run checks', () => {
    const naive = metering({ dedup: false }).build();
    const ids = predictableInvariants(naive);
    expect(ids).toEqual(getApplicableInvariants(naive));
    expect(ids).toEqual(['usage-billed-exactly-once', 'no-event-lost', 'pipeline-live', 'totals-on-time']);
    const r = runSimulation(naive, { seed: 1, events: 500, faultPlan: { faults: [] } });
    expect(r.invariants.map((i) => i.id)).toEqual(ids);
    // Nothing flows without a producer: nothing to predict.
    expect(
      predictableInvariants(board().add('queue').add('worker').chain('queue', 'worker').build()),
    ).toEqual(['pipeline-live']);
    expect(predictableInvariants(board().build())).toEqual([]);
  });

  it('lists what is still unpredicted, in order', () => {
    const ids = ['usage-billed-exactly-once', 'no-event-lost', 'pipeline-live'] as const;
    expect(missingPredictions(ids, {})).toEqual(ids);
    expect(missingPredictions(ids, { 'no-event-lost': 'holds' })).toEqual([
      'usage-billed-exactly-once',
      'pipeline-live',
    ]);
    expect(
      missingPredictions(ids, {
        'usage-billed-exactly-once': 'breaks',
        'no-event-lost': 'holds',
        'pipeline-live': 'holds',
      }),
    ).toEqual([]);
  });

  it('scores a real run: right, wrong, skipped and inconclusive rows', () => {
    const naive = metering({ dedup: false }).build();
    const r = runSimulation(naive, {
      seed: 1,
      events: 2000,
      faultPlan: { faults: [{ kind: 'duplicate', target: '*', fromMs: 0, rate: 0.05 }] },
    });
    const billed = r.invariants.find((i) => i.id === 'usage-billed-exactly-once')!;
    expect(billed.holds).toBe(false);
    const rec = scorePredictions(
      {
        'usage-billed-exactly-once': 'breaks',
        'pipeline-live': r.invariants.find((i) => i.id === 'pipeline-live')!.holds ? 'breaks' : 'holds',
        'totals-on-time': r.invariants.find((i) => i.id === 'totals-on-time')!.holds ? 'holds' : 'breaks',
        // An invariant the run does not check: ignored.
        'no-double-charge': 'holds',
      },
      r.invariants,
      '2026-11-30T09:00:00.000Z',
    );
    expect(rec.rows.map((x) => x.id)).toEqual(r.invariants.map((i) => i.id));
    expect(rec.rows.find((x) => x.id === 'usage-billed-exactly-once')).toEqual({
      id: 'usage-billed-exactly-once',
      predicted: 'breaks',
      actual: 'breaks',
      correct: true,
    });
    expect(rec.rows.find((x) => x.id === 'pipeline-live')?.correct).toBe(false);
    expect(rec.rows.find((x) => x.id === 'totals-on-time')?.correct).toBe(true);
    // Not predicted: shown, not scored.
    expect(rec.rows.find((x) => x.id === 'no-event-lost')).toMatchObject({ predicted: null, correct: null });
    expect(rec).toMatchObject({ correct: 2, scored: 3, at: '2026-11-30T09:00:00.000Z' });
    expect(formatScore(rec)).toBe('2/3');

    // A stopped run proves nothing: inconclusive rows are not scored, whatever was predicted.
    const stopped = scorePredictions(
      { 'no-event-lost': 'holds' },
      [{ id: 'no-event-lost', holds: false, inconclusive: true }],
      'x',
    );
    expect(stopped.rows[0]).toMatchObject({ actual: 'inconclusive', correct: null });
    expect(formatScore(stopped)).toBe('—');
  });

  it('adds up several runs', () => {
    expect(totalScore([])).toEqual({ correct: 0, scored: 0 });
    expect(
      totalScore([
        { at: 'a', rows: [], correct: 3, scored: 4 },
        { at: 'b', rows: [], correct: 4, scored: 4 },
      ]),
    ).toEqual({ correct: 7, scored: 8 });
  });

  it('reads saved records trusting nothing: bad rows go, totals are recomputed, the rest stays', () => {
    const good = {
      at: '2026-11-30T09:00:00.000Z',
      rows: [
        { id: 'no-event-lost', predicted: 'holds', actual: 'holds', correct: true },
        { id: 'pipeline-live', predicted: 'holds', actual: 'breaks', correct: false },
      ],
      correct: 1,
      scored: 2,
    };
    expect(readPredictionRecord(good)).toEqual(good);
    // Forged totals and a forged `correct` are recomputed from what was predicted and what happened.
    expect(
      readPredictionRecord({ ...good, correct: 99, rows: [{ ...good.rows[1], correct: true }] }),
    ).toMatchObject({ correct: 0, scored: 1, rows: [{ correct: false }] });
    const mixed = readPredictionRecord({
      ...good,
      rows: [
        ...good.rows,
        { id: '<img src=x>', predicted: 'holds', actual: 'holds' },
        { id: 42, predicted: 'holds', actual: 'holds' },
        { id: 'no-event-lost', predicted: 'maybe', actual: 'holds' },
        { id: 'pipeline-live', predicted: 'holds', actual: 'sometimes' },
        null,
        'row',
      ],
    });
    expect(mixed?.rows).toHaveLength(3);
    expect(mixed?.rows[2]).toEqual({ id: 'no-event-lost', predicted: null, actual: 'holds', correct: null });
    // An invariant a later version added is kept: the history outlives this version's id list.
    expect(
      readPredictionRecord({
        at: 'x',
        rows: [{ id: 'some-future-invariant', predicted: 'holds', actual: 'holds' }],
      })?.rows,
    ).toHaveLength(1);
    expect(readPredictionRecord({ rows: good.rows })).toBeNull();
    expect(readPredictionRecord({ at: 'x', rows: [] })).toBeNull();
    expect(readPredictionRecord([good])).toBeNull();
    expect(readPredictionRecords([good, 'junk', { at: 1 }, good])).toEqual([good, good]);
    expect(readPredictionRecords('junk')).toEqual([]);
  });
});
