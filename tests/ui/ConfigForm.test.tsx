import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getKindDefinition } from '../../src/domain';
import { ConfigForm } from '../../src/ui/inspector/ConfigForm';

describe('ConfigForm', () => {
  const def = getKindDefinition('aggregator')!;
  const config = { windowMs: 60000, graceMs: 0, latePolicy: 'drop' };

  it('renders a control per field, labelled', () => {
    render(<ConfigForm kind="aggregator" fields={def.fields} config={config} onChange={() => {}} />);
    expect(screen.getByLabelText('Window (ms)')).toHaveValue('60000');
    expect(screen.getByLabelText('Late events')).toHaveValue('drop');
  });

  it('describes each field with its help text (loaded with the inspector, not the catalog)', () => {
    render(<ConfigForm kind="aggregator" fields={def.fields} config={config} onChange={() => {}} />);
    expect(screen.getByLabelText('Late events')).toHaveAccessibleDescription(
      'What happens to an event that arrives after its window has closed.',
    );
    expect(screen.getByLabelText('Window (ms)')).toHaveAccessibleDescription(
      'Length of one roll-up window, in virtual ms.',
    );
  });

  it('refuses a bad number inline and never reports it', () => {
    const onChange = vi.fn();
    render(<ConfigForm kind="aggregator" fields={def.fields} config={config} onChange={onChange} />);
    const grace = screen.getByLabelText('Grace period (ms)');
    fireEvent.change(grace, { target: { value: '-1' } });
    expect(screen.getByText(/expected a number ≥ 0/)).toBeInTheDocument();
    expect(grace).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(grace, { target: { value: 'abc' } });
    expect(screen.getByText(/expected a number/)).toBeInTheDocument();
    fireEvent.change(grace, { target: { value: '1.5' } });
    expect(screen.getByText(/whole number/)).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(grace, { target: { value: '120000' } });
    expect(onChange).toHaveBeenCalledWith('graceMs', 120000);
    expect(screen.queryByText(/expected/)).toBeNull();
  });

  it('reports enum and boolean changes', () => {
    const onChange = vi.fn();
    const dedup = getKindDefinition('dedup')!;
    render(
      <ConfigForm
        kind="dedup"
        fields={dedup.fields}
        config={{ key: 'eventId', ttlMs: 1000, durable: false }}
        onChange={onChange}
      />,
    );
    fireEvent.click(screen.getByLabelText('Durable'));
    expect(onChange).toHaveBeenCalledWith('durable', true);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'idempotencyKey' } });
    expect(onChange).toHaveBeenCalledWith('key', 'idempotencyKey');
  });
});
