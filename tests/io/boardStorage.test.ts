// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmptyBoard, type Board } from '../../src/domain';
import { boardKey, createBoardStorage } from '../../src/io/boardStorage';
import { STORAGE_KEYS } from '../../src/io/storageTypes';
import { createFakeStorage, quotaError, securityError } from './helpers';

function board(title: string, nodes = 1): Board {
  const b = createEmptyBoard(title);
  for (let i = 0; i < nodes; i++)
    b.nodes.push({
      id: `q${i}`,
      kind: 'queue',
      label: `q${i}`,
      position: { x: i, y: 0 },
      config: { orderedByKey: true, visibilityTimeoutMs: 30000, delivery: 'broadcast' },
    });
  return b;
}

/** A storage and a clock that advances by 1000 ms per call. */
function setup(opts: { quotaChars?: number } = {}) {
  const fake = createFakeStorage(opts);
  let t = 1_700_000_000_000;
  const now = () => (t += 1000);
  const repo = createBoardStorage(fake.storage, { now });
  return { ...fake, repo, now, clock: () => t };
}

describe('saving and loading boards', () => {
  it('saves, loads, counts saves and lists boards newest first', () => {
    const { repo, storage } = setup();
    expect(repo.available).toBe(true);
    const first = repo.saveBoard('b1', board('First'));
    expect(first).toMatchObject({ ok: true, savedVersion: 1 });
    expect(repo.saveBoard('b1', board('First', 2), 1)).toMatchObject({ ok: true, savedVersion: 2 });
    repo.saveBoard('b2', board('Second'));
    const loaded = repo.loadBoard('b1');
    expect(loaded).toEqual({ ok: true, board: board('First', 2), report: [], savedVersion: 2 });
    const { index, notices } = repo.loadIndex();
    expect(notices).toEqual([]);
    expect(index.boards.map((b) => [b.id, b.title])).toEqual([
      ['b2', 'Second'],
      ['b1', 'First'],
    ]);
    const record = JSON.parse(storage.getItem(boardKey('b1'))!) as Record<string, unknown>;
    expect(record).toMatchObject({ savedVersion: 2, board: { title: 'First' } });
    expect(typeof record.savedAt).toBe('number');
  });
  it('keeps the active board in the index and clears it when that board is deleted', () => {
    const { repo } = setup();
    repo.saveBoard('b1', board('One'));
    repo.saveBoard('b2', board('Two'));
    expect(repo.saveIndex({ ...repo.loadIndex().index, activeId: 'b1' })).toEqual({ ok: true });
    expect(repo.loadIndex().index.activeId).toBe('b1');
    expect(repo.deleteBoard('b1')).toEqual({ ok: true });
    const { index } = repo.loadIndex();
    expect(index.boards.map((b) => b.id)).toEqual(['b2']);
    expect(index.activeId).toBeUndefined();
    expect(repo.loadBoard('b1')).toMatchObject({ ok: false, error: { code: 'not-found' }, raw: '' });
  });
  it('reads a bare document (no save wrapper) as save 0', () => {
    const { repo, storage } = setup();
    storage.setItem(boardKey('old'), JSON.stringify(board('Bare')));
    expect(repo.loadBoard('old')).toMatchObject({ ok: true, savedVersion: 0, board: { title: 'Bare' } });
  });
  it('repairs a saved board item by item and reports it, without setting it aside', () => {
    const { repo, storage } = setup();
    storage.setItem(
      boardKey('b'),
      JSON.stringify({
        savedVersion: 3,
        savedAt: 1,
        tabId: 'x',
        board: { ...board('R'), edges: [{ id: 'e', source: 'q0', target: 'gone' }] },
      }),
    );
    const r = repo.loadBoard('b');
    expect(r.ok && r.report.map((n) => n.path)).toEqual(['edges.0.target']);
    expect(repo.listQuarantined()).toEqual([]);
  });
});

