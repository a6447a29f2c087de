// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindFlushOnHide } from '../../src/io/pageLifecycle';
import { createThrottledSaver, type SaverTimers } from '../../src/io/throttle';
import type { SaveResult } from '../../src/io/storageTypes';

/** Timers on a virtual clock: nothing waits for real time. */
function createFakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: SaverTimers = {
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => {
      pending.delete(h as number);
    },
    now: () => now,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { timers, advance, pendingCount: () => pending.size };
}

const OK: SaveResult = { ok: true, savedVersion: 1, savedAt: 0 };
const QUOTA: SaveResult = { ok: false, code: 'quota', message: 'full' };
const CONFLICT: SaveResult = { ok: false, code: 'conflict', message: 'newer', savedVersion: 3 };

function setup(
  results: SaveResult[] = [],
  opts: { waitMs?: number; retryMs?: number; maxRetryMs?: number } = {},
) {
  const t = createFakeTimers();
  const saved: string[] = [];
  const outcomes: SaveResult[] = [];
  const saver = createThrottledSaver<string>(
    (v) => {
      saved.push(v);
      return results.shift() ?? OK;
    },
    {
      waitMs: 1000,
      retryMs: 5000,
      maxRetryMs: 20000,
      ...opts,
      timers: t.timers,
      onResult: (r) => outcomes.push(r),
    },
  );
  return { ...t, saver, saved, outcomes };
}

