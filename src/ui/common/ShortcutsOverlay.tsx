import { useRef } from 'react';
import { useDialogFocus } from './useDialogFocus';
import { formatShortcut, type Command } from '../commands';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The "?" overlay: every command with a shortcut, grouped, read from the command registry. */
export function ShortcutsOverlay({
  commands,
  onClose,
}: {
  commands: readonly Command[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useDialogFocus(ref, true, close, onClose);
  const groups = [...new Set(commands.map((c) => c.group))];
  return (
    <div className="fl-overlay">
      <div
        className="fl-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        ref={ref}
      >
        <h2>Keyboard shortcuts</h2>
        <div className="fl-shortcut-groups">
          {groups.map((g) => (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {commands
                  .filter((c) => c.group === g && c.keys?.length)
                  .map((c) => (
                    <div key={c.id} className="fl-shortcut-row">
                      <dt>{c.label}</dt>
                      <dd>
                        {c.keys!.map((k) => (
                          <kbd key={k}>{formatShortcut(k, IS_MAC)}</kbd>
                        ))}
                      </dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="fl-muted">
          Drag on empty canvas to box-select; drag with the middle or right button, or scroll, to pan;
          Ctrl+scroll or pinch to zoom.
        </p>
        <button type="button" className="fl-btn" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
