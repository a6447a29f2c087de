import { getDisplayName, type Board, type Size } from '../domain';
import type { MarkdownExtras } from './markdown';

/**
 * PDF export: one A4 landscape file with the title, the board drawn as vector graphics (frames,
 * components, connections with their labels, sticky notes — drawn with jsPDF's own paths and text,
 * so it stays sharp and its text stays text), the sticky notes' text, the board's notes, the last
 * run's invariant table and the grade. jsPDF is loaded only when this runs (its own chunk). The
 * streams are left uncompressed: files are small and their text can be searched.
 */

const PAGE = { w: 297, h: 210, margin: 12 } as const;
const NODE: Size = { width: 180, height: 60 };
const NOTE_FILL: Record<string, [number, number, number]> = {
  yellow: [255, 243, 191],
  blue: [208, 235, 255],
  green: [211, 249, 216],
  pink: [255, 222, 235],
  grey: [233, 236, 239],
};

/** Characters the standard PDF fonts cannot show are replaced, so the text never turns into mojibake. */
const pdfText = (s: string) => s.replace(/[^\x20-\x7E\u00A0-\u00FF\n]/g, '?');

export interface PdfOptions {
  /** Measured sizes of components on the canvas; a default size is used for the others. */
  sizes?: ReadonlyMap<string, Size>;
}

/** Builds the PDF and returns its bytes. */
export async function boardToPdf(
  board: Board,
  extras: MarkdownExtras = {},
  opts: PdfOptions = {},
): Promise<ArrayBuffer> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: false });
  doc.setProperties({ title: pdfText(board.title), creator: 'Faultline' });
  let y = PAGE.margin + 6;
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(18);
  doc.text(pdfText(board.title || 'Untitled board'), PAGE.margin, y);
  y += 4;
  if (extras.scenario) {
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(10);
    doc.text(pdfText(`Scenario: ${extras.scenario.title}`), PAGE.margin, y + 4);
    y += 6;
  }
  drawBoard(doc, board, opts.sizes ?? new Map(), {
    x: PAGE.margin,
    y: y + 4,
    w: PAGE.w - 2 * PAGE.margin,
    h: PAGE.h - y - 4 - PAGE.margin,
  });

  // Following pages: text sections.
  const w = PAGE.w - 2 * PAGE.margin;
  let cursor = PAGE.h; // forces a new page first
  const line = (text: string, size = 10, bold = false) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    const lines = doc.splitTextToSize(pdfText(text), w) as string[];
    for (const l of lines) {
      const h = size * 0.45;
      if (cursor + h > PAGE.h - PAGE.margin) {
        doc.addPage('a4', 'landscape');
        cursor = PAGE.margin + 4;
      }
      doc.text(l, PAGE.margin, cursor);
      cursor += h;
    }
  };
  const gap = () => (cursor += 3);

  const notes = (board.stickyNotes ?? []).filter((n) => n.text.trim() !== '');
  if (notes.length > 0) {
    line('Notes on the board', 14, true);
    gap();
    for (const n of notes) {
      line(`- ${n.text.trim()}`);
      gap();
    }
  }
  if (board.notes) {
    line('Notes', 14, true);
    gap();
    line(board.notes);
    gap();
  }
  if (extras.simulation) {
    const s = extras.simulation;
    const held = s.invariants.filter((i) => i.holds).length;
    line('Last run', 14, true);
    gap();
    line(`Seed ${s.seed}, ${s.events} events: ${held} of ${s.invariants.length} invariants held.`);
    gap();
    line('Invariant | Result | Violations', 10, true);
    for (const i of s.invariants)
      line(`${i.id} | ${i.holds ? 'holds' : 'VIOLATED'} | ${i.count}${i.summary ? ` - ${i.summary}` : ''}`);
    gap();
  }
  if (extras.grading) {
    const g = extras.grading;
    line('Grade', 14, true);
    gap();
    line(`Score: ${g.score}/100${g.breakdown ? ` (${g.breakdown})` : ''}`);
    if (g.missedKeyPoints.length > 0) {
      line('Missed key points:', 10, true);
      for (const k of g.missedKeyPoints) line(`- ${k}`);
    }
    if (g.gaps && g.gaps.length > 0) {
      line('Gaps against the reference design:', 10, true);
      for (const k of g.gaps) line(`- ${k}`);
    }
  }
  return doc.output('arraybuffer');
}

type Doc = InstanceType<typeof import('jspdf').jsPDF>;

