// Browser downloads (an <a download> click): plain DOM, no React, so the stores can offer them too.
import { serializeBoard, type Board } from '../domain';

/** Downloads a board as its JSON document (the Export → JSON file, and every "download it first" offer). */
export function downloadBoardJson(board: Board) {
  downloadText(`${board.title}.json`, serializeBoard(board), 'application/json');
}

/** Starts a normal browser download of text content. */
export function downloadText(filename: string, text: string, type: string) {
  downloadBlob(filename, new Blob([text], { type }));
}

export function downloadBlob(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  downloadUrl(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadUrl(filename: string, url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFilename(filename);
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** A file name without path separators or characters that file systems refuse. */
export function safeFilename(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .trim()
    .slice(0, 120);
  return cleaned || 'board';
}
