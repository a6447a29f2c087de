import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** React Flow's d3 modules that import d3-color. */
const COLOUR_USERS = /[\\/]node_modules[\\/]d3-(interpolate|transition)[\\/]/;
const D3_INTERPOLATE = /[\\/]node_modules[\\/]d3-interpolate[\\/]/;
/**
 * d3-interpolate makes its colour-space interpolators when it loads (`var hsl_default = hsl(hue$1)`);
 * the bundler cannot tell that these calls do nothing else, so it would keep every colour space (and
 * with them all of d3-color) although only the RGB one is used.
 */
const COLOUR_FACTORIES = /^var (\w+) = (hsl|hcl|cubehelix|rgbSpline)\(/gm;

/** Marks d3-interpolate's colour-space interpolator factories as pure, so that unused ones are dropped. */
export function markColourFactoriesPure(code: string): string {
  return code.replace(COLOUR_FACTORIES, 'var $1 = /* @__PURE__ */ $2(');
}

/**
 * The first load's d3-color: d3-interpolate and d3-transition (React Flow's zoom) get
 * src/vendor/d3ColorLite.ts, the same colour parsing without the table of CSS colour names, which
 * they never meet; their unused colour spaces are dropped. About 3.8 kB gzip off the first load.
 * Anything else that imports d3-color, the lite module included, gets d3-color itself.
 */
export function d3ColorLite(): Plugin {
  const lite = fileURLToPath(new URL('../../src/vendor/d3ColorLite.ts', import.meta.url));
  return {
    name: 'faultline:d3-color-lite',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === 'd3-color' && importer && COLOUR_USERS.test(importer) ? lite : null;
    },
    transform(code, id) {
      return D3_INTERPOLATE.test(id) ? { code: markColourFactoriesPure(code), map: null } : null;
    },
  };
}
