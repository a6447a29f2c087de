import { parseScenario, type ScenarioParseResult } from '../domain/scenario';

/*
 * Node only (tests, the CLI). src/ is also type-checked by the browser project, which has no Node
 * types, so the two built-ins used here are reached through `process.getBuiltinModule` (Node ≥ 20.16)
 * with the few signatures we need typed locally — no global Node types leak into the app.
 */
interface Fs {
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string): string[];
}
interface Path {
  join(...parts: string[]): string;
  resolve(...parts: string[]): string;
  dirname(path: string): string;
}
interface Url {
  fileURLToPath(url: string): string;
}

function builtin(id: string): unknown {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.(id);
  if (!mod) throw new Error(`loadScenarioNode runs in Node ≥ 20.16 only (needs ${id})`);
  return mod;
}

const fs = () => builtin('node:fs') as Fs;
const path = () => builtin('node:path') as Path;

/** `content/scenarios`, resolved from this file so that tests and the CLI find it from any cwd. */
export function getScenarioDir(): string {
  const p = path();
  return p.resolve(
    p.dirname((builtin('node:url') as Url).fileURLToPath(import.meta.url)),
    '../../content/scenarios',
  );
}

export type ScenarioFileResult =
  | ScenarioParseResult
  | {
      ok: false;
      code: 'not-found' | 'not-json';
      message: string;
      issues: { path: string; message: string }[];
    };

/** Ids of every scenario file (`<id>.json`), sorted. */
export function listScenarioIds(dir = getScenarioDir()): string[] {
  return fs()
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The raw JSON value of `<dir>/<id>.json` (throws when missing or not JSON). */
export function readScenarioJson(id: string, dir = getScenarioDir()): unknown {
  return JSON.parse(fs().readFileSync(path().join(dir, `${id}.json`), 'utf8'));
}

/** Reads and validates `content/scenarios/<id>.json`. Never throws. */
export function loadScenarioNode(id: string, dir = getScenarioDir()): ScenarioFileResult {
  if (!/^[a-z0-9-]+$/.test(id)) return fail('not-found', `"${id}" is not a scenario id`);
  let text: string;
  try {
    text = fs().readFileSync(path().join(dir, `${id}.json`), 'utf8');
  } catch {
    const known = safeList(dir);
    return fail('not-found', `no scenario "${id}"${known.length ? `; known: ${known.join(', ')}` : ''}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('not-json', `${id}.json is not valid JSON: ${(e as Error).message}`);
  }
  const r = parseScenario(value);
  if (r.ok && r.scenario.id !== id) {
    const message = `id: "${r.scenario.id}" does not match the file name ${id}.json`;
    return { ok: false, message, issues: [{ path: 'id', message: 'does not match the file name' }] };
  }
  return r;
}

/** Every scenario file, loaded and validated, keyed by file id. */
export function loadAllScenariosNode(dir = getScenarioDir()): Map<string, ScenarioFileResult> {
  return new Map(listScenarioIds(dir).map((id) => [id, loadScenarioNode(id, dir)]));
}

function safeList(dir: string): string[] {
  try {
    return listScenarioIds(dir);
  } catch {
    return [];
  }
}

function fail(code: 'not-found' | 'not-json', message: string): ScenarioFileResult {
  return { ok: false, code, message, issues: [{ path: '(root)', message }] };
}
