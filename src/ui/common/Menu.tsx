import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  hint?: string;
  checked?: boolean;
  /** A setting toggled in place: the menu stays open. */
  keepOpen?: boolean;
}

/**
 * A menu button: the button opens a `role="menu"` list; arrows move, Enter selects, Escape or a
 * click elsewhere closes. Items are plain data so commands can feed it.
 */
export function Menu({
  label,
  items,
  children,
  className,
}: {
  label: string;
  items: (MenuItem | 'separator')[];
  children?: ReactNode;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    list.current
      ?.querySelector<HTMLElement>(
        '[role="menuitem"]:not([disabled]), [role="menuitemcheckbox"]:not([disabled])',
      )
      ?.focus();
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const els = [
      ...(list.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([disabled])') ?? []),
    ];
    const i = els.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      root.current?.querySelector('button')?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      els[(i + 1) % els.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      els[(i - 1 + els.length) % els.length]?.focus();
    }
  };

  return (
    <div className={`fl-menu ${className ?? ''}`} ref={root}>
      <button
        type="button"
        onKeyDown={onKeyDown}
        className="fl-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {children ?? label}
      </button>
      {open && (
        <div
          className="fl-menu-list"
          role="menu"
          tabIndex={-1}
          id={id}
          aria-label={label}
          ref={list}
          onKeyDown={onKeyDown}
        >
          {items.map((it, i) =>
            it === 'separator' ? (
              <div key={`s${i}`} role="separator" className="fl-menu-sep" />
            ) : (
              <button
                key={`${it.label}${i}`}
                type="button"
                role={it.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
                aria-checked={it.checked}
                disabled={it.disabled}
                className="fl-menu-item"
                onClick={() => {
                  if (!it.keepOpen) {
                    setOpen(false);
                    // The list unmounts: focus goes back to the menu button, not to the page.
                    root.current?.querySelector<HTMLElement>('button')?.focus();
                  }
                  it.onSelect();
                }}
              >
                <span>{it.label}</span>
                {it.hint && (
                  <kbd className="fl-muted" aria-hidden="true">
                    {it.hint}
                  </kbd>
                )}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
