/**
 * Browser adapter: flushes a pending autosave when the page is hidden or closed (docs/reliability.md
 * #22). `pagehide` fires on close and navigation (and, unlike `unload`, with the back/forward
 * cache); `visibilitychange` to hidden is the last event mobile browsers reliably deliver.
 */

interface ListenerTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Calls `flush` on `pagehide` and whenever the document becomes hidden. Returns a function that
 * removes the listeners. The targets default to `window` and `document` and can be fakes in tests.
 */
export function bindFlushOnHide(
  flush: () => unknown,
  win: ListenerTarget = globalThis,
  doc: ListenerTarget & { visibilityState?: string } = (globalThis as { document?: ListenerTarget })
    .document ?? globalThis,
): () => void {
  const safeFlush = () => {
    try {
      flush();
    } catch {
      // Nothing useful can be shown while the page goes away.
    }
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') safeFlush();
  };
  win.addEventListener('pagehide', safeFlush);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', safeFlush);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
