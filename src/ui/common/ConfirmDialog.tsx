import { useEffect, useRef } from 'react';
import { useConfirm } from '../../store/confirmStore';

export function ConfirmDialog() {
  const req = useConfirm((s) => s.request);
  const answer = useConfirm((s) => s.answer);
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (req) ok.current?.focus();
  }, [req]);
  if (!req) return null;
  return (
    // Escape anywhere in the dialog answers "no" (the backdrop hears it bubble up).
    <div
      className="fl-overlay"
      role="presentation"
      onKeyDown={(e) => {
        if (e.key === 'Escape') answer(false);
      }}
    >
      <div className="fl-dialog fl-dialog-small" role="alertdialog" aria-modal="true" aria-label={req.title}>
        <h2>{req.title}</h2>
        <p>{req.body}</p>
        <div className="fl-row">
          <button type="button" className="fl-btn fl-btn-primary" ref={ok} onClick={() => answer(true)}>
            {req.confirmLabel}
          </button>
          {req.extra && (
            <button type="button" className="fl-btn" onClick={req.extra.run}>
              {req.extra.label}
            </button>
          )}
          <button type="button" className="fl-btn" onClick={() => answer(false)}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
