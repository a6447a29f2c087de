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

/** Libraries of the first load, by the bare module ids they are imported by. */
const LIBRARY_GROUPS: { name: string; ids: RegExp }[] = [
  { name: 'react + react-dom', ids: /^(react|react-dom|scheduler)(\/|$)/ },
  { name: 'React Flow + d3 + zustand', ids: /^(@xyflow\/|d3-|classcat|zustand|use-sync-external-store)/ },
];

export interface InitialBreakdown {
  /** gzip bytes of the first load per library group, and the app's own code. */
  libraries: { name: string; gzipBytes: number }[];
  appGzipBytes: number;
}

/**
 * Splits the first load into libraries and the app's own code: the app is built again with each
 * group left out (external, so nothing of it is bundled), and a group's share is what its leaving
 * out saves. Builds into `dist-bench/split-N/`.
 */
export async function measureInitialBreakdown(total: number): Promise<InitialBreakdown> {
  const { build } = await import('vite');
  const libraries: { name: string; gzipBytes: number }[] = [];
  let before = total;
  const out: RegExp[] = [];
  for (const [i, g] of LIBRARY_GROUPS.entries()) {
    out.push(g.ids);
    const outDir = `dist-bench/split-${i}`;
    await build({
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: true,
        rolldownOptions: { external: (id: string) => out.some((re) => re.test(id)) },
      },
    });
    const after = measureBundle(outDir).initialGzipBytes;
    libraries.push({ name: g.name, gzipBytes: before - after });
    before = after;
  }
  return { libraries, appGzipBytes: before };
}
