import { useRef, useState } from 'react';
import type { QuarantinedValue } from '../../io/storageTypes';
import { STORAGE_KEYS } from '../../io/storageTypes';
import { useBoardsStore } from '../../store/boardsStore';
// Downloading and deleting damaged saves is the boards store's write side: it comes with the dialog.
import '../../store/boardsWrites';
import { useUiStore } from '../../store/uiStore';
import { useDialogFocus } from './useDialogFocus';

/** What a damaged save was: the board's title when the raw text still names one, else its id. */
export function describeDamaged(q: QuarantinedValue): string {
  if (q.from === STORAGE_KEYS.index) return 'The list of boards';
  let title: unknown;
  try {
    const v = JSON.parse(q.raw) as { title?: unknown; board?: { title?: unknown } } | null;
    title = v?.board?.title ?? v?.title;
  } catch {
    // not JSON: no title to show
  }
  if (typeof title === 'string' && title.trim()) return `Board “${title.trim().slice(0, 80)}”`;
  const id = q.from.startsWith(STORAGE_KEYS.boardPrefix) ? q.from.slice(STORAGE_KEYS.boardPrefix.length) : '';
  return id ? `Board ${id}` : 'A saved value';
}

/** The safe choice takes focus when the question appears (a stable callback: runs once per mount). */
const focusOnMount = (el: HTMLElement | null) => el?.focus();

/**
 * Boards menu → "Recover damaged saves": every saved value that could not be opened and was set
 * aside, with why, when, and a download of it exactly as stored. Deleting one asks again in place.
 */
export function DamagedSavesDialog() {
  const open = useUiStore((s) => s.damagedOpen);
  const damaged = useBoardsStore((s) => s.damaged);
  const [confirming, setConfirming] = useState<string | null>(null);
  const close = () => {
    setConfirming(null);
    useUiStore.getState().setDamagedOpen(false);
  };
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useDialogFocus(dialog, open, closeButton, close);
  if (!open) return null;
  return (
    <div className="fl-overlay">
      <div
        className="fl-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="damaged-title"
        ref={dialog}
        tabIndex={-1}
      >
        <h2 id="damaged-title">Damaged saves</h2>
        <p className="fl-muted">
          These were saved in this browser but could not be opened, so they were set aside instead of being
          overwritten. Download one to repair it by hand and import it, or delete it.
        </p>
        {damaged.length === 0 ? (
          <p>Nothing is set aside.</p>
        ) : (
          <ul className="fl-damaged" aria-label="Damaged saves">
            {damaged.map((q) => {
              const what = describeDamaged(q);
              const when = q.at ? new Date(q.at).toLocaleString() : 'unknown time';
              return (
                <li key={q.key} aria-label={`${what}, set aside ${when}`}>
                  <strong>{what}</strong> <span className="fl-muted">set aside {when}</span>
                  <div className="fl-muted">{q.reason}</div>
                  <div className="fl-row">
                    {confirming === q.key ? (
                      <>
                        <span>Delete it for good?</span>
                        <button
                          type="button"
                          className="fl-btn fl-btn-small"
                          onClick={() => {
                            setConfirming(null);
                            useBoardsStore.getState().deleteDamaged(q.key);
                            closeButton.current?.focus();
                          }}
                        >
                          Delete for good
                        </button>
                        <button
                          type="button"
                          className="fl-btn fl-btn-small"
                          ref={focusOnMount}
                          onClick={() => setConfirming(null)}
                        >
                          Keep
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="fl-btn fl-btn-small"
                          onClick={() => useBoardsStore.getState().downloadDamaged(q.key)}
                        >
                          Download
                        </button>
                        <button
                          type="button"
                          className="fl-btn fl-btn-small"
                          onClick={() => setConfirming(q.key)}
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <div className="fl-row" style={{ marginTop: 10 }}>
          <button type="button" className="fl-btn" ref={closeButton} onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
