export interface ReplaceSample {
  before: string;
  match: string;
  after: string;
  /** Offset of the match in the document's plain text. */
  start: number;
}

export interface ReplacePreview {
  total: number;
  documents: Array<{ documentId: string; title: string; count: number; samples: ReplaceSample[] }>;
}

export interface ReplaceResult {
  replacements: number;
  documentIds: string[];
  /** The automatic snapshot taken of each changed document first: `replace.undo` restores them. */
  snapshotIds: string[];
}

export interface ReplaceOutputs {
  'replace.preview': ReplacePreview;
  'replace.apply': ReplaceResult;
  'replace.undo': { documentIds: string[] };
}
