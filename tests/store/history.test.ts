// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createHistory, HISTORY_LIMIT, recordChange, redo, undo } from '../../src/store/history';

describe('undo history', () => {
  it('undoes and redoes in order, and a new change clears redo', () => {
    let h = createHistory<number>();
    h = recordChange(h, 0);
    h = recordChange(h, 1); // now at 2
    const u1 = undo(h, 2)!;
    expect(u1.state).toBe(1);
    const u2 = undo(u1.history, 1)!;
    expect(u2.state).toBe(0);
    expect(undo(u2.history, 0)).toBeNull();
    const r1 = redo(u2.history, 0)!;
    expect(r1.state).toBe(1);
    const after = recordChange(r1.history, 1);
    expect(after.future).toEqual([]);
    expect(redo(after, 5)).toBeNull();
  });

  it('collapses consecutive edits with the same key into one step', () => {
    let h = createHistory<string>();
    h = recordChange(h, '', 'label:n1');
    h = recordChange(h, 'a', 'label:n1');
    h = recordChange(h, 'ab', 'label:n1');
    expect(h.past).toEqual(['']);
    h = recordChange(h, 'abc', 'label:n2');
    expect(h.past).toEqual(['', 'abc']);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) h = recordChange(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});
