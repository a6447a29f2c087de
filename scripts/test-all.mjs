#!/usr/bin/env node
// The one test command: type-check, lint, format check, unit and component tests, build, browser tests.
// Prints a closing line "N passed, N failed" summing all of them and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(name, cmd, args) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

/** A step that is one check (type-check, lint, format check, build). */
function step(name, cmd, args) {
  if (run(name, cmd, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

/** A Vitest run whose passed/failed test counts are read from its JSON report. */
function vitest(name, configArgs, report) {
  rmSync(report, { force: true });
  const ok = run(name, 'npx', [
    'vitest',
    'run',
    ...configArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests but still fails the run.
  const broken = (j.testResults ?? []).filter(
    (t) => t.status === 'failed' && (t.assertionResults ?? []).every((a) => a.status !== 'failed'),
  );
  failed += broken.length;
  if (!ok || j.numFailedTests > 0 || broken.length > 0) failures.push(name);
}

const INSTALL = 'sudo apt-get install -y --no-install-recommends chromium fonts-liberation';

/**
 * The browser tests drive Debian's Chromium. When it is missing, install it as .ci/run does (apt-get,
 * through sudo when not root; sudo may ask for a password at a terminal, never elsewhere). Where that
 * cannot work, one line names the command and the browser tests count as one failure, not one per test.
 */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return true;
  if (!process.env.CHROMIUM_PATH && existsSync('/usr/bin/apt-get')) {
    console.log(`\n▶ Chromium is not at ${path}: installing Debian's chromium and fonts-liberation`);
    const root = process.getuid?.() === 0;
    const sudo = root ? [] : process.stdin.isTTY ? ['sudo'] : ['sudo', '-n'];
    const apt = (args) => {
      const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
      return (
        spawnSync(cmd, rest, {
          stdio: 'inherit',
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        }).status === 0
      );
    };
    if (
      apt(['update', '-qq']) &&
      apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'])
    )
      if (existsSync(path)) return true;
  }
  console.log(
    process.env.CHROMIUM_PATH
      ? `\n✗ CHROMIUM_PATH=${path} does not exist: point it at a Chrome or Chromium binary, or unset it and run \`${INSTALL}\`.`
      : `\n✗ Chromium is missing at ${path} and could not be installed here: run \`${INSTALL}\`, then npm test again.`,
  );
  failed++;
  failures.push('browser tests (Chromium missing)');
  return false;
}

const only = process.argv[2];
if (!only || only === 'unit') {
  step('type-check', 'npx', ['tsc', '-b']);
  step('lint', 'npx', ['eslint', '.']);
  step('format check', 'npx', ['prettier', '--check', '.']);
  vitest('unit and component tests', [], 'test-results/unit.json');
}
if (!only || only === 'e2e') {
  step('build', 'npx', ['vite', 'build']);
  if (existsSync('dist/index.html') && ensureChromium())
    vitest('browser tests', ['--config', 'vitest.e2e.config.ts'], 'test-results/e2e.json');
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
if (skipped) console.log(`\n${skipped} skipped (not counted as passed; see the Vitest output above)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
