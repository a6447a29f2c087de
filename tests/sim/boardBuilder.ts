import { validateBoardForRun } from '../../src/domain/parseBoard';
import type { Board } from '../../src/domain/document';
import type { z } from 'zod';
import { faultSchema, type Fault, type FaultPlan } from '../../src/domain/faultPlan';
import type { InvariantId } from '../../src/domain/invariants';
import { runSimulation, type SimOptions, type SimResult } from '../../src/sim';

type Config = Record<string, string | number | boolean>;
/** A fault as written in a plan file: fields with defaults (fromMs, rate of an outage, point …) may be left out. */
type FaultInput = z.input<typeof faultSchema>;

/**
 * A fluent driver for sim tests (docs/conventions.md#code-habits: tests drive the real API through a helper):
 *   board().add('producer', { workload: 'usage' }).add('queue').chain('producer', 'queue')
 *     .inject({ kind: 'duplicate', target: '*', rate: 0.01 }).run({ events: 2000 })
 * Node ids default to the kind (then kind2, kind3 …); `chain` connects ids in order.
 */
export class BoardBuilder {
  private nodes: Board['nodes'] = [];
  private edges: Board['edges'] = [];
  private faults: Fault[] = [];

  add(kind: string, config: Config = {}, id?: string, label?: string): this {
    let nodeId = id ?? kind;
    for (let i = 2; !id && this.nodes.some((n) => n.id === nodeId); i++) nodeId = `${kind}${i}`;
    this.nodes.push({
      id: nodeId,
      kind,
      label: label ?? nodeId,
      position: { x: this.nodes.length * 150, y: 0 },
      config,
    });
    return this;
  }

  connect(from: string, to: string, id?: string): this {
    this.edges.push({ id: id ?? `${from}->${to}`, source: from, target: to });
    return this;
  }

  /** A connection with an edge kind (signal, update, query). */
  link(from: string, to: string, kind: 'call' | 'signal' | 'update' | 'query'): this {
    this.edges.push({ id: `${from}->${to}`, source: from, target: to, kind });
    return this;
  }

  /** Puts nodes in a region. */
  region(region: string, ...ids: string[]): this {
    for (const n of this.nodes) if (ids.includes(n.id)) n.region = region;
    return this;
  }

  /** connect(a, b), connect(b, c), … */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.connect(ids[i - 1]!, ids[i]!);
    return this;
  }

  inject(fault: FaultInput): this {
    this.faults.push(faultSchema.parse(fault));
    return this;
  }

  plan(): FaultPlan {
    return { faults: this.faults.map((f) => ({ ...f })) };
  }

  /** The strictly validated board (config defaults filled); throws with the path on anything invalid. */
  build(): Board {
    const r = validateBoardForRun({
      format: 'faultline/design',
      version: 1,
      title: 'test',
      nodes: this.nodes,
      edges: this.edges,
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.board;
  }

  run(options: Partial<SimOptions> = {}): SimResult {
    return runSimulation(this.build(), { seed: 1, events: 2000, faultPlan: this.plan(), ...options });
  }
}

export function board(): BoardBuilder {
  return new BoardBuilder();
}

/** The result of one invariant (throws when it was not reported). */
export function inv(result: SimResult, id: InvariantId) {
  const r = result.invariants.find((i) => i.id === id);
  if (!r)
    throw new Error(`invariant ${id} not reported; got ${result.invariants.map((i) => i.id).join(', ')}`);
  return r;
}

/** producer → queue → [dedup] → aggregator → ledger, the metering pipeline. */
export function metering(
  opts: {
    dedup?: Config | false;
    aggregator?: Config;
    queue?: Config;
    producer?: Config;
    correctionLog?: boolean;
  } = {},
): BoardBuilder {
  const b = board()
    .add('producer', { workload: 'usage', ...opts.producer })
    .add('queue', opts.queue ?? {});
  if (opts.dedup !== false) b.add('dedup', opts.dedup ?? { durable: true });
  b.add('aggregator', opts.aggregator ?? {}).add('ledger');
  if (opts.dedup !== false) b.chain('producer', 'queue', 'dedup', 'aggregator', 'ledger');
  else b.chain('producer', 'queue', 'aggregator', 'ledger');
  if (opts.correctionLog) b.add('correction-log').connect('aggregator', 'correction-log');
  return b;
}
