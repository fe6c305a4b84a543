/** Consecutive edits of the same field within this time are one undo step (typing a number is one edit). */
export const UNDO_COALESCE_MS = 1000;
