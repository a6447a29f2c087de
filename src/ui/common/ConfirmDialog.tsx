import { useRef } from 'react';
import { useConfirm } from '../../store/confirmStore';
import { useDialogFocus } from './useDialogFocus';

export function ConfirmDialog() {
  const req = useConfirm((s) => s.request);
  const answer = (ok: boolean) => useConfirm.getState().answer(ok);
  const cancel = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  // Focus starts on Cancel: Enter on a confirmation must never delete or reveal by accident.
  useDialogFocus(dialog, req !== null, cancel, () => answer(false));
  if (!req) return null;
  return (
    <div className="fl-overlay">
      <div
        className="fl-dialog fl-dialog-small"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        tabIndex={-1}
        ref={dialog}
      >
        <h2 id="confirm-title">{req.title}</h2>
        <p id="confirm-body">{req.body}</p>
        <div className="fl-row">
          <button type="button" className="fl-btn fl-btn-primary" onClick={() => answer(true)}>
            {req.confirmLabel}
          </button>
          {req.extra && (
            <button type="button" className="fl-btn" onClick={req.extra.run}>
              {req.extra.label}
            </button>
          )}
          <button type="button" className="fl-btn" ref={cancel} onClick={() => answer(false)}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
