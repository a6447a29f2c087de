import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  /** A third choice, e.g. "Download current board first". */
  extra?: { label: string; run: () => void };
  resolve: (ok: boolean) => void;
}

/** In-app confirmation (never a browser dialog: docs/conventions.md#one-window-no-browser-dialogs). */
export const useConfirm = create<{
  request: ConfirmRequest | null;
  ask: (r: Omit<ConfirmRequest, 'resolve'>) => Promise<boolean>;
  answer: (ok: boolean) => void;
}>()((set, get) => ({
  request: null,
  ask: (r) =>
    new Promise<boolean>((resolve) => {
      get().request?.resolve(false);
      set({ request: { ...r, resolve } });
    }),
  answer(ok) {
    get().request?.resolve(ok);
    set({ request: null });
  },
}));
