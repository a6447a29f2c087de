// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseBoardText, serializeBoard, validateBoardForRun, type Board } from '../../src/domain';
import { boardToMermaid, mermaidToBoard } from '../../src/io/mermaid';
import { decodeShareFragment, encodeShareFragment } from '../../src/io/shareLink';

const board: Board = {
  format: 'faultline/design',
  version: 1,
  title: 'kinds and regions',
  nodes: [
    { id: 'p', kind: 'producer', label: 'usage', position: { x: 0, y: 0 }, config: {}, region: 'eu-west' },
    {
      id: 'wf',
      kind: 'workflow',
      label: 'subscription',
      position: { x: 200, y: 0 },
      config: {},
      region: 'us',
    },
    { id: 'api', kind: 'api', label: 'dashboard', position: { x: 0, y: 200 }, config: {} },
    { id: 'nx', kind: 'nexus-endpoint', label: 'provision', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'p', target: 'wf', kind: 'signal' },
    { id: 'e2', source: 'api', target: 'wf', kind: 'query', label: 'plan?' },
    { id: 'e3', source: 'api', target: 'wf', kind: 'update' },
    { id: 'e4', source: 'wf', target: 'nx' },
  ],
};

function loaded(b: Board): Board {
  const r = validateBoardForRun(b);
  if (!r.ok) throw new Error(r.error.message);
  return r.board;
}

describe('edge kinds and regions round-trip', () => {
  const canonical = loaded(board);

  it('through JSON: kinds and regions survive, a call is stored as no kind', () => {
    const again = parseBoardText(serializeBoard(canonical));
    expect(again.ok && again.board).toEqual(canonical);
    expect(canonical.edges.map((e) => e.kind)).toEqual(['signal', 'query', 'update', undefined]);
    const explicitCall = loaded({ ...board, edges: [{ id: 'x', source: 'p', target: 'wf', kind: 'call' }] });
    expect(serializeBoard(explicitCall)).not.toMatch(/"kind": "call"/);
  });

  it('a board without kinds or regions loads unchanged (no migration, version 1)', () => {
    const plain = {
      ...board,
      nodes: board.nodes.map((n) => {
        const copy = { ...n };
        delete copy.region;
        return copy;
      }),
      edges: [{ id: 'e', source: 'p', target: 'wf' }],
    };
    const r = parseBoardText(JSON.stringify(plain));
    expect(r.ok && r.repairs).toEqual([]);
    expect(r.ok && r.board.version).toBe(1);
    expect(r.ok && serializeBoard(r.board)).not.toMatch(/"kind": "(call|signal)"|"region"/);
  });

  it('the loader reports an unknown edge kind or a bad region (repair) and strict mode refuses them', () => {
    const bad = {
      ...board,
      nodes: [{ ...board.nodes[0]!, region: 'Not A Region!' }, ...board.nodes.slice(1)],
      edges: [{ id: 'e', source: 'p', target: 'wf', kind: 'telepathy' }],
    };
    const r = parseBoardText(JSON.stringify(bad));
    expect(r.ok && r.repairs.map((n) => n.path).sort()).toEqual(['edges.0.kind', 'nodes.0.region']);
    expect(r.ok && r.board.edges[0]!.kind).toBeUndefined();
    const strict = validateBoardForRun(bad);
    expect(strict.ok).toBe(false);
  });

  it('through Mermaid: distinct arrows per kind, kinds and regions come back', () => {
    const text = boardToMermaid(canonical);
    expect(text).toMatch(/n0 -\.-> n1/);
    expect(text).toMatch(/n2 -\.-o\|"plan\?"\| n1/);
    expect(text).toMatch(/n2 ==> n1/);
    expect(text).toMatch(/n1 --> n3/);
    const back = mermaidToBoard(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.board.edges.map((e) => e.kind)).toEqual(['signal', 'query', 'update', undefined]);
    expect(back.board.nodes.map((n) => n.region)).toEqual(['eu-west', 'us', undefined, undefined]);
  });

  it('through a share link', () => {
    const enc = encodeShareFragment(canonical);
    expect(enc.ok).toBe(true);
    if (!enc.ok) return;
    const dec = decodeShareFragment(`#${enc.fragment}`);
    expect(dec.ok === true && dec.board).toEqual(canonical);
  });
});
