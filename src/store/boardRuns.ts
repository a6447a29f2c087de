import type { Fault } from '../domain';
import { loadVersioned, saveVersioned } from '../io/versioned';
import type { StorageLike } from '../io/storageTypes';
import { boardsSession, setOnSampleCreated, useBoardsStore } from './boardsStore';
import { useEditorStore } from './editorStore';
import { applyOverlayAt } from './runPlayback';
import { selectSpeed, useRunStore, type RunState } from './runStore';
import { SAMPLE_FAULTS } from './sampleBoard';

/**
 * Run results belong to their board: switching boards (or starting a round, which opens a board of
 * its own) puts the current board's run aside and shows the arriving board's own last run, or none.
 * Each board's fault plan is kept too, and saved in the browser so a reload keeps it.
 */

type Kept = Pick<
  RunState,
  'faultPlan' | 'seed' | 'events' | 'duration' | 'result' | 'durationMs' | 'cursorMs' | 'explained'
> & {
  /** The replay speed (the run machine's context). */
  speed: number;
  /** The result was up to date with the board when it was put aside. */
  fresh: boolean;
};

export const FAULT_PLANS_KEY = 'faultline:fault-plans';
export const FAULT_PLANS_VERSION = 1;

const kept = new Map<string, Kept>();
let plans: Record<string, Fault[]> = {};
let currentId: string | null = null;
let storage: StorageLike | null = null;
let installed: (() => void) | null = null;

const DEFAULTS = {
  seed: 1,
  events: 10_000,
  duration: 0,
  durationMs: 0,
  cursorMs: 0,
  explained: null,
};

function savePlans() {
  if (!storage) return;
  const live = new Set(useBoardsStore.getState().boards.map((b) => b.id));
  plans = Object.fromEntries(Object.entries(plans).filter(([id]) => live.has(id) || id === currentId));
  saveVersioned(storage, FAULT_PLANS_KEY, FAULT_PLANS_VERSION, plans);
}

function validatePlans(data: unknown): Record<string, Fault[]> | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const out: Record<string, Fault[]> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>))
    if (k !== '__proto__' && Array.isArray(v)) out[k] = v as Fault[];
  return out;
}

/** Puts the shown run aside for `id`. `revision` is the board revision the shown board had. */
function stash(id: string, revision: number) {
  const r = useRunStore.getState();
  kept.set(id, {
    faultPlan: r.faultPlan,
    seed: r.seed,
    events: r.events,
    duration: r.duration,
    result: r.result,
    durationMs: r.durationMs,
    cursorMs: r.cursorMs,
    speed: selectSpeed(r),
    explained: r.explained,
    fresh: r.result !== null && r.resultRevision === revision,
  });
}

/** Shows `id`'s own last run, or none; its fault plan, or an empty one. */
function restore(id: string | null) {
  const run = useRunStore.getState();
  run.reset();
  const k = id ? kept.get(id) : undefined;
  const { revision, board } = useEditorStore.getState();
  if (!k) {
    useRunStore.setState({ ...DEFAULTS, faultPlan: { faults: (id && plans[id]) || [] } });
    return;
  }
  useRunStore.setState({
    faultPlan: k.faultPlan,
    seed: k.seed,
    events: k.events,
    duration: k.duration,
    result: k.result,
    resultRevision: k.fresh ? revision : -2,
    durationMs: k.durationMs,
    cursorMs: k.cursorMs,
    explained: k.explained,
  });
  run.setSpeed(k.speed);
  if (k.result) applyOverlayAt(k.result, k.cursorMs, board);
}

/**
 * Wires per-board runs to the board and editor stores. Called before the boards store's `init` (tests),
 * or just after it (the app, whose first paint does not need this module): then the board already
 * open gets its saved fault plan, or the first-start sample its teaching one, now.
 */
export function installBoardRuns(store: StorageLike | null = browserStorage()): () => void {
  installed?.();
  storage = store;
  kept.clear();
  const loaded = store
    ? loadVersioned(store, FAULT_PLANS_KEY, FAULT_PLANS_VERSION, {
        validate: validatePlans,
        label: 'fault plans',
      })
    : null;
  plans = loaded?.ok ? loaded.data : {};
  currentId = useBoardsStore.getState().activeId;

  const unEditor = useEditorStore.subscribe((s, prev) => {
    if (s.openCount === prev.openCount) return;
    const next = useBoardsStore.getState().activeId;
    if (currentId) stash(currentId, prev.revision);
    currentId = next;
    restore(next);
  });
  const unRun = useRunStore.subscribe((s, prev) => {
    if (s.faultPlan === prev.faultPlan || !currentId) return;
    plans[currentId] = s.faultPlan.faults;
    savePlans();
  });
  setOnSampleCreated((id) => {
    if (id === currentId) useRunStore.getState().setFaults(SAMPLE_FAULTS.map((f) => ({ ...f })));
  });
  if (currentId) {
    // Installed after `init`: the sample it made keeps its teaching plan even if another board (a
    // share link) opened first, and the open board shows its own plan.
    const sampleId = boardsSession.sampleId;
    if (sampleId && !plans[sampleId]) {
      plans[sampleId] = SAMPLE_FAULTS.map((f) => ({ ...f }));
      savePlans();
    }
    const saved = plans[currentId];
    if (saved && useRunStore.getState().result === null) useRunStore.getState().setFaults(saved);
  }
  installed = () => {
    unEditor();
    unRun();
    setOnSampleCreated(null);
    installed = null;
  };
  return installed;
}

function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
