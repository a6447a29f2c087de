import { render, screen } from '@testing-library/react';
import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import type { FlowNode } from '../../src/ui/canvas/flowAdapter';
import { describe, expect, it, vi } from 'vitest';
import { ComponentNode } from '../../src/ui/canvas/ComponentNode';
import { ErrorBoundary } from '../../src/ui/common/ErrorBoundary';

// docs/reliability.md #24: a node that fails to render shows a placeholder; the rest of the board stays.
describe('error boundaries', () => {
  it('a node whose render throws shows a placeholder with its label and the error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken = {
      id: 'n1',
      kind: 'queue',
      label: { not: 'text' } as unknown as string,
      position: { x: 0, y: 0 },
      config: {},
    };
    const ok = { id: 'n2', kind: 'ledger', label: 'fine', position: { x: 0, y: 0 }, config: {} };
    const props = (node: typeof ok) =>
      ({
        id: node.id,
        data: { node, unsupported: false },
        selected: false,
        type: 'component',
        dragging: false,
        zIndex: 0,
        isConnectable: true,
        positionAbsoluteX: 0,
        positionAbsoluteY: 0,
        draggable: true,
        selectable: true,
        deletable: true,
      }) as unknown as NodeProps<FlowNode>;
    render(
      <ReactFlowProvider>
        <ComponentNode {...props(broken)} />
        <ComponentNode {...props(ok)} />
      </ReactFlowProvider>,
    );
    expect(screen.getByRole('note')).toHaveTextContent(/could not be drawn/);
    expect(screen.getByText('fine')).toBeInTheDocument();
  });

  it('reset renders the children again', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let fail = true;
    const Child = () => {
      if (fail) throw new Error('boom');
      return <p>recovered</p>;
    };
    render(
      <ErrorBoundary
        fallback={(e, reset) => (
          <button
            onClick={() => {
              fail = false;
              reset();
            }}
          >
            {e.message}
          </button>
        )}
      >
        <Child />
      </ErrorBoundary>,
    );
    screen.getByRole('button', { name: 'boom' }).click();
    return vi.waitFor(() => expect(screen.getByText('recovered')).toBeInTheDocument());
  });
});
