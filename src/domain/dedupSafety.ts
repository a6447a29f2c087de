import type { ComponentKind } from './kinds';

/**
 * Which nodes drop repeats, and which keep doing so through a crash — one definition for the
 * engine's invariants (src/sim/invariants) and for grading's structural checks (src/grading), so
 * that a summary and a "what to change" can never disagree about a node.
 */

type Config = Readonly<Record<string, string | number | boolean>>;

/** The kinds that can deduplicate, and the setting each needs to keep its keys through a crash. */
export const CRASH_SAFETY_SETTING = {
  dedup: 'durable',
  database: 'transactional',
  'idempotency-store': 'atomicWithWrite',
} as const satisfies Partial<Record<ComponentKind, string>>;

export type CrashSafetySetting = (typeof CRASH_SAFETY_SETTING)[keyof typeof CRASH_SAFETY_SETTING];

/** The setting that makes a node of this kind crash-safe, or undefined when the kind cannot deduplicate. */
export function crashSafetySetting(kind: string): CrashSafetySetting | undefined {
  return Object.hasOwn(CRASH_SAFETY_SETTING, kind)
    ? CRASH_SAFETY_SETTING[kind as keyof typeof CRASH_SAFETY_SETTING]
    : undefined;
}

/** Drops repeats at all: a dedup, an idempotency store, or a database with a unique key. */
export function deduplicates(kind: string, config: Config): boolean {
  if (kind === 'dedup' || kind === 'idempotency-store') return true;
  return kind === 'database' && config.uniqueKey !== undefined && config.uniqueKey !== 'none';
}

/**
 * Keeps its keys through a crash (its setting is on: a durable dedup, a transactional database, an
 * idempotency store atomic with its write). Says nothing about whether it deduplicates.
 */
export function keepsKeysThroughCrash(kind: string, config: Config): boolean {
  const setting = crashSafetySetting(kind);
  return setting !== undefined && config[setting] === true;
}

/** Deduplicates, and keeps doing so through a crash. */
export function isCrashSafeDeduplicator(kind: string, config: Config): boolean {
  return deduplicates(kind, config) && keepsKeysThroughCrash(kind, config);
}
