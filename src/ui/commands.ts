/**
 * One registry of commands drives the menus, the keyboard shortcuts and the "?" overlay
 * (changes are named and shaped like data, as Excalidraw's actions are: docs/conventions.md#code-habits).
 */
export interface Command {
  id: string;
  label: string;
  group: 'Edit' | 'View' | 'Board' | 'Run' | 'Export' | 'Help';
  /** Shortcuts such as 'Mod+Shift+Z'; Mod is Ctrl, or ⌘ on a Mac. */
  keys?: string[];
  run(): void;
  /** Whether the shortcut fires while typing in a text field (default: no). */
  inInputs?: boolean;
  /** When given and false, the shortcut is left to the page (e.g. Enter on a focused button). */
  when?: () => boolean;
}

export function matchesShortcut(e: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts[parts.length - 1]!;
  const mods = new Set(parts.slice(0, -1));
  const mod = e.ctrlKey || e.metaKey;
  if (mods.has('Mod') !== mod) return false;
  if (key !== '?' && mods.has('Shift') !== e.shiftKey) return false;
  if (mods.has('Alt') !== e.altKey) return false;
  if (key.length === 1)
    return (
      e.key.toLowerCase() === key.toLowerCase() ||
      e.code === `Key${key.toUpperCase()}` ||
      e.code === `Digit${key}` ||
      (key === '?' && e.key === '?')
    );
  return e.key === key;
}

export function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/** Finds the command a key press means, honouring the text-field rule. */
export function findCommandForEvent(commands: readonly Command[], e: KeyboardEvent): Command | undefined {
  const typing = isTextInput(e.target);
  return commands.find(
    (c) => (!typing || c.inInputs) && c.keys?.some((k) => matchesShortcut(e, k)) && (!c.when || c.when()),
  );
}

export function formatShortcut(shortcut: string, isMac: boolean): string {
  return shortcut.replace('Mod', isMac ? '⌘' : 'Ctrl').replace('Shift', isMac ? '⇧' : 'Shift');
}
