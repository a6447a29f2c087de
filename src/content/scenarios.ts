/// <reference types="vite/client" />
// (tsconfig.node.json also type-checks src/ and has no vite/client types; Vitest runs this through Vite.)
import { parseScenario, type Scenario } from '../domain/scenario';

/**
 * The scenarios bundled with the app (browser/worker): every `content/scenarios/*.json`, parsed and
 * validated once. A file that fails validation is left out and reported in `getScenarioLoadErrors()`
 * — the content test (tests/content) keeps that list empty.
 */
const modules = import.meta.glob<unknown>('../../content/scenarios/*.json', {
  eager: true,
  import: 'default',
});

export interface ScenarioLoadError {
  file: string;
  message: string;
}

let cache: { list: Scenario[]; byId: Map<string, Scenario>; errors: ScenarioLoadError[] } | undefined;

function load() {
  if (cache) return cache;
  const list: Scenario[] = [];
  const errors: ScenarioLoadError[] = [];
  for (const [path, value] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    const r = parseScenario(value);
    if (!r.ok) errors.push({ file, message: r.message });
    else if (`${r.scenario.id}.json` !== file)
      errors.push({ file, message: `id: "${r.scenario.id}" does not match the file name` });
    else list.push(r.scenario);
  }
  cache = { list, byId: new Map(list.map((s) => [s.id, s])), errors };
  return cache;
}

/** Every valid scenario, in file-name order. */
export function getScenarios(): readonly Scenario[] {
  return load().list;
}

/** One scenario by id, or undefined. */
export function getScenario(id: string): Scenario | undefined {
  return load().byId.get(id);
}

/** Scenario files that failed validation (empty when the content is sound). */
export function getScenarioLoadErrors(): readonly ScenarioLoadError[] {
  return load().errors;
}
