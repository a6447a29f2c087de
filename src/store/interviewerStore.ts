import { create } from 'zustand';
import type { Board, BoardEdge, BoardNode } from '../domain/document';
import type { FaultPlan } from '../domain/faultPlan';
import { validateBoardForRun } from '../domain/parseBoard';
import type { AttackResult, RepairSuggestion } from '../grading/attack';
import { interviewerClient, liveCheckClient, type JobHandle } from '../workers/clients/interviewerClient';
import type { LiveVerdict } from '../workers/interviewerProtocol';
import { useEditorStore } from './editorStore';
import { usePracticeStore } from './practiceStore';
import { useRunStore } from './runStore';

/** Events per try of "Break my design", and per live check. */
export const ATTACK_EVENTS = 2_000;
export const LIVE_EVENTS = 2_000;
/**
 * Quiet time after an edit before the live check starts. Short, so that edit → badges stays under
 * 250 ms at p95 on a loaded machine (a 2,000-event check takes 10–20 ms, far more under load);
 * typing faster than this still costs one check per pause, and a check that a later keystroke makes
 * stale is cancelled within one slice of the worker's run (docs/performance.md, "Live verdicts").
 */
export const LIVE_DEBOUNCE_MS = 60;

/** What the canvas draws for a previewed repair: new nodes and edges as ghosts, changed nodes marked. */
export interface RepairPreview {
  nodes: BoardNode[];
  edges: BoardEdge[];
  changed: ReadonlySet<string>;
}

export interface LiveState {
  status: 'idle' | 'checking' | 'done' | 'error';
  verdicts: LiveVerdict[];
  /** The board revision the verdicts belong to. */
  revision: number;
  durationMs: number;
  /** Whose fault plan the check ran: the run panel's, the round's, or none at all. */
  planSource: 'run' | 'round' | 'none';
  error: string | null;
}

export interface InterviewerState {
  status: 'idle' | 'searching' | 'found' | 'none' | 'error';
  progress: { phase: string; done: number; total: number } | null;
  result: AttackResult | null;
  /** The board revision that was attacked: a repair applies to that board only. */
  revision: number;
  error: string | null;
  repairStatus: 'idle' | 'searching' | 'done' | 'error';
  repairs: RepairSuggestion[];
  /** The suggestion drawn on the canvas as a diff. */
  previewIndex: number | null;
  preview: RepairPreview | null;
  live: LiveState;

  breakDesign(): void;
  cancel(): void;
  /** Puts the found plan, seed and events into the run panel. */
  load(): void;
  suggestRepairs(): void;
  previewRepair(index: number | null): void;
  /** Applies a suggestion through the editor's commit (one undo step). */
  applyRepair(index: number): void;
  dismiss(): void;
  /** Schedules a live check of the current board (debounced; a newer edit cancels a stale check). */
  scheduleLiveCheck(): void;
}

let attackJob: JobHandle<AttackResult> | null = null;
let repairJob: JobHandle<{ suggestions: RepairSuggestion[] }> | null = null;
let liveJob: JobHandle<{ verdicts: LiveVerdict[]; durationMs: number }> | null = null;
let liveTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * The bundled scenarios, loaded once a round starts: they are large, and the first paint needs none
 * of them (the practice store has already loaded them by the time a round is on).
 */
let scenarios: typeof import('../content/scenarios') | null = null;
function loadScenarios(): void {
  if (scenarios) return;
  void import('../content/scenarios').then((m) => {
    scenarios = m;
  });
}
usePracticeStore.subscribe((p) => {
  if (p.scenarioId) loadScenarios();
});

/** The round's invariants when a round is on, else every invariant that applies. */
function roundInvariants() {
  const id = usePracticeStore.getState().scenarioId;
  if (!id) return null;
  if (!scenarios) {
    loadScenarios();
    return null;
  }
  const scenario = scenarios.getScenario(id);
  return scenario ? { invariants: [...scenario.invariants], plan: scenario.faultPlan } : null;
}

