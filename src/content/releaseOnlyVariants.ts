/**
 * Wrong variants whose mistake shows only under a release (a `deploy` in the round's own plan):
 * workflow code changed without a version marker. A deploy is the team's own act, not a fault the
 * world throws, so it is outside the fair budget (docs/simulation.md, "The fair budget") and the
 * interviewer's search cannot find these; the tests and the attack bench leave them out of the search.
 */
export const RELEASE_ONLY_VARIANTS: ReadonlySet<string> = new Set([
  'workflow-replay/no-version-marker',
  'zero-downtime-deploy/unversioned-workflow-change',
]);
