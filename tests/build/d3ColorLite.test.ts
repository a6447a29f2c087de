// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as d3 from 'd3-color';
import { describe, expect, it } from 'vitest';
import { markColourFactoriesPure } from '../../scripts/vite/d3ColorLite';
import { color, rgb } from '../../src/vendor/d3ColorLite';

/** Every colour form d3-color reads except the names, with edge cases of each. */
const FORMS = [
  '#f00',
  '#F0a8',
  '#ff0000',
  '#12345678',
  '#00000000',
  '#12345',
  '#ggg',
  'rgb(255, 0, 0)',
  ' RGB( 12 ,34,  56 ) ',
  'rgb(-20, 300, 7)',
  'rgb(100%, 50%, 0%)',
  'rgb(12.5%, 1e1%, -5%)',
  'rgba(1, 2, 3, 0.25)',
  'rgba(1, 2, 3, 0)',
  'rgba(10%, 20%, 30%, .5)',
  'hsl(120, 50%, 50%)',
  'hsl(-30, 100%, 25%)',
  'hsl(725, 40%, 60%)',
  'hsl(0, 0%, 50%)',
  'hsl(200, 50%, 0%)',
  'hsl(200, 50%, 100%)',
  'hsla(300, 80%, 40%, 0.3)',
  'hsla(300, 80%, 40%, 0)',
  'transparent',
  '',
  'rgb(1, 2)',
  'not a colour',
];

const fields = (c: { r: number; g: number; b: number; opacity: number }) => [c.r, c.g, c.b, c.opacity];

describe('the first load’s d3-color (src/vendor/d3ColorLite.ts)', () => {
  it('reads every form d3-color reads, to the same RGB values and text', () => {
    for (const f of FORMS) {
      const theirs = d3.color(f);
      const ours = color(f);
      expect(ours === null, f).toBe(theirs === null);
      if (!theirs || !ours) continue;
      expect(fields(ours), f).toEqual(fields(theirs.rgb()));
      expect(String(ours), f).toBe(String(theirs));
      expect(String(rgb(f)), f).toBe(String(d3.rgb(f)));
    }
  });

  it('converts and constructs like d3.rgb, and marks what it parsed as a colour', () => {
    expect(fields(rgb('nonsense'))).toEqual(fields(d3.rgb('nonsense')));
    expect(fields(rgb(1, 2, 3))).toEqual(fields(d3.rgb(1, 2, 3)));
    expect(fields(rgb(1, 2, 3, 0.5))).toEqual(fields(d3.rgb(1, 2, 3, 0.5)));
    const c = color('#abc');
    expect(c).toBeInstanceOf(color);
    expect(fields(rgb(c))).toEqual(fields(d3.rgb('#abc')));
    expect({}).not.toBeInstanceOf(color);
  });

  it('does not know the CSS colour names (React Flow never interpolates them)', () => {
    expect(d3.color('steelblue')).not.toBeNull();
    expect(color('steelblue')).toBeNull();
  });

  it('lets the bundler drop d3-interpolate’s unused colour spaces', () => {
    const path = createRequire(import.meta.url).resolve('d3-interpolate');
    const marked = markColourFactoriesPure(readFileSync(path, 'utf8'));
    const factories = [...marked.matchAll(/^var \w+ = \/\* @__PURE__ \*\/ (\w+)\(/gm)].map((m) => m[1]);
    expect(factories.sort()).toEqual(
      ['cubehelix', 'cubehelix', 'hcl', 'hcl', 'hsl', 'hsl', 'rgbSpline', 'rgbSpline'].sort(),
    );
  });
});
