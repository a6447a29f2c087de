import { useRef } from 'react';
import { useUiStore } from '../../store/uiStore';
import { useDialogFocus } from './useDialogFocus';

/** Shows the last share link in a text field, for copying by hand when the clipboard is not allowed. */
export function ShareLinkDialog() {
  const url = useUiStore((s) => s.shareUrl);
  const close = () => useUiStore.getState().setShareUrl(null);
  const dialog = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useDialogFocus(dialog, url !== null, field, close);
  if (!url) return null;
  return (
    <div className="fl-overlay">
      <div
        className="fl-dialog fl-dialog-small"
        role="dialog"
        aria-modal="true"
        aria-label="Share link"
        ref={dialog}
        tabIndex={-1}
      >
        <h2>Share link</h2>
        <p className="fl-muted">The whole board travels inside the link; nothing is uploaded.</p>
        <input
          className="fl-input"
          aria-label="Share link"
          readOnly
          value={url}
          ref={field}
          onFocus={(e) => e.target.select()}
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
