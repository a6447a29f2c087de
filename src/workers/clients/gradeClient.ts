import { isPlainRecord } from '../../domain/ids';
import type { GradeResult } from '../../grading';
import type { GradeReply, GradeRequest } from '../gradeWorker';
import { createWorkerClient } from './rpc';

type GradeCall = Omit<GradeRequest, 'type' | 'id'>;

const client = createWorkerClient<GradeCall, GradeResult>({
  create: () =>
    new Worker(new URL('../gradeWorker.ts', import.meta.url), { type: 'module', name: 'faultline-grade' }),
  request: (id, req): GradeRequest => ({ type: 'grade', id, ...req }),
  // Grading has no cancel message: a cancelled call's reply is simply ignored when it comes.
  decode: (data) => {
    if (!isPlainRecord(data) || typeof data.id !== 'number') return null;
    const m = data as GradeReply;
    switch (m.type) {
      case 'progress':
        return { id: m.id, kind: 'progress', done: m.done, total: m.total };
      case 'graded':
        return { id: m.id, kind: 'done', value: m.result };
      case 'error':
        return { id: m.id, kind: 'error', message: m.message };
    }
  },
  crashMessage: 'the grading worker crashed',
});

/** Grades an attempt in a Web Worker; resolves with the result or rejects with the worker's message. */
export function gradeInWorker(
  req: GradeCall,
  onProgress?: (done: number, total: number) => void,
): Promise<GradeResult> {
  return client.call(req, onProgress).promise;
}
