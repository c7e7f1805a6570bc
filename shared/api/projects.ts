import type { Project } from './studio-api';

/** Where the writer left off in a document: the caret's top-level block and offset in its text, and the page's scroll. */
export interface DocumentPlace {
  block: number;
  offset: number;
  /** Pixels from the top of the visible page to the top of the caret's block (so it comes back at the same height). */
  scroll: number;
}

export interface ProjectOutputs {
  'projects.archive': Project;
  'projects.trash': Project;
  'projects.restore': Project;
  'projects.trashed': Project[];
  'documents.setPlace': null;
}