describe('#18 a corrupt or newer saved board is moved aside, never reset or overwritten', () => {
  it.each([
    ['garbage text', '{"savedVersion": 2, "board": {"format": "faultline/de', 'not-a-board'],
    ['binary', '\u0000\u0001\u0002PK\u0003\u0004', 'not-a-board'],
    ['JSON that is not a board', '[1,2,3]', 'not-a-board'],
    [
      'a board with a broken shape',
      JSON.stringify({
        savedVersion: 1,
        savedAt: 1,
        tabId: 't',
        board: { format: 'faultline/design', version: 1, nodes: 'x' },
      }),
      'not-a-board',
    ],
    [
      'a board from a newer Faultline',
      JSON.stringify({
        savedVersion: 9,
        savedAt: 1,
        tabId: 't',
        board: { format: 'faultline/design', version: 2, nodes: [] },
      }),
      'version-too-new',
    ],
  ])('%s', (_name, raw, code) => {
    const { repo, storage } = setup();
    storage.setItem(boardKey('b1'), raw);
    const r = repo.loadBoard('b1');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.raw).toBe(raw);
    expect(r.quarantineKey).toMatch(/^faultline:quarantine:\d+:b1$/);
    expect(storage.getItem(boardKey('b1'))).toBeNull();
    // The next save writes a fresh board and leaves the quarantined value alone.
    expect(repo.saveBoard('b1', board('Fresh'))).toMatchObject({ ok: true });
    const q = repo.listQuarantined();
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ key: r.quarantineKey, raw, from: boardKey('b1') });
    expect(q[0]!.reason.length).toBeGreaterThan(10);
  });
  it('keeps the JSON error as the cause', () => {
    const { repo, storage } = setup();
    storage.setItem(boardKey('b1'), '{oops');
    const r = repo.loadBoard('b1');
    expect(!r.ok && r.error.code === 'not-a-board' && r.error.cause).toBeInstanceOf(SyntaxError);
  });
  it('a save over a damaged value it never loaded sets that value aside first', () => {
    const { repo, storage } = setup();
    storage.setItem(boardKey('b1'), 'corrupt!');
    expect(repo.saveBoard('b1', board('New'))).toMatchObject({ ok: true });
    expect(repo.listQuarantined().map((q) => q.raw)).toEqual(['corrupt!']);
  });
  it("a save over a newer version's board sets it aside first", () => {
    const { repo, storage } = setup();
    const newer = JSON.stringify({
      savedVersion: 4,
      savedAt: 1,
      tabId: 'other',
      board: { format: 'faultline/design', version: 5, nodes: [] },
    });
    storage.setItem(boardKey('b1'), newer);
    expect(repo.saveBoard('b1', board('Mine'), 4)).toMatchObject({ ok: true, savedVersion: 5 });
    expect(repo.listQuarantined().map((q) => q.raw)).toEqual([newer]);
  });
  it('when the damaged value cannot be set aside (storage full), it is left in place and the save is refused', () => {
    const { repo, storage } = setup({ quotaChars: 200 });
    const raw = 'x'.repeat(120);
    storage.setItem(boardKey('b1'), raw);
    const load = repo.loadBoard('b1');
    expect(load).toMatchObject({ ok: false, raw });
    expect(!load.ok && load.quarantineKey).toBeUndefined();
    const save = repo.saveBoard('b1', board('New'));
    expect(save).toMatchObject({ ok: false, code: 'quota' });
    expect(!save.ok && save.message).toMatch(/could not be set aside.*download/s);
    expect(storage.getItem(boardKey('b1'))).toBe(raw);
  });
  it('two values set aside in the same millisecond get distinct keys', () => {
    const fake = createFakeStorage();
    const repo = createBoardStorage(fake.storage, { now: () => 5 });
    expect(repo.quarantine('k', 'one', 'r')).toEqual({ ok: true, key: 'faultline:quarantine:5:k' });
    expect(repo.quarantine('k', 'two', 'r')).toEqual({ ok: true, key: 'faultline:quarantine:5:k~2' });
    expect(repo.listQuarantined().map((q) => q.raw)).toEqual(['one', 'two']);
  });
  it('lists an unreadable quarantine entry as its raw text, and deletes entries on request', () => {
    const { repo, storage } = setup();
    storage.setItem(`${STORAGE_KEYS.quarantinePrefix}77:b9`, 'not json');
    expect(repo.listQuarantined()).toEqual([
      {
        key: 'faultline:quarantine:77:b9',
        raw: 'not json',
        reason: 'unreadable quarantine entry',
        at: 77,
        from: '',
      },
    ]);
    expect(repo.deleteQuarantined('faultline:quarantine:77:b9')).toEqual({ ok: true });
    expect(repo.deleteQuarantined(boardKey('b1')).ok).toBe(false);
    expect(repo.listQuarantined()).toEqual([]);
  });
});

