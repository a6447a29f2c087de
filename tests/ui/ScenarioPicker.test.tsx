import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { getScenarios } from '../../src/content/scenarios';
import type { Attempt } from '../../src/store/practiceStore';
import { ScenarioPicker } from '../../src/ui/round/ScenarioPicker';

const scenarios = getScenarios();
const attempt = (score: number): Attempt => ({ at: `t${score}`, score, hintsUsed: 0, elapsedMs: 60_000 });

describe('ScenarioPicker', () => {
  it('groups every round by topic with its difficulty, time box and best score so far', async () => {
    const first = scenarios[0]!;
    const onStart = vi.fn();
    render(
      <ScenarioPicker
        scenarios={scenarios}
        attempts={{ [first.id]: [attempt(72), attempt(40)] }}
        onStart={onStart}
      />,
    );
    const region = screen.getByRole('region', { name: 'Scenarios' });
    const topics = [...new Set(scenarios.map((s) => s.topic))];
    expect(
      within(region)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(topics);
    expect(within(region).getAllByRole('button', { name: /^Start / })).toHaveLength(scenarios.length);

    const item = within(region)
      .getByRole('button', { name: `Start ${first.title}` })
      .closest('li')!;
    expect(within(item).getByLabelText(`difficulty ${first.difficulty} of 5`)).toBeInTheDocument();
    expect(item).toHaveTextContent(`${first.timeBoxMin} min · best 72/100 (2 attempts)`);
    const other = within(region)
      .getByRole('button', { name: `Start ${scenarios[1]!.title}` })
      .closest('li')!;
    expect(other).not.toHaveTextContent('best');

    const last = scenarios.at(-1)!;
    await userEvent.setup().click(within(region).getByRole('button', { name: `Start ${last.title}` }));
    expect(onStart).toHaveBeenCalledExactlyOnceWith(last);
  });
});
