export interface ExportResult {
  exportId: string;
  /** Where the file was written (the data folder's Exports folder). */
  path: string;
  fileName: string;
  bytes: number;
  words: number;
  chapters: number;
}

/** How far an export is: documents converted of all, then the file written. */
export interface ExportProgress {
  exportId: string;
  stage: 'converting' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
}

export interface ExportOutputs {
  'export.run': ExportResult;
}
