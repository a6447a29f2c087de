import {
  missingPredictions,
  predictableInvariants,
  scorePredictions,
  type Predictions,
} from '../grading/predict';
import { useBoardsStore } from './boardsStore';
import { useEditorStore } from './editorStore';
import { usePracticeStore } from './practiceStore';
import { usePredictStore, type PredictState } from './predictStore';
import { useRunStore } from './runStore';

/**
 * "Predict, then run", the run side (docs/architecture.md): when a run starts its predictions are
 * locked; when its result arrives they are scored against the verdicts, shown beside them, and — on
 * a practice round's own board — kept with the round's attempt. The next run needs fresh
 * predictions. Installed on import (the run panel imports it, and the mode is turned on there).
 */

/** The invariants the next run checks that still have no prediction (none while the mode is off). */
export function unpredicted(s: Pick<PredictState, 'enabled' | 'predictions'> = usePredictStore.getState()) {
  if (!s.enabled) return [];
  return missingPredictions(predictableInvariants(useEditorStore.getState().board), s.predictions);
}

/** Predictions locked when a run started, waiting for its result. */
let locked: { predictions: Predictions; boardId: string | null } | null = null;

useRunStore.subscribe((run, prev) => {
  if (run.computing && !prev.computing) {
    const p = usePredictStore.getState();
    const any = Object.keys(p.predictions).length > 0;
    locked =
      p.enabled && any ? { predictions: p.predictions, boardId: useBoardsStore.getState().activeId } : null;
    if (p.enabled) usePredictStore.setState({ outcome: null, outcomeKept: false });
    return;
  }
  if (!run.computing && prev.computing) {
    const l = locked;
    locked = null;
    // A reset, a failure, a board switch or a stopped run ends without verdicts: nothing to score.
    if (!l || !run.result || run.result.stopped) return;
    const record = scorePredictions(l.predictions, run.result.invariants, new Date().toISOString());
    const practice = usePracticeStore.getState();
    const kept = practice.scenarioId !== null && practice.boardId !== null && practice.boardId === l.boardId;
    if (kept) practice.recordPrediction(record);
    // Fresh predictions for the next run: the last ones are in the outcome.
    usePredictStore.setState({ outcome: record, outcomeKept: kept, predictions: {} });
  }
});

/** A new board (or another one opened) starts with no predictions and no outcome. */
useEditorStore.subscribe((s, prev) => {
  if (s.openCount === prev.openCount) return;
  locked = null;
  usePredictStore.setState({ predictions: {}, outcome: null, outcomeKept: false });
});