function previewOf(before: Board, s: RepairSuggestion): RepairPreview {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(before.edges.map((e) => [e.id, e]));
  const nodes = s.board.nodes.filter((n) => !oldNodes.has(n.id));
  // New edges, and edges whose ends moved (the first half of an edge a component was inserted on).
  const edges = s.board.edges.filter((e) => {
    const o = oldEdges.get(e.id);
    return !o || o.source !== e.source || o.target !== e.target;
  });
  const changed = new Set(
    s.board.nodes
      .filter((n) => {
        const o = oldNodes.get(n.id);
        return o !== undefined && JSON.stringify(o.config) !== JSON.stringify(n.config);
      })
      .map((n) => n.id),
  );
  return { nodes, edges, changed };
}

export const useInterviewerStore = create<InterviewerState>()((set, get) => ({
  status: 'idle',
  progress: null,
  result: null,
  revision: -1,
  error: null,
  repairStatus: 'idle',
  repairs: [],
  previewIndex: null,
  preview: null,
  live: { status: 'idle', verdicts: [], revision: -1, durationMs: 0, planSource: 'none', error: null },

  breakDesign() {
    attackJob?.cancel();
    repairJob?.cancel();
    const { board, revision } = useEditorStore.getState();
    const valid = validateBoardForRun(board);
    if (!valid.ok) {
      set({ status: 'error', error: `The board cannot run: ${valid.error.message}`, result: null });
      return;
    }
    const round = roundInvariants();
    set({
      status: 'searching',
      progress: null,
      result: null,
      error: null,
      revision,
      repairs: [],
      repairStatus: 'idle',
      previewIndex: null,
      preview: null,
    });
    const job = interviewerClient.run(
      'attack',
      {
        board: valid.board,
        seed: useRunStore.getState().seed,
        events: ATTACK_EVENTS,
        ...(round ? { invariants: round.invariants } : {}),
      },
      (phase, done, total) => set({ progress: { phase, done, total } }),
    );
    attackJob = job;
    job.promise.then(
      (result) => {
        if (attackJob !== job) return;
        attackJob = null;
        set({ status: result.found ? 'found' : 'none', result, progress: null });
        if (result.found) get().suggestRepairs();
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        if (attackJob !== job) return;
        attackJob = null;
        if (message === 'cancelled') return;
        set({ status: 'error', error: message, progress: null });
      },
    );
  },

  cancel() {
    attackJob?.cancel();
    attackJob = null;
    repairJob?.cancel();
    repairJob = null;
    set((s) => ({
      status: s.status === 'searching' ? 'idle' : s.status,
      repairStatus: s.repairStatus === 'searching' ? 'idle' : s.repairStatus,
      progress: null,
    }));
  },

  load() {
    const r = get().result;
    if (!r?.found) return;
    const run = useRunStore.getState();
    run.setFaults(r.plan.faults);
    run.setSeed(r.seed);
    run.setEvents(r.events);
  },

  suggestRepairs() {
    const r = get().result;
    if (!r?.found || !r.invariant) return;
    const { board, revision } = useEditorStore.getState();
    if (revision !== get().revision) return;
    const valid = validateBoardForRun(board);
    if (!valid.ok) return;
    repairJob?.cancel();
    set({ repairStatus: 'searching', repairs: [] });
    const job = interviewerClient.run('repair', {
      board: valid.board,
      plan: r.plan,
      seed: r.seed,
      events: r.events,
      invariant: r.invariant,
    });
    repairJob = job;
    job.promise.then(
      (res) => {
        if (repairJob !== job) return;
        repairJob = null;
        set({ repairStatus: 'done', repairs: res.suggestions });
        if (res.suggestions.length > 0) get().previewRepair(0);
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        if (repairJob !== job) return;
        repairJob = null;
        if (message !== 'cancelled') set({ repairStatus: 'error', error: message });
      },
    );
  },

  previewRepair(index) {
    const s = index === null ? undefined : get().repairs[index];
    if (!s || useEditorStore.getState().revision !== get().revision) {
      set({ previewIndex: null, preview: null });
      return;
    }
    set({ previewIndex: index, preview: previewOf(useEditorStore.getState().board, s) });
  },

  applyRepair(index) {
    const s = get().repairs[index];
    const editor = useEditorStore.getState();
    if (!s || editor.revision !== get().revision) return;
    editor.commit(s.board);
    set({ repairs: [], repairStatus: 'idle', previewIndex: null, preview: null });
  },

  dismiss() {
    repairJob?.cancel();
    repairJob = null;
    set({ repairs: [], repairStatus: 'idle', previewIndex: null, preview: null });
  },

  scheduleLiveCheck() {
    if (liveTimer) clearTimeout(liveTimer);
    liveJob?.cancel();
    liveJob = null;
    liveTimer = setTimeout(runLiveCheck, LIVE_DEBOUNCE_MS);
    // Marked as checking now, in the same render as the edit that caused it: the badges change
    // twice per edit (stale, then fresh), not three times — each change is a layout and a paint.
    const live = get().live;
    if (live.status !== 'checking') set({ live: { ...live, status: 'checking' } });
  },
}));

