import type { Board } from '../domain';
import { boardToMarkdown, type MarkdownExtras } from '../io/markdown';
import { boardToMermaid } from '../io/mermaid';
import { buildShareUrl, encodeShareFragment } from '../io/shareLink';
import { useEditorStore } from '../store/editorStore';
import { notify } from '../store/noticeStore';
import { usePracticeStore } from '../store/practiceStore';
import { useRunStore } from '../store/runStore';
import { useUiStore } from '../store/uiStore';
import { registeredFlow } from './automation';
import { getNodesBounds } from '@xyflow/react';
import { exportCanvasImage, type ImageExportOptions } from '../io/imageExport';
import { downloadBoardJson, downloadText, downloadUrl } from '../io/download';

const board = () => useEditorStore.getState().board;

export async function exportImage(opts: ImageExportOptions) {
  const rf = registeredFlow();
  if (!rf) return;
  try {
    const el = document.querySelector<HTMLElement>('.fl-canvas .react-flow');
    if (!el) throw new Error('the canvas is not on screen');
    const nodes = rf.getNodes();
    const bounds = nodes.length ? getNodesBounds(nodes) : { x: 0, y: 0, width: 400, height: 300 };
    const url = await exportCanvasImage(el, bounds, opts);
    downloadUrl(`${board().title}.${opts.format}`, url);
  } catch (e) {
    notify({ level: 'error', text: `Image export failed: ${(e as Error).message}` });
  }
}

export function exportJson() {
  downloadBoardJson(board());
}

export function exportMermaid() {
  const b = board();
  downloadText(`${b.title}.mmd`, boardToMermaid(b), 'text/plain');
}

export async function copyMermaid() {
  await copyText(boardToMermaid(board()), 'Mermaid code copied to the clipboard.');
}

/** What the notes add beyond the board: the round's prompt, the last run, the last grade. */
async function markdownExtras(b: Board): Promise<MarkdownExtras> {
  const extras: MarkdownExtras = {};
  if (b.scenario) {
    const { getScenario } = await import('../content/scenarios');
    const s = getScenario(b.scenario);
    if (s) extras.scenario = { title: s.title, prompt: s.prompt };
  }
  const run = useRunStore.getState();
  if (run.result && run.resultRevision === useEditorStore.getState().revision) {
    extras.simulation = {
      seed: run.result.seed,
      events: run.result.events,
      invariants: run.result.invariants.map((i) => ({
        id: i.id,
        holds: i.holds,
        count: i.count,
        summary: i.summary,
      })),
    };
  }
  const practice = usePracticeStore.getState();
  if (b.scenario && practice.scenarioId === b.scenario && (practice.notes.trim() || practice.referenceViewed))
    extras.round = { notes: practice.notes, referenceViewed: practice.referenceViewed };
  const grade = practice.result;
  if (grade && b.scenario === grade.scenarioId) {
    const br = grade.breakdown;
    extras.grading = {
      score: grade.score,
      breakdown: `invariants ${br.invariants.earned}/${br.invariants.max}, roles ${br.structure.earned}/${br.structure.max}, talking points ${br.talkingPoints.earned}/${br.talkingPoints.max}${br.hintPenalty ? `, hints −${br.hintPenalty}` : ''}`,
      missedKeyPoints: grade.missed.map((k) => k.text),
      gaps: grade.gaps.map((g) => g.message),
    };
  }
  return extras;
}

export async function exportMarkdown() {
  const b = board();
  downloadText(`${b.title}.md`, boardToMarkdown(b, await markdownExtras(b)), 'text/markdown');
}

/** PDF: title, the board as vector drawing, notes, the last run and the grade (jsPDF loaded on demand). */
export async function exportPdf() {
  const b = board();
  try {
    const [{ boardToPdf }, extras] = await Promise.all([import('../io/pdfExport'), markdownExtras(b)]);
    const sizes = new Map(
      (registeredFlow()?.getNodes() ?? []).flatMap((n) =>
        n.type === 'component' && n.measured?.width && n.measured.height
          ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const]
          : [],
      ),
    );
    const bytes = await boardToPdf(b, extras, { sizes });
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    downloadUrl(`${b.title}.pdf`, url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    notify({ level: 'error', text: `PDF export failed: ${(e as Error).message}` });
  }
}

export async function copyShareLink() {
  const r = encodeShareFragment(board());
  if (!r.ok) {
    notify({ level: 'error', text: r.message, actions: [{ label: 'Export JSON', run: exportJson }] });
    return;
  }
  const url = buildShareUrl(location.href, r.fragment);
  useUiStore.getState().setShareUrl(url);
  await copyText(url, 'Share link copied to the clipboard.');
}

async function copyText(text: string, ok: string) {
  try {
    await navigator.clipboard.writeText(text);
    notify({ level: 'info', text: ok });
  } catch {
    notify({ level: 'info', text: 'The clipboard is not available here; copy the text by hand.' });
  }
}
