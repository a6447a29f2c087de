import { useState } from 'react';
import { EDGE_KINDS, REGION_PATTERN, type BoardEdge, type BoardNode, type EdgeKind } from '../../domain';
import { EDGE_KIND_HELP } from '../../domain/catalogHelp';
import { useEditorStore } from '../../store/editorStore';
import { setEdgeKind, setNodeRegion } from '../../store/temporalOps';

/** The inspector's "Kind" select for a connection: call, signal, update or query. */
export function EdgeKindField({ edge }: { edge: BoardEdge }) {
  const kind = edge.kind ?? 'call';
  return (
    <div className="fl-field">
      <label htmlFor="edge-kind">Kind</label>
      <select
        id="edge-kind"
        className="fl-input"
        value={kind}
        aria-describedby="edge-kind-help"
        onChange={(e) => {
          const s = useEditorStore.getState();
          s.commit(setEdgeKind(s.board, edge.id, e.target.value as EdgeKind));
        }}
      >
        {EDGE_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <p id="edge-kind-help" className="fl-muted">
        {EDGE_KIND_HELP[kind]}
      </p>
    </div>
  );
}

/** The inspector's "Region" text field for a component (used by region partitions). */
export function RegionField({ node }: { node: BoardNode }) {
  const [text, setText] = useState(node.region ?? '');
  const valid = text === '' || REGION_PATTERN.test(text);
  return (
    <div className="fl-field">
      <label htmlFor="node-region">Region</label>
      <input
        id="node-region"
        className="fl-input"
        value={text}
        placeholder="none"
        maxLength={32}
        aria-invalid={!valid}
        aria-describedby="node-region-help"
        onChange={(e) => {
          const value = e.target.value.trim();
          setText(value);
          if (value !== '' && !REGION_PATTERN.test(value)) return;
          const s = useEditorStore.getState();
          s.commit(setNodeRegion(s.board, node.id, value), `region:${node.id}`);
        }}
      />
      <p id="node-region-help" className="fl-muted">
        {valid
          ? 'Optional, e.g. eu-west. A partition between two regions cuts every connection between them.'
          : 'Use lowercase letters, digits and dashes.'}
      </p>
    </div>
  );
}
