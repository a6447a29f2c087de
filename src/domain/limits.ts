/** Size limits checked on every load; a board past them is refused with a message naming the limit. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_NODES = 20_000;
export const MAX_EDGES = 60_000;
export const MAX_LABEL_CHARS = 200;
export const MAX_NOTES_CHARS = 20_000;
export const MAX_ID_CHARS = 64;
/** Coordinates are clamped to ±COORD_LIMIT so that nothing absurd ever reaches React Flow. */
export const COORD_LIMIT = 1_000_000;
