import type { GradeResult } from '../../grading';
import type { Scenario } from '../../domain/scenario';
import { compareOnCanvas } from '../../grading/canvasCompare';
import { useCompareStore } from '../../store/compareStore';
import { useEditorStore } from '../../store/editorStore';

/** Shows the reference on the canvas: the roles the board lacks as dashed ghosts, linked to their gaps. */
export function openCompareOnCanvas(scenario: Scenario, result: GradeResult) {
  const { board, openCount } = useEditorStore.getState();
  const c = compareOnCanvas(scenario, board, result.gaps);
  const end = (refId: string) => c.matched.get(refId) ?? `ghost-${refId}`;
  useCompareStore.getState().show({
    scenarioTitle: scenario.title,
    ghosts: c.ghosts,
    ghostEdges: scenario.reference.edges
      .filter((e) => !c.matched.has(e.source) || !c.matched.has(e.target))
      .map((e) => ({ id: `ghost-${e.id}`, source: end(e.source), target: end(e.target) })),
    boardOpenCount: openCount,
  });
}

export function CompareOnCanvasButton({ result, scenario }: { result: GradeResult; scenario: Scenario }) {
  const active = useCompareStore((s) => s.active);
  return (
    <button
      type="button"
      className="fl-btn"
      aria-pressed={active}
      onClick={() => {
        if (active) useCompareStore.getState().leave();
        else openCompareOnCanvas(scenario, result);
      }}
    >
      Compare on canvas
    </button>
  );
}
