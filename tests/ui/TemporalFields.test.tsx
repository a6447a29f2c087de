import { fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyBoard } from '../../src/domain';
import { useEditorStore } from '../../src/store/editorStore';
import { EdgeLegend } from '../../src/ui/canvas/EdgeLegend';
import { EdgeKindField, RegionField } from '../../src/ui/inspector/TemporalFields';

const st = () => useEditorStore.getState();

beforeEach(() => {
  st().loadBoard(createEmptyBoard('t'));
});

describe('edge kind and region fields', () => {
  it('sets an edge kind (call is stored as none) with one undo step each, and explains the kind', () => {
    const p = st().addNode('producer', { x: 0, y: 0 });
    const w = st().addNode('workflow', { x: 200, y: 0 });
    const e = st().connect(p, w)!;
    const edge = () => st().board.edges.find((x) => x.id === e)!;
    const { rerender } = render(<EdgeKindField edge={edge()} />);
    expect(screen.getByLabelText('Kind')).toHaveValue('call');
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'signal' } });
    expect(edge().kind).toBe('signal');
    rerender(<EdgeKindField edge={edge()} />);
    expect(screen.getByText(/recorded in the target workflow’s history/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'call' } });
    expect(edge().kind).toBeUndefined();
    st().undo();
    expect(edge().kind).toBe('signal');
  });

  it('sets a valid region, refuses an invalid one inline, clears with an empty field', () => {
    const n = st().addNode('database', { x: 0, y: 0 });
    const node = () => st().board.nodes.find((x) => x.id === n)!;
    render(<RegionField node={node()} />);
    const field = screen.getByLabelText('Region');
    fireEvent.change(field, { target: { value: 'eu-west' } });
    expect(node().region).toBe('eu-west');
    fireEvent.change(field, { target: { value: 'EU West!' } });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(node().region).toBe('eu-west');
    fireEvent.change(field, { target: { value: '' } });
    expect(node().region).toBeUndefined();
  });

  it('the canvas legend appears once the board has a workflow or a non-call edge', () => {
    const p = st().addNode('producer', { x: 0, y: 0 });
    const q = st().addNode('queue', { x: 200, y: 0 });
    st().connect(p, q);
    const { rerender } = render(
      <ReactFlowProvider>
        <EdgeLegend board={st().board} />
      </ReactFlowProvider>,
    );
    expect(screen.queryByRole('list', { name: 'Connection kinds' })).toBeNull();
    st().addNode('workflow', { x: 400, y: 0 });
    rerender(
      <ReactFlowProvider>
        <EdgeLegend board={st().board} />
      </ReactFlowProvider>,
    );
    const legend = screen.getByRole('list', { name: 'Connection kinds' });
    expect(legend.textContent).toMatch(/signal — dashed.*update — thick.*query — dotted/);
  });
});
