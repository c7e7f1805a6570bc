import type { OpenDocument, Project } from './studio-api';

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
  'documents.reopen': Reopened;
}

/** What opens at start (shared/rules/reopen.ts): the project, and the document in it with its content; null when there is none. */
export interface Reopened {
  projectId: string | null;
  document: OpenDocument | null;
}