describe('createThrottledSaver', () => {
  it('coalesces a burst of edits into one save of the latest value', () => {
    const { saver, saved, advance } = setup();
    saver.schedule('a');
    saver.schedule('b');
    saver.schedule('c');
    expect(saved).toEqual([]);
    advance(0);
    expect(saved).toEqual(['c']);
    expect(saver.pending).toBe(false);
  });
  it('saves at most once per waitMs while edits keep coming', () => {
    const { saver, saved, advance } = setup();
    for (let i = 0; i < 50; i++) {
      saver.schedule(`v${i}`);
      advance(100);
    }
    advance(1000);
    // t=0, then every 1000 ms over ~5 s, and the last value at the end.
    expect(saved.length).toBeGreaterThanOrEqual(5);
    expect(saved.length).toBeLessThanOrEqual(7);
    expect(saved.at(-1)).toBe('v49');
  });
  it('flush saves the pending value synchronously and cancels the timer', () => {
    const { saver, saved, advance, pendingCount } = setup();
    saver.schedule('x');
    expect(saver.flush()).toEqual(OK);
    expect(saved).toEqual(['x']);
    expect(pendingCount()).toBe(0);
    advance(5000);
    expect(saved).toEqual(['x']);
    expect(saver.flush()).toBeUndefined();
  });
  it('cancel drops the pending value', () => {
    const { saver, saved, advance } = setup();
    saver.schedule('x');
    saver.cancel();
    advance(5000);
    expect(saved).toEqual([]);
    expect(saver.pending).toBe(false);
  });
  it('#20 retries a failed save with backoff, keeping the value, and picks up newer edits', () => {
    const { saver, saved, advance, outcomes } = setup([QUOTA, QUOTA]);
    saver.schedule('v1');
    advance(0);
    expect(saved).toEqual(['v1']);
    expect(saver.pending).toBe(true);
    advance(4999);
    expect(saved).toEqual(['v1']);
    saver.schedule('v2');
    advance(1);
    expect(saved).toEqual(['v1', 'v2']); // retry after 5 s, with the newer value
    advance(9999);
    expect(saved).toHaveLength(2); // second failure: backoff doubled to 10 s
    advance(1);
    expect(saved).toEqual(['v1', 'v2', 'v2']);
    expect(saver.pending).toBe(false);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
  });
  it('caps the backoff', () => {
    const { saver, saved, advance } = setup(Array.from({ length: 10 }, () => QUOTA));
    saver.schedule('v');
    advance(0);
    advance(5000 + 10000 + 20000 + 20000);
    expect(saved).toHaveLength(5);
  });
  it('#21 does not retry a conflict; the next schedule or flush tries again', () => {
    const { saver, saved, advance, outcomes } = setup([CONFLICT]);
    saver.schedule('mine');
    advance(0);
    expect(outcomes).toEqual([CONFLICT]);
    advance(60_000);
    expect(saved).toEqual(['mine']);
    expect(saver.pending).toBe(true);
    expect(saver.flush()).toEqual(OK);
    expect(saved).toEqual(['mine', 'mine']);
  });
  it('a save that throws counts as a failure and nothing escapes', () => {
    const t = createFakeTimers();
    const outcomes: SaveResult[] = [];
    let calls = 0;
    const saver = createThrottledSaver<string>(
      () => {
        calls++;
        if (calls === 1) throw new Error('disk on fire');
        return OK;
      },
      { waitMs: 10, retryMs: 100, timers: t.timers, onResult: (r) => outcomes.push(r) },
    );
    saver.schedule('x');
    expect(() => t.advance(0)).not.toThrow();
    expect(outcomes[0]).toMatchObject({ ok: false, code: 'unavailable' });
    expect(outcomes[0]?.ok === false && outcomes[0].message).toMatch(/disk on fire/);
    t.advance(100);
    expect(outcomes[1]).toEqual(OK);
  });
  it('a throwing onResult listener does not stop autosave', () => {
    const t = createFakeTimers();
    const saved: string[] = [];
    const saver = createThrottledSaver<string>(
      (v) => {
        saved.push(v);
        return OK;
      },
      {
        waitMs: 10,
        timers: t.timers,
        onResult: () => {
          throw new Error('ui bug');
        },
      },
    );
    saver.schedule('a');
    expect(() => t.advance(0)).not.toThrow();
    saver.schedule('b');
    t.advance(10);
    expect(saved).toEqual(['a', 'b']);
  });
  it('dispose stops everything', () => {
    const { saver, saved, advance } = setup();
    saver.schedule('a');
    saver.dispose();
    saver.schedule('b');
    advance(10_000);
    expect(saver.flush()).toBeUndefined();
    expect(saved).toEqual([]);
  });
  it('works with the global timers (vi fake timers)', () => {
    vi.useFakeTimers();
    try {
      const saved: string[] = [];
      const saver = createThrottledSaver<string>(
        (v) => {
          saved.push(v);
          return OK;
        },
        { waitMs: 1000 },
      );
      saver.schedule('a');
      vi.advanceTimersByTime(0);
      saver.schedule('b');
      vi.advanceTimersByTime(999);
      expect(saved).toEqual(['a']);
      vi.advanceTimersByTime(1);
      expect(saved).toEqual(['a', 'b']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('#22 bindFlushOnHide: a pending save is flushed when the page is hidden or closed', () => {
  afterEach(() => vi.restoreAllMocks());

  function targets() {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    return { win, doc };
  }

  it('flushes on pagehide and on visibilitychange to hidden, not to visible', () => {
    const { win, doc } = targets();
    const flush = vi.fn();
    const unbind = bindFlushOnHide(flush, win, doc);
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(1);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(1);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(2);
    unbind();
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
  });
  it('writes the pending value of a real saver', () => {
    const { win, doc } = targets();
    const t = createFakeTimers();
    const saved: string[] = [];
    const saver = createThrottledSaver<string>(
      (v) => {
        saved.push(v);
        return OK;
      },
      { waitMs: 1000, timers: t.timers },
    );
    bindFlushOnHide(() => saver.flush(), win, doc);
    saver.schedule('last edit');
    win.dispatchEvent(new Event('pagehide'));
    expect(saved).toEqual(['last edit']);
  });
  it('a throwing flush does not escape the event handler', () => {
    const { win, doc } = targets();
    bindFlushOnHide(
      () => {
        throw new Error('x');
      },
      win,
      doc,
    );
    expect(() => win.dispatchEvent(new Event('pagehide'))).not.toThrow();
  });
});
