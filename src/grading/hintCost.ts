/** Points a hint costs, and the most hints can cost in total (apart from grade.ts so the round panel can say it without loading the engine). */
export const HINT_COST = 3;
export const MAX_HINT_PENALTY = 9;
