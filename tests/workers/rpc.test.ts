// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CancelledError, createWorkerClient, type Reply } from '../../src/workers/clients/rpc';

type Msg = { type: 'run'; id: number; n: number } | { type: 'cancel'; id: number };

/** A stand-in Worker: records what it is sent and counts its listeners; the test answers for it. */
class FakeWorker {
  sent: Msg[] = [];
  terminated = false;
  listeners = new Map<string, Set<(e: unknown) => void>>();
  postMessage(m: Msg) {
    this.sent.push(m);
  }
  addEventListener(type: string, fn: (e: unknown) => void) {
    const set = this.listeners.get(type) ?? new Set();
    set.add(fn);
    this.listeners.set(type, set);
  }
  removeEventListener(type: string, fn: (e: unknown) => void) {
    this.listeners.get(type)?.delete(fn);
  }
  terminate() {
    this.terminated = true;
  }
  emit(type: string, e: unknown) {
    for (const fn of this.listeners.get(type) ?? []) fn(e);
  }
  reply(data: unknown) {
    this.emit('message', { data });
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

function setup(withCancel = true) {
  const workers: FakeWorker[] = [];
  const client = createWorkerClient<{ n: number }, number>({
    create: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    request: (id, req): Msg => ({ type: 'run', id, n: req.n }),
    ...(withCancel ? { cancel: (id: number): Msg => ({ type: 'cancel', id }) } : {}),
    decode: (data) => data as Reply<number>,
    crashMessage: 'crashed',
  });
  return { client, workers };
}

describe('createWorkerClient', () => {
  it('routes progress and results by id, and adds no listener per call', async () => {
    const { client, workers } = setup();
    const seen: number[] = [];
    const a = client.call({ n: 1 }, (done) => seen.push(done));
    const b = client.call({ n: 2 });
    const w = workers[0]!;
    expect(workers).toHaveLength(1);
    expect(w.listenerCount()).toBe(2); // one message, one error listener, for the worker's life
    for (let i = 0; i < 50; i++) {
      const h = client.call({ n: i });
      h.promise.catch(() => undefined);
      h.cancel();
    }
    expect(w.listenerCount()).toBe(2);
    w.reply({ id: 1, kind: 'progress', done: 5, total: 10 });
    w.reply({ id: 2, kind: 'done', value: 20 });
    w.reply({ id: 1, kind: 'done', value: 10 });
    await expect(a.promise).resolves.toBe(10);
    await expect(b.promise).resolves.toBe(20);
    expect(seen).toEqual([5]);
    expect(client.pendingCount()).toBe(0);
  });

  it('cancel is cooperative: it rejects at once, tells the worker, and never terminates it', async () => {
    const { client, workers } = setup();
    const h = client.call({ n: 1 });
    h.cancel();
    await expect(h.promise).rejects.toBeInstanceOf(CancelledError);
    const w = workers[0]!;
    expect(w.sent).toEqual([
      { type: 'run', id: 1, n: 1 },
      { type: 'cancel', id: 1 },
    ]);
    expect(w.terminated).toBe(false);
    // A late answer for the cancelled call is ignored; the next call reuses the same worker.
    w.reply({ id: 1, kind: 'done', value: 1 });
    const next = client.call({ n: 2 });
    w.reply({ id: 2, kind: 'done', value: 2 });
    await expect(next.promise).resolves.toBe(2);
    expect(workers).toHaveLength(1);
  });

  it('without a cancel message, cancel only forgets the call', async () => {
    const { client, workers } = setup(false);
    const h = client.call({ n: 1 });
    h.cancel();
    await expect(h.promise).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0]!.sent).toEqual([{ type: 'run', id: 1, n: 1 }]);
  });

  it("a worker error rejects every call in flight with the worker's message; the next call gets a fresh worker", async () => {
    const { client, workers } = setup();
    const a = client.call({ n: 1 });
    const b = client.call({ n: 2 });
    workers[0]!.emit('error', { message: '' });
    await expect(a.promise).rejects.toThrow('crashed');
    await expect(b.promise).rejects.toThrow('crashed');
    expect(workers[0]!.terminated).toBe(true);
    const c = client.call({ n: 3 });
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ id: 3, kind: 'error', message: 'bad board' });
    await expect(c.promise).rejects.toThrow('bad board');
  });
});
