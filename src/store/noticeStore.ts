import { create } from 'zustand';

export interface NoticeAction {
  label: string;
  run: () => void;
}
export interface Notice {
  id: number;
  level: 'error' | 'warning' | 'info';
  text: string;
  /** Extra lines, e.g. an import report. */
  details?: string[];
  actions?: NoticeAction[];
  /** Notices that must stay until dismissed (a quarantined save) vs ones that fade. */
  sticky?: boolean;
}

interface NoticeState {
  notices: Notice[];
  push: (n: Omit<Notice, 'id'>) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** Banners and toasts: errors about files, links and saves appear here, never as browser dialogs. */
export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  push(n) {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.slice(-4), { ...n, id }] }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));

export const notify = (n: Omit<Notice, 'id'>) => useNotices.getState().push(n);