/** Draws the board scaled to fit `area` (mm): frames behind, then connections, components, notes. */
function drawBoard(
  doc: Doc,
  board: Board,
  sizes: ReadonlyMap<string, Size>,
  area: { x: number; y: number; w: number; h: number },
) {
  const size = (id: string) => sizes.get(id) ?? NODE;
  const rects = [
    ...board.nodes.map((n) => ({ ...n.position, ...size(n.id) })),
    ...(board.stickyNotes ?? []).map((n) => ({ ...n.position, ...n.size })),
    ...(board.frames ?? []).map((f) => ({ ...f.position, ...f.size })),
  ];
  if (rects.length === 0) {
    doc.setFontSize(10);
    doc.text('(empty board)', area.x, area.y + 6);
    return;
  }
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.width));
  const y1 = Math.max(...rects.map((r) => r.y + r.height));
  const k = Math.min(area.w / Math.max(1, x1 - x0), area.h / Math.max(1, y1 - y0), 0.35);
  const X = (v: number) => area.x + (v - x0) * k;
  const Y = (v: number) => area.y + (v - y0) * k;
  const font = (px: number) => Math.max(4, px * k * 2.83); // board px at scale k → points

  for (const f of board.frames ?? []) {
    doc.setDrawColor(59, 91, 219);
    doc.setLineDashPattern([2, 1.5], 0);
    doc.setLineWidth(0.4);
    doc.roundedRect(X(f.position.x), Y(f.position.y), f.size.width * k, f.size.height * k, 2, 2, 'S');
    doc.setLineDashPattern([], 0);
    doc.setTextColor(59, 91, 219);
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(font(14));
    doc.text(pdfText(f.title), X(f.position.x) + 2, Y(f.position.y) + font(14) * 0.45);
  }
  doc.setTextColor(0, 0, 0);
  const pos = new Map(board.nodes.map((n) => [n.id, n.position]));
  doc.setDrawColor(122, 134, 154);
  doc.setLineWidth(0.3);
  for (const e of board.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const sa = size(e.source),
      sb = size(e.target);
    const ax = X(a.x + sa.width),
      ay = Y(a.y + sa.height / 2),
      bx = X(b.x),
      by = Y(b.y + sb.height / 2);
    doc.line(ax, ay, bx, by);
    const ang = Math.atan2(by - ay, bx - ax);
    const head = 1.6;
    doc.triangle(
      bx,
      by,
      bx - head * Math.cos(ang - 0.4),
      by - head * Math.sin(ang - 0.4),
      bx - head * Math.cos(ang + 0.4),
      by - head * Math.sin(ang + 0.4),
      'F',
    );
    if (e.label) {
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(font(12));
      doc.text(pdfText(e.label), (ax + bx) / 2, (ay + by) / 2 - 0.8, { align: 'center' });
    }
  }
  for (const n of board.nodes) {
    const s = size(n.id);
    doc.setFillColor(255, 255, 255);
    doc.setDrawColor(170, 180, 195);
    doc.roundedRect(X(n.position.x), Y(n.position.y), s.width * k, s.height * k, 1.5, 1.5, 'FD');
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(font(14));
    doc.text(pdfText(n.label), X(n.position.x) + 2, Y(n.position.y) + font(14) * 0.5 + 1, {
      maxWidth: s.width * k - 4,
    });
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(font(11));
    doc.setTextColor(95, 107, 122);
    doc.text(
      pdfText(getDisplayName(n.kind)),
      X(n.position.x) + 2,
      Y(n.position.y) + font(14) * 0.5 + font(11) * 0.45 + 2,
    );
    doc.setTextColor(0, 0, 0);
  }
  for (const n of board.stickyNotes ?? []) {
    const [r, g, b] = NOTE_FILL[n.color] ?? NOTE_FILL.yellow!;
    doc.setFillColor(r, g, b);
    doc.setDrawColor(200, 200, 200);
    doc.rect(X(n.position.x), Y(n.position.y), n.size.width * k, n.size.height * k, 'FD');
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(font(13));
    const lines = doc.splitTextToSize(pdfText(n.text), n.size.width * k - 3) as string[];
    const fit = Math.max(1, Math.floor((n.size.height * k - 2) / (font(13) * 0.42)));
    doc.text(lines.slice(0, fit), X(n.position.x) + 1.5, Y(n.position.y) + font(13) * 0.45 + 1);
  }
}
