/// <reference lib="webworker" />
// Grades a practice attempt off the main thread: the user's board and the reference, each run under
// the scenario's fault plan on the same seeds (src/grading), with the same engine as the CLI.
import { getScenario } from '../content/scenarios';
import { gradeAttempt, type GradeResult } from '../grading';
import { runWithEngine } from '../grading/simRunner';
import { errorMessage, isPlainRecord, type Board } from '../domain';

export type GradeRequest = {
  type: 'grade';
  id: number;
  scenarioId: string;
  board: Board;
  seeds?: number[];
  events?: number;
  tickedTalkingPoints?: string[];
  hintsUsed?: number;
};
export type GradeReply =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'graded'; id: number; result: GradeResult }
  | { type: 'error'; id: number; message: string };

const post = (m: GradeReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<unknown>) => {
  // The worker trusts nothing it receives: anything but a grade request is ignored.
  if (!isPlainRecord(e.data) || e.data.type !== 'grade') return;
  const req = e.data as GradeRequest;
  try {
    const scenario = getScenario(req.scenarioId);
    if (!scenario) throw new Error(`unknown scenario "${req.scenarioId}"`);
    const result = gradeAttempt(scenario, req.board, {
      seeds: req.seeds,
      events: req.events,
      tickedTalkingPoints: req.tickedTalkingPoints,
      hintsUsed: req.hintsUsed,
      run: runWithEngine,
      onProgress: (done, total) => post({ type: 'progress', id: req.id, done, total }),
    });
    post({ type: 'graded', id: req.id, result: JSON.parse(JSON.stringify(result)) as GradeResult });
  } catch (err) {
    post({ type: 'error', id: req.id, message: errorMessage(err) });
  }
};
