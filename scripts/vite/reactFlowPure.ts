import type { Plugin } from 'vite';

const REACT_FLOW = /[\\/]node_modules[\\/]@xyflow[\\/]react[\\/]dist[\\/]esm[\\/]/;
/** `const MiniMap = memo(MiniMapComponent)`, `const Panel = forwardRef(…)`, `memo(fixedForwardRef(…))`. */
const COMPONENT_WRAPPERS = /(= |memo\()(memo|forwardRef|fixedForwardRef)\(/g;

/** Marks React Flow's component definitions (`memo(…)`, `forwardRef(…)`) as pure. */
export function markComponentsPure(code: string): string {
  return code.replace(COMPONENT_WRAPPERS, '$1/* @__PURE__ */ $2(');
}

/**
 * React Flow defines each component as `const X = memo(XComponent)` without a pure annotation, so
 * the bundler keeps every component the package has, used or not. Marked pure, the unused ones
 * (Controls, NodeToolbar, EdgeToolbar…) leave the first load.
 */
export function reactFlowPure(): Plugin {
  return {
    name: 'faultline:react-flow-pure',
    enforce: 'pre',
    transform(code, id) {
      return REACT_FLOW.test(id) ? { code: markComponentsPure(code), map: null } : null;
    },
  };
}
