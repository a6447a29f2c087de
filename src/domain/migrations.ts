import { isPlainRecord } from './ids';

/**
 * Append-only migrations: `MIGRATIONS[n]` turns a version-n document into version n+1. Each is pure
 * (never mutates its input) and has its own test (tests/domain/migrations.test.ts checks both).
 */
export const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 0 was the prototype's format: nodes had `type`, `x`, `y`; edges had `from` and `to`.
  0: (doc) => {
    const nodes: unknown[] = Array.isArray(doc.nodes) ? doc.nodes : [];
    const edges: unknown[] = Array.isArray(doc.edges) ? doc.edges : [];
    return {
      ...doc,
      version: 1,
      nodes: nodes.map((n) => {
        if (!isPlainRecord(n)) return n;
        const { type, x, y, ...rest } = n;
        return { ...rest, kind: rest.kind ?? type, position: rest.position ?? { x, y } };
      }),
      edges: edges.map((e) => {
        if (!isPlainRecord(e)) return e;
        const { from, to, ...rest } = e;
        return { ...rest, source: rest.source ?? from, target: rest.target ?? to };
      }),
    };
  },
};

export class MigrationError extends Error {
  constructor(
    readonly fromVersion: number,
    override readonly cause: unknown,
  ) {
    super(
      `could not migrate the board from version ${fromVersion}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** Runs every migration from `version` up to `target`, in order. Throws MigrationError. */
export function migrateDocument(
  doc: Record<string, unknown>,
  version: number,
  target: number,
): Record<string, unknown> {
  let cur = doc;
  for (let v = version; v < target; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new MigrationError(v, new Error(`no migration from version ${v}`));
    try {
      cur = step(cur);
    } catch (cause) {
      throw new MigrationError(v, cause);
    }
  }
  return cur;
}
