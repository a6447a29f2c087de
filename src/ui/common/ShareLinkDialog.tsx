import { useEffect, useRef } from 'react';
import { useUiStore } from '../../store/uiStore';

/** Shows the last share link in a text field, for copying by hand when the clipboard is not allowed. */
export function ShareLinkDialog() {
  const url = useUiStore((s) => s.shareUrl);
  const close = () => useUiStore.getState().setShareUrl(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (url) field.current?.focus();
  }, [url]);
  if (!url) return null;
  return (
    // The backdrop: a click outside the dialog or Escape anywhere in it closes.
    <div
      className="fl-overlay"
      role="presentation"
      onClick={(e) => {
        if (e.target === e.currentTarget) close();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <div className="fl-dialog fl-dialog-small" role="dialog" aria-modal="true" aria-label="Share link">
        <h2>Share link</h2>
        <p className="fl-muted">The whole board travels inside the link; nothing is uploaded.</p>
        <input
          className="fl-input"
          aria-label="Share link"
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
          ref={field}
        />
        <div className="fl-row" style={{ marginTop: 10 }}>
          <button
            type="button"
            className="fl-btn"
            onClick={() => {
              // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined outside secure contexts, whatever lib.dom says
              void navigator.clipboard?.writeText(url);
            }}
          >
            Copy
          </button>
          <button type="button" className="fl-btn" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
