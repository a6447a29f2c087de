// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markComponentsPure } from '../../scripts/vite/reactFlowPure';

describe('React Flow’s components marked pure for the bundler (scripts/vite/reactFlowPure.ts)', () => {
  // The ES module build the app bundles (package.json `exports` → `import`).
  const path = join(process.cwd(), 'node_modules/@xyflow/react/dist/esm/index.js');
  const marked = markComponentsPure(readFileSync(path, 'utf8'));

  it('marks every component definition, so that unused ones can be dropped', () => {
    const pure = new Set(
      [...marked.matchAll(/const (\w+) = \/\* @__PURE__ \*\/ (?:memo|forwardRef)\(/g)].map((m) => m[1]),
    );
    for (const name of ['Controls', 'MiniMap', 'Background', 'Panel', 'Handle', 'NodeResizeControl'])
      expect(pure, name).toContain(name);
    expect(marked).not.toMatch(/= (memo|forwardRef|fixedForwardRef)\(/);
  });

  it('changes nothing else', () => {
    expect(marked.replaceAll('/* @__PURE__ */ ', '')).toBe(readFileSync(path, 'utf8'));
  });
});
