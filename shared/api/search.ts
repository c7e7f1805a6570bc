/** A piece of a snippet: `match` pieces are what the query found (shown highlighted). */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  documentId: string;
  documentTitle: string;
  projectId: string;
  projectTitle: string;
  snippet: SnippetPart[];
  /** The first match's place in the document's plain text (offsets as shared/schemas/lexical's mapPlainText counts them). */
  match: { start: number; end: number } | null;
}

export interface SearchResults {
  /** 'index': FTS5, ranked by bm25; 'scan': a query too short for words, matched as a substring. */
  mode: 'index' | 'scan';
  hits: SearchHit[];
}

export interface SearchOutputs {
  'search.query': SearchResults;
}
