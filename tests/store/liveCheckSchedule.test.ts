// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The live check's worker client, replaced: the test sees each check request and settles it. */
const requests: { input: { events: number }; resolve: (v: unknown) => void; cancel: () => void }[] = [];
vi.mock('../../src/workers/clients/interviewerClient', () => {
  const client = {
    run: (_type: string, input: { events: number }) => {
      let resolve!: (v: unknown) => void;
      const promise = new Promise((res) => (resolve = res));
      const r = { input, resolve, cancel: vi.fn() };
      requests.push(r);
      return { promise, cancel: r.cancel };
    },
  };
  return { interviewerClient: client, liveCheckClient: client };
});

const { useEditorStore } = await import('../../src/store/editorStore');
const { LIVE_DEBOUNCE_MS, useInterviewerStore } = await import('../../src/store/interviewerStore');
const { createSampleBoard } = await import('../../src/store/sampleBoard');

afterEach(() => {
  vi.useRealTimers();
  requests.length = 0;
});

describe('live check scheduling', () => {
  it('marks the badges as checking at the edit itself, starts one check after the quiet time, and cancels a stale one', async () => {
    vi.useFakeTimers();
    useEditorStore.getState().loadBoard(createSampleBoard());
    const store = useInterviewerStore.getState();
    store.scheduleLiveCheck();
    // Same tick as the edit: one render shows "stale + checking", not two.
    expect(useInterviewerStore.getState().live.status).toBe('checking');
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS - 1);
    expect(requests).toHaveLength(0);
    store.scheduleLiveCheck(); // a second keystroke inside the quiet time restarts it
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS);
    expect(requests).toHaveLength(1);

    store.scheduleLiveCheck(); // an edit while the check runs cancels it
    expect(requests[0]!.cancel).toHaveBeenCalled();
    vi.advanceTimersByTime(LIVE_DEBOUNCE_MS);
    expect(requests).toHaveLength(2);
    const revision = useEditorStore.getState().revision;
    requests[1]!.resolve({
      verdicts: [{ id: 'no-event-lost', holds: true, count: 0, summary: '' }],
      durationMs: 5,
    });
    await vi.waitFor(() => expect(useInterviewerStore.getState().live.status).toBe('done'));
    expect(useInterviewerStore.getState().live.revision).toBe(revision);
  });
});
