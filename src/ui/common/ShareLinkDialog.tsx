import { useUiStore } from '../../store/uiStore';

/** Shows the last share link in a text field, for copying by hand when the clipboard is not allowed. */
export function ShareLinkDialog() {
  const url = useUiStore((s) => s.shareUrl);
  const close = () => useUiStore.getState().setShareUrl(null);
  if (!url) return null;
  return (
    <div className="fl-overlay" onClick={close}>
      <div
        className="fl-dialog fl-dialog-small"
        role="dialog"
        aria-modal="true"
        aria-label="Share link"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h2>Share link</h2>
        <p className="fl-muted">The whole board travels inside the link; nothing is uploaded.</p>
        <input
          className="fl-input"
          aria-label="Share link"
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
          autoFocus
        />
        <div className="fl-row" style={{ marginTop: 10 }}>
          <button type="button" className="fl-btn" onClick={() => void navigator.clipboard?.writeText(url)}>
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