describe('the index repairs itself', () => {
  it('sets a corrupt index aside and rebuilds it from the saved boards', () => {
    const { repo, storage } = setup();
    repo.saveBoard('b1', board('One'));
    repo.saveBoard('b2', board('Two'));
    storage.setItem(STORAGE_KEYS.index, '{"version":1,"boards":[{"id":');
    const { index, notices } = repo.loadIndex();
    expect(index.boards.map((b) => b.title).sort()).toEqual(['One', 'Two']);
    expect(notices[0]).toMatch(/unreadable.*set aside and rebuilt/);
    expect(repo.listQuarantined()[0]).toMatchObject({ from: STORAGE_KEYS.index });
  });
  it('drops invalid, duplicate and orphaned entries and adds back missing boards, with notices', () => {
    const { repo, storage } = setup();
    repo.saveBoard('b1', board('One'));
    storage.setItem(
      boardKey('lost'),
      JSON.stringify({ savedVersion: 1, savedAt: 42, tabId: 't', board: board('Lost') }),
    );
    storage.setItem(
      STORAGE_KEYS.index,
      JSON.stringify({
        version: 1,
        activeId: 'gone',
        boards: [
          { id: 'b1', title: 'One', updatedAt: 1 },
          { id: 'b1', title: 'Dup', updatedAt: 2 },
          { id: 'gone', title: 'Gone', updatedAt: 3 },
          { id: 5, title: 'bad' },
          null,
        ],
      }),
    );
    const { index, notices } = repo.loadIndex();
    expect(index.boards).toEqual([
      { id: 'b1', title: 'One', updatedAt: 1 },
      { id: 'lost', title: 'Lost', updatedAt: 42 },
    ]);
    expect(index.activeId).toBeUndefined();
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/boards\.1: duplicate id "b1"/),
        expect.stringMatching(/boards\.3: id/),
        expect.stringMatching(/"lost"\) was added back/),
      ]),
    );
  });
  it('an index from a newer Faultline is set aside, not overwritten', () => {
    const { repo, storage } = setup();
    const newer = JSON.stringify({ version: 2, boards: [], folders: [] });
    storage.setItem(STORAGE_KEYS.index, newer);
    repo.loadIndex();
    expect(repo.listQuarantined().map((q) => q.raw)).toEqual([newer]);
  });
});