function runLiveCheck(): void {
  liveTimer = null;
  const { board, revision } = useEditorStore.getState();
  const set = useInterviewerStore.setState;
  const live = useInterviewerStore.getState().live;
  const valid = validateBoardForRun(board);
  if (!valid.ok || board.nodes.length === 0) {
    set({
      live: { ...live, status: 'idle', verdicts: [], revision, error: valid.ok ? null : valid.error.message },
    });
    return;
  }
  const run = useRunStore.getState();
  const round = roundInvariants();
  const own = run.faultPlan.faults.length > 0;
  const plan: FaultPlan = own ? run.faultPlan : (round?.plan ?? { faults: [] });
  const planSource: LiveState['planSource'] = own ? 'run' : round ? 'round' : 'none';
  if (live.status !== 'checking') set({ live: { ...live, status: 'checking' } });
  const job = liveCheckClient.run('check', {
    board: valid.board,
    plan,
    seed: run.seed,
    events: LIVE_EVENTS,
    ...(round ? { invariants: round.invariants } : {}),
  });
  liveJob = job;
  job.promise.then(
    ({ verdicts, durationMs }) => {
      if (liveJob !== job) return;
      liveJob = null;
      set({ live: { status: 'done', verdicts, revision, durationMs, planSource, error: null } });
    },
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (liveJob !== job) return;
      liveJob = null;
      if (message !== 'cancelled')
        set({ live: { ...useInterviewerStore.getState().live, status: 'error', error: message } });
    },
  );
}

/**
 * Another board opened: the found question, the repairs and the live badges were about the board
 * that was on the canvas, so they go (and their jobs stop) rather than show, faded, over the new one.
 */
useEditorStore.subscribe((s, prev) => {
  if (s.openCount === prev.openCount) return;
  attackJob?.cancel();
  repairJob?.cancel();
  liveJob?.cancel();
  attackJob = repairJob = liveJob = null;
  useInterviewerStore.setState({
    status: 'idle',
    progress: null,
    result: null,
    error: null,
    repairStatus: 'idle',
    repairs: [],
    previewIndex: null,
    preview: null,
    live: { status: 'idle', verdicts: [], revision: -1, durationMs: 0, planSource: 'none', error: null },
  });
});

/**
 * Live verdicts while you draw: every edit, fault-plan change or seed change schedules a check
 * (only where workers exist — the browser, not unit tests without a worker shim).
 */
if (typeof Worker !== 'undefined') {
  useEditorStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision || s.board !== prev.board) {
      useInterviewerStore.getState().scheduleLiveCheck();
      const i = useInterviewerStore.getState();
      if (i.preview && s.revision !== i.revision)
        useInterviewerStore.setState({ previewIndex: null, preview: null });
    }
  });
  useRunStore.subscribe((s, prev) => {
    if (s.faultPlan !== prev.faultPlan || s.seed !== prev.seed)
      useInterviewerStore.getState().scheduleLiveCheck();
  });
  usePracticeStore.subscribe((s, prev) => {
    if (s.scenarioId !== prev.scenarioId) useInterviewerStore.getState().scheduleLiveCheck();
  });
}
