// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createBoardStorage, boardKey } from '../../src/io/boardStorage';
import { loadVersioned, saveVersioned } from '../../src/io/versioned';
import { createEmptyBoard } from '../../src/domain';
import { createFakeStorage, securityError } from './helpers';

const RUN_KEY = 'faultline:run';

describe('#26 saved run or practice state from another version', () => {
  it('round-trips state of the current version', () => {
    const { storage } = createFakeStorage();
    expect(saveVersioned(storage, RUN_KEY, 3, { seed: 7 })).toEqual({ ok: true });
    expect(loadVersioned(storage, RUN_KEY, 3)).toEqual({ ok: true, data: { seed: 7 } });
  });
  it('nothing saved ⇒ none, no notice', () => {
    expect(loadVersioned(createFakeStorage().storage, RUN_KEY, 1)).toEqual({ ok: false, reason: 'none' });
  });
  it('an older version is discarded with a notice; the board is kept', () => {
    const { storage } = createFakeStorage();
    const repo = createBoardStorage(storage, { now: () => 1 });
    repo.saveBoard('b1', createEmptyBoard('Mine'));
    saveVersioned(storage, 'faultline:practice', 1, { phase: 'deep-dive' });
    const r = loadVersioned(storage, 'faultline:practice', 2, { label: 'practice round' });
    expect(r).toEqual({
      ok: false,
      reason: 'older',
      notice:
        'Your practice round was saved by an older version of Faultline and was discarded. Your boards are not affected.',
    });
    expect(storage.getItem('faultline:practice')).toBeNull();
    expect(storage.getItem(boardKey('b1'))).not.toBeNull();
    expect(repo.loadBoard('b1')).toMatchObject({ ok: true, board: { title: 'Mine' } });
  });
  it('a newer version is ignored with a notice and left for that version', () => {
    const { storage } = createFakeStorage();
    saveVersioned(storage, RUN_KEY, 5, {});
    expect(loadVersioned(storage, RUN_KEY, 2)).toMatchObject({ ok: false, reason: 'newer' });
    expect(storage.getItem(RUN_KEY)).not.toBeNull();
  });
  it.each([
    ['not JSON', '{run'],
    ['no version', '{"data":1}'],
    ['a list', '[1]'],
  ])('%s ⇒ discarded as corrupt', (_n, raw) => {
    const { storage } = createFakeStorage();
    storage.setItem(RUN_KEY, raw);
    const r = loadVersioned(storage, RUN_KEY, 1);
    expect(r).toMatchObject({ ok: false, reason: 'corrupt' });
    expect((r as { notice?: string }).notice).toMatch(/unreadable.*discarded/);
    expect(storage.getItem(RUN_KEY)).toBeNull();
  });
  it('a validator refusing the shape (or throwing) discards it', () => {
    const { storage } = createFakeStorage();
    saveVersioned(storage, RUN_KEY, 1, { seed: 'x' });
    const isRun = (d: unknown) =>
      typeof d === 'object' && d !== null && 'seed' in d && typeof d.seed === 'number'
        ? { seed: d.seed }
        : null;
    expect(loadVersioned(storage, RUN_KEY, 1, isRun)).toMatchObject({ ok: false, reason: 'corrupt' });
    saveVersioned(storage, RUN_KEY, 1, { seed: 1 });
    expect(
      loadVersioned(storage, RUN_KEY, 1, () => {
        throw new Error('bad');
      }),
    ).toMatchObject({ ok: false, reason: 'corrupt' });
    saveVersioned(storage, RUN_KEY, 1, { seed: 2 });
    expect(loadVersioned(storage, RUN_KEY, 1, isRun)).toEqual({ ok: true, data: { seed: 2 } });
  });
  it('unreadable storage ⇒ unavailable with a notice, no exception', () => {
    const { storage, state } = createFakeStorage();
    state.throwOnRead = securityError();
    expect(loadVersioned(storage, RUN_KEY, 1)).toMatchObject({ ok: false, reason: 'unavailable' });
  });
  it('state that is not plain data is refused, not thrown', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(saveVersioned(createFakeStorage().storage, RUN_KEY, 1, cyclic)).toMatchObject({
      ok: false,
      code: 'unavailable',
    });
  });
});
