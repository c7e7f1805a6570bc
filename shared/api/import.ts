export interface ImportResult {
  /** The top-level documents made (one per chapter), in order. */
  documentIds: string[];
  chapters: number;
  scenes: number;
  words: number;
}

export interface ImportOutputs {
  'import.run': ImportResult;
}