describe('#19 storage unavailable: everything works in memory', () => {
  it.each([
    ['no storage at all', () => null],
    [
      'reads throw (blocked cookies)',
      () => {
        const f = createFakeStorage();
        f.state.throwOnRead = securityError();
        return f.storage;
      },
    ],
    [
      'writes throw on an empty storage (Safari private mode)',
      () => {
        const f = createFakeStorage();
        f.state.throwOnWrite = quotaError();
        return f.storage;
      },
    ],
  ])('%s', (_name, make) => {
    const repo = createBoardStorage(make(), { now: () => 1 });
    expect(repo.available).toBe(false);
    expect(repo.saveBoard('b1', board('Mem'))).toMatchObject({ ok: true, savedVersion: 1 });
    expect(repo.loadBoard('b1')).toMatchObject({ ok: true, board: { title: 'Mem' } });
    expect(repo.loadIndex().index.boards.map((b) => b.id)).toEqual(['b1']);
  });
  it('a full storage is still available: its boards can be read', () => {
    const { storage } = createFakeStorage({ quotaChars: 10_000 });
    const seed = createBoardStorage(storage, { now: () => 1 });
    seed.saveBoard('b1', board('Kept'));
    const used = Object.entries(storage.dump()).reduce((n, [k, v]) => n + k.length + v.length, 0);
    storage.setItem('filler', 'x'.repeat(10_000 - used - 'filler'.length));
    expect(() => storage.setItem('one-more', '1')).toThrow(/quota/);
    const repo = createBoardStorage(storage, { now: () => 2 });
    expect(repo.available).toBe(true);
    expect(repo.loadBoard('b1')).toMatchObject({ ok: true, board: { title: 'Kept' } });
  });
  it('storage that starts throwing later gives results, never exceptions', () => {
    const { repo, state } = setup();
    repo.saveBoard('b1', board('A'));
    state.throwOnRead = securityError();
    state.throwOnWrite = securityError();
    expect(repo.loadBoard('b1')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(repo.saveBoard('b1', board('B'))).toMatchObject({ ok: false, code: 'unavailable' });
    expect(repo.loadIndex().notices[0]).toMatch(/could not be read/);
    expect(repo.deleteBoard('b1').ok).toBe(false);
    expect(repo.saveIndex({ version: 1, boards: [] }).ok).toBe(false);
    expect(repo.quarantine('k', 'raw', 'r').ok).toBe(false);
    expect(repo.listQuarantined()).toEqual([]);
  });
});

describe('#20 quota exceeded on save', () => {
  it('returns quota with a message, keeps the stored copy, and saves again once there is room', () => {
    const { repo, storage, state } = setup();
    expect(repo.saveBoard('b1', board('v1'))).toMatchObject({ ok: true, savedVersion: 1 });
    const before = storage.getItem(boardKey('b1'));
    state.throwOnWrite = quotaError();
    const r = repo.saveBoard('b1', board('v2', 3), 1);
    expect(r).toMatchObject({ ok: false, code: 'quota' });
    expect(!r.ok && r.message).toMatch(/storage is full.*still open here/s);
    expect(storage.getItem(boardKey('b1'))).toBe(before);
    state.throwOnWrite = null;
    expect(repo.saveBoard('b1', board('v2', 3), 1)).toMatchObject({ ok: true, savedVersion: 2 });
  });
  it('a board larger than the quota is refused, not half-written', () => {
    const { repo, storage } = setup({ quotaChars: 3000 });
    expect(repo.saveBoard('b1', board('big', 40))).toMatchObject({ ok: false, code: 'quota' });
    expect(storage.getItem(boardKey('b1'))).toBeNull();
  });
});

describe('#21 two tabs on the same board: an outdated tab does not overwrite a newer save', () => {
  it('returns conflict with the newer version; after reloading, saving works again', () => {
    const { storage } = createFakeStorage();
    const a = createBoardStorage(storage, { now: () => 1 });
    const b = createBoardStorage(storage, { now: () => 2 });
    expect(a.saveBoard('b1', board('base'))).toMatchObject({ ok: true, savedVersion: 1 });
    const inB = b.loadBoard('b1');
    expect(inB).toMatchObject({ ok: true, savedVersion: 1 });
    expect(b.saveBoard('b1', board('from B'), 1)).toMatchObject({ ok: true, savedVersion: 2 });
    const stale = a.saveBoard('b1', board('from A'), 1);
    expect(stale).toMatchObject({ ok: false, code: 'conflict', savedVersion: 2 });
    expect(!stale.ok && stale.message).toMatch(/another tab/);
    expect(b.loadBoard('b1')).toMatchObject({ ok: true, board: { title: 'from B' }, savedVersion: 2 });
    const reloaded = a.loadBoard('b1');
    expect(reloaded.ok && reloaded.savedVersion).toBe(2);
    expect(a.saveBoard('b1', board('A again'), 2)).toMatchObject({ ok: true, savedVersion: 3 });
  });
  it('the save counter never goes backwards, even when the stored copy was deleted meanwhile', () => {
    const { repo, storage } = setup();
    repo.saveBoard('b1', board('x'));
    repo.saveBoard('b1', board('x'), 1);
    storage.removeItem(boardKey('b1'));
    expect(repo.saveBoard('b1', board('x'), 2)).toMatchObject({ ok: true, savedVersion: 3 });
  });
});

describe('no operation ever throws, and a failed save never changes what is stored (property)', () => {
  it('random operations under random storage failures', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('save' as const),
        id: fc.constantFrom('a', 'b'),
        expected: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('load' as const), id: fc.constantFrom('a', 'b') }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom('a', 'b') }),
      fc.record({ kind: fc.constant('index' as const) }),
      fc.record({ kind: fc.constant('garbage' as const), id: fc.constantFrom('a', 'b'), raw: fc.string() }),
      fc.record({
        kind: fc.constant('fail' as const),
        read: fc.boolean(),
        write: fc.constantFrom(null, 'quota', 'security'),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const { repo, storage, state } = setup();
        let quarantined = 0;
        for (const o of ops) {
          if (o.kind === 'fail') {
            state.throwOnRead = o.read ? securityError() : null;
            state.throwOnWrite =
              o.write === 'quota' ? quotaError() : o.write === 'security' ? securityError() : null;
          } else if (o.kind === 'garbage') {
            const saved = { ...state };
            state.throwOnWrite = null;
            storage.setItem(boardKey(o.id), o.raw);
            Object.assign(state, saved);
          } else if (o.kind === 'save') {
            const before = (() => {
              const r = state.throwOnRead;
              state.throwOnRead = null;
              const v = storage.getItem(boardKey(o.id));
              state.throwOnRead = r;
              return v;
            })();
            const r = repo.saveBoard(o.id, board(o.id), o.expected);
            if (!r.ok) {
              const r2 = state.throwOnRead;
              state.throwOnRead = null;
              const after = storage.getItem(boardKey(o.id));
              state.throwOnRead = r2;
              // Either untouched, or moved aside (then it is in quarantine).
              if (after !== before) expect(after).toBeNull();
            }
          } else if (o.kind === 'load') repo.loadBoard(o.id);
          else if (o.kind === 'delete') repo.deleteBoard(o.id);
          else repo.loadIndex();
          const readFail = state.throwOnRead;
          state.throwOnRead = null;
          const now = repo.listQuarantined().length;
          state.throwOnRead = readFail;
          // Nothing ever leaves quarantine by itself.
          expect(now).toBeGreaterThanOrEqual(quarantined);
          quarantined = now;
        }
      }),
      { numRuns: 300 },
    );
  });
});
