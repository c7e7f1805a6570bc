import type { CommentRecord, CritiqueRecord } from './community-events';

/**
 * How a comment and a critique are stored, in the studio's SQLite and in the community's
 * store alike (the same columns: flags as 0/1, the anchor as JSON text). Both parts turn
 * rows into the shared records here, so the two stores cannot drift apart in what they mean.
 */
export interface StoredComment {
  id: string;
  share_id: string;
  version_id: string;
  parent_id: string | null;
  author_id: string;
  body: string;
  anchor: string | null;
  resolved: number;
  resolved_hlc: string | null;
  helpful: number;
  helpful_hlc: string | null;
  created_at: string;
}

export interface StoredCritique {
  id: string;
  share_id: string;
  version_id: string;
  author_id: string;
  worked: string;
  didnt: string;
  suggestions: string;
  words: number;
  helpful: number;
  helpful_hlc: string | null;
  created_at: string;
}

export const commentFromRow = (r: StoredComment, authorName: string): CommentRecord => ({
  id: r.id,
  shareId: r.share_id,
  versionId: r.version_id,
  parentId: r.parent_id,
  authorId: r.author_id,
  authorName,
  body: r.body,
  anchor: r.anchor ? JSON.parse(r.anchor) : null,
  resolved: r.resolved === 1,
  resolvedHlc: r.resolved_hlc,
  helpful: r.helpful === 1,
  helpfulHlc: r.helpful_hlc,
  createdAt: r.created_at,
});

export const critiqueFromRow = (r: StoredCritique, authorName: string): CritiqueRecord => ({
  id: r.id,
  shareId: r.share_id,
  versionId: r.version_id,
  authorId: r.author_id,
  authorName,
  worked: r.worked,
  didnt: r.didnt,
  suggestions: r.suggestions,
  words: r.words,
  helpful: r.helpful === 1,
  helpfulHlc: r.helpful_hlc,
  createdAt: r.created_at,
});
