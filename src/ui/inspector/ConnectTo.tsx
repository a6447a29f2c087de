import { getDisplayName, type Board, type BoardNode } from '../../domain';
import { useEditorStore } from '../../store/editorStore';
import { notify } from '../../store/noticeStore';
import { Menu, type MenuItem } from '../common/Menu';

/** How a component is named in lists: its label, with its kind when another component has the same label. */
export function componentName(board: Board, n: BoardNode): string {
  const twins = board.nodes.filter((x) => x.label === n.label).length > 1;
  return twins ? `${n.label} (${getDisplayName(n.kind)}, ${n.id})` : n.label || getDisplayName(n.kind);
}

/**
 * The keyboard way to draw an edge: a `Connect to` menu listing the other components by label;
 * choosing one adds an edge from the selected component to it. Existing connections are listed
 * below it (and can be selected to edit or delete them).
 */
export function ConnectTo({ node, board }: { node: BoardNode; board: Board }) {
  const targets = new Set(board.edges.filter((e) => e.source === node.id).map((e) => e.target));
  const others = board.nodes.filter((n) => n.id !== node.id);
  const items: MenuItem[] = others.map((n) => ({
    label: componentName(board, n),
    disabled: targets.has(n.id),
    ...(targets.has(n.id) ? { hint: 'connected' } : {}),
    onSelect: () => {
      const id = useEditorStore.getState().connect(node.id, n.id);
      if (!id) notify({ level: 'warning', text: `Could not connect ${node.label} to ${n.label}.` });
    },
  }));
  const outgoing = board.edges.filter((e) => e.source === node.id);
  const incoming = board.edges.filter((e) => e.target === node.id);
  const name = (id: string) => {
    const n = board.nodes.find((x) => x.id === id);
    return n ? componentName(board, n) : id;
  };
  const select = (edgeId: string) => useEditorStore.getState().setSelection([], [edgeId]);
  return (
    <div className="fl-field fl-connect">
      {others.length === 0 ? (
        <p className="fl-muted">Add another component to connect this one to it.</p>
      ) : (
        <Menu label="Connect to" items={items} className="fl-connect-menu" />
      )}
      {(outgoing.length > 0 || incoming.length > 0) && (
        <ul className="fl-connections" aria-label="Connections">
          {incoming.map((e) => (
            <li key={e.id}>
              <button type="button" className="fl-link" onClick={() => select(e.id)}>
                from {name(e.source)}
              </button>
            </li>
          ))}
          {outgoing.map((e) => (
            <li key={e.id}>
              <button type="button" className="fl-link" onClick={() => select(e.id)}>
                to {name(e.target)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
