/**
 * Marks an editor update that wraps comment passages in marks: not the writer's edit. It is
 * saved (marks live in the manuscript, which is how they follow later edits) but without
 * showing "Editing…" and "Saving…" as if the writer had typed.
 */
export const COMMENT_MARKS_TAG = 'margin-comment-marks';

/**
 * Marks an editor update that adds the rest of a long document after its first view
 * (progressive-load.ts): nothing changed, nothing to save, no step to undo.
 */
export const LOAD_TAG = 'margin-load';
