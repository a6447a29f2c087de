import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigures {
  initialGzipBytes: number;
  chunks: { file: string; bytes: number; gzipBytes: number; initial: boolean }[];
}

/** Sizes of the built JavaScript; "initial" is what index.html loads before any lazy import. */
export function measureBundle(dir = 'dist'): BundleFigures {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const assets = join(dir, 'assets');
  const initialNames = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  // Follow static imports of the entry: those load before first paint too.
  while (queue.length) {
    const f = queue.pop()!;
    if (initialNames.has(f)) continue;
    initialNames.add(f);
    const src = readFileSync(join(assets, f), 'utf8');
    for (const m of src.matchAll(/^import\s*(?:[^'"]*from\s*)?["']\.\/([^"']+\.js)["']/gm)) queue.push(m[1]!);
    for (const m of src.matchAll(/\bimport\s*["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]!);
  }
  const chunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const buf = readFileSync(join(assets, file));
      return {
        file,
        bytes: buf.length,
        gzipBytes: gzipSync(buf, { level: 9 }).length,
        initial: initialNames.has(file),
      };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
  return { initialGzipBytes: chunks.filter((c) => c.initial).reduce((s, c) => s + c.gzipBytes, 0), chunks };
}
