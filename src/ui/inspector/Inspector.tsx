import { getKindDefinition, getDisplayName, type ConfigValue } from '../../domain';
import { useEditorStore } from '../../store/editorStore';
import { useRunStore } from '../../store/runStore';
import { ConfigForm } from './ConfigForm';
import { ConnectTo } from './ConnectTo';
import { EdgeKindField, RegionField } from './TemporalFields';

/** The inspector: edits the selection's label, notes and config, or the board's title and notes. */
export function Inspector() {
  const board = useEditorStore((s) => s.board);
  const selectedNodes = useEditorStore((s) => s.selectedNodes);
  const selectedEdges = useEditorStore((s) => s.selectedEdges);
  const store = useEditorStore.getState;
  const runStats = useRunStore((r) => r.result?.stats);

  let body: React.ReactNode;
  const total = selectedNodes.length + selectedEdges.length;
  if (total === 0) {
    body = (
      <>
        <p className="fl-muted">Nothing selected. Board settings:</p>
        <div className="fl-field">
          <label htmlFor="board-notes">Board notes</label>
          <textarea
            id="board-notes"
            className="fl-input"
            rows={6}
            value={board.notes ?? ''}
            onChange={(e) => store().setNotes(e.target.value)}
          />
        </div>
        <p className="fl-muted">
          {board.nodes.length} components · {board.edges.length} connections
        </p>
      </>
    );
  } else if (selectedNodes.length === 1 && selectedEdges.length === 0) {
    const node = board.nodes.find((n) => n.id === selectedNodes[0]);
    const def = node && getKindDefinition(node.kind);
    body = node ? (
      <>
        <p className="fl-inspector-kind">
          <strong>{getDisplayName(node.kind)}</strong> <code>{node.id}</code>
        </p>
        {def ? (
          <p className="fl-muted">{def.description}</p>
        ) : (
          <p className="fl-warning">Unsupported component kind “{node.kind}”: kept as is, but not run.</p>
        )}
        <div className="fl-field">
          <label htmlFor="node-label">Label</label>
          <input
            id="node-label"
            className="fl-input"
            value={node.label}
            maxLength={200}
            onChange={(e) => store().updateNode(node.id, { label: e.target.value }, `label:${node.id}`)}
          />
        </div>
        <ConnectTo node={node} board={board} />
        {def && (
          <fieldset className="fl-fieldset">
            <legend>Settings</legend>
            <ConfigForm
              kind={node.kind}
              fields={def.fields}
              config={node.config}
              onChange={(key: string, value: ConfigValue) =>
                store().updateNode(node.id, { config: { [key]: value } }, `config:${node.id}:${key}`)
              }
            />
          </fieldset>
        )}
        <RegionField key={node.id} node={node} />
        <div className="fl-field">
          <label htmlFor="node-notes">Notes</label>
          <textarea
            id="node-notes"
            className="fl-input"
            rows={3}
            value={node.notes ?? ''}
            onChange={(e) => store().updateNode(node.id, { notes: e.target.value }, `notes:${node.id}`)}
          />
        </div>
        {runStats?.[node.id] && (
          <table className="fl-table" aria-label="Last run at this component">
            <caption className="fl-muted">Last run at this component</caption>
            <tbody>
              {(Object.entries(runStats[node.id]!) as [string, number][]).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ) : null;
  } else if (selectedEdges.length === 1 && selectedNodes.length === 0) {
    const edge = board.edges.find((e) => e.id === selectedEdges[0]);
    const name = (id: string) => board.nodes.find((n) => n.id === id)?.label ?? id;
    body = edge ? (
      <>
        <p>
          Connection <strong>{name(edge.source)}</strong> → <strong>{name(edge.target)}</strong>
        </p>
        <div className="fl-field">
          <label htmlFor="edge-label">Label</label>
          <input
            id="edge-label"
            className="fl-input"
            value={edge.label ?? ''}
            maxLength={200}
            onChange={(e) => store().updateEdgeLabel(edge.id, e.target.value)}
          />
        </div>
        <EdgeKindField edge={edge} />
      </>
    ) : null;
  } else {
    body = (
      <>
        <p>
          {selectedNodes.length} components and {selectedEdges.length} connections selected.
        </p>
        <button type="button" className="fl-btn" onClick={() => store().deleteSelection()}>
          Delete selection
        </button>
      </>
    );
  }
  return (
    <section className="fl-inspector" aria-label="Inspector">
      {body}
    </section>
  );
}
