import type { Board } from '../domain';
import type { GradeResult } from '../grading';
import type { GradeReply, GradeRequest } from './gradeWorker';

let worker: Worker | null = null;
let nextId = 1;

/** Grades an attempt in a Web Worker; resolves with the result or rejects with the worker's message. */
export function gradeInWorker(
  req: Omit<GradeRequest, 'type' | 'id'>,
  onProgress?: (done: number, total: number) => void,
): Promise<GradeResult> {
  worker ??= new Worker(new URL('./gradeWorker.ts', import.meta.url), {
    type: 'module',
    name: 'faultline-grade',
  });
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<GradeReply>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') {
        onProgress?.(m.done, m.total);
        return;
      }
      w.removeEventListener('message', onMessage);
      if (m.type === 'graded') resolve(m.result);
      else reject(new Error(m.message));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener(
      'error',
      (e) => {
        reject(new Error(e.message || 'the grading worker crashed'));
        worker = null;
      },
      { once: true },
    );
    w.postMessage({ type: 'grade', id, ...req } satisfies GradeRequest);
  });
}

export type { Board };
