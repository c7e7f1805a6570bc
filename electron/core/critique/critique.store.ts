import type { Database } from 'better-sqlite3';
import { commentFromRow, critiqueFromRow, type StoredComment, type StoredCritique } from '../../../shared/protocol/critique-rows';
import type { CommentRecord, CreditEntry, CritiqueRecord, SharedDraft } from '../../../shared/protocol/community-events';
import type { LocalShare, ReviewComment, ReviewCritique, SyncState } from '../../../shared/api/studio-api';
import { StudioError } from '../../../shared/api/result';

interface ShareRow {
  id: string;
  role: 'author' | 'reader';
  author_id: string;
  author_name: string;
  circle_id: string;
  title: string;
  note: string;
  queue: number;
  reader_ids: string;
  revoked: number;
  document_ids: string;
  created_at: string;
  sync_state: SyncState;
  sync_error: string | null;
}
export interface VersionRow {
  id: string;
  share_id: string;
  number: number;
  content: string | null;
  invalid_reason: string | null;
  plain_text: string;
  word_count: number;
  created_at: string;
}
/** What a new version may change about a share, and discarding it puts back. */
export type ShareSettings = Pick<ShareRow, 'title' | 'note' | 'queue' | 'reader_ids' | 'document_ids'>;
export type VersionMeta = Pick<VersionRow, 'id' | 'share_id' | 'number' | 'word_count' | 'created_at'>;
interface ShareCounts {
  comments: number;
  unresolved: number;
  critiques: number;
}
/** The studio also keeps the author's name and where each item stands on its way to the community. */
interface Local {
  author_name: string;
  sync_state: SyncState;
  sync_error: string | null;
}
type CommentRow = StoredComment & Local;
/** Every row is one account's copy (migration 0006): queries name the account whose data is in view. */
interface Own {
  owner: string;
}
type CritiqueRow = StoredCritique & Local;

const toComment = (r: CommentRow): ReviewComment => ({ ...commentFromRow(r, r.author_name), syncState: r.sync_state, syncError: r.sync_error });
const toCritique = (r: CritiqueRow): ReviewCritique => ({ ...critiqueFromRow(r, r.author_name), syncState: r.sync_state, syncError: r.sync_error });

const toShare = (row: ShareRow, versions: VersionMeta[], counts: ShareCounts): LocalShare => ({
  id: row.id,
  role: row.role,
  authorId: row.author_id,
  authorName: row.author_name,
  circleId: row.circle_id,
  title: row.title,
  note: row.note,
  queue: row.queue === 1,
  readerIds: JSON.parse(row.reader_ids),
  revoked: row.revoked === 1,
  createdAt: row.created_at,
  documentIds: JSON.parse(row.document_ids),
  versions: versions.map((v) => ({ id: v.id, number: v.number, wordCount: v.word_count, createdAt: v.created_at })),
  syncState: row.sync_state,
  syncError: row.sync_error,
  comments: counts.comments,
  unresolved: counts.unresolved,
  critiques: counts.critiques,
});

/**
 * Local copies of shares, versions, comments, critiques and credits (better-sqlite3, synchronous),
 * each one account's: `owner` names the account whose copy is read and written.
 */
export function createCritiqueStore(db: Database, owner: () => string) {
  const q = {
    share: db.prepare<Own & { id: string }, ShareRow>('SELECT * FROM shares WHERE owner = @owner AND id = @id'),
    shares: db.prepare<Own, ShareRow>('SELECT * FROM shares WHERE owner = @owner ORDER BY created_at DESC'),
    // Listing versions never reads their text (a draft may be 1.2 MB; a share has several).
    versions: db.prepare<Own & { id: string }, VersionMeta>('SELECT id, share_id, number, word_count, created_at FROM share_versions WHERE owner = @owner AND share_id = @id ORDER BY number'),
    allVersions: db.prepare<Own, VersionMeta>('SELECT id, share_id, number, word_count, created_at FROM share_versions WHERE owner = @owner ORDER BY share_id, number'),
    allCounts: db.prepare<Own, ShareCounts & { share_id: string }>(
      `SELECT share_id, sum(comments) AS comments, sum(unresolved) AS unresolved, sum(critiques) AS critiques FROM (
         SELECT share_id, count(*) AS comments, sum(parent_id IS NULL AND resolved = 0) AS unresolved, 0 AS critiques FROM comments WHERE owner = @owner GROUP BY share_id
         UNION ALL SELECT share_id, 0, 0, count(*) FROM critiques WHERE owner = @owner GROUP BY share_id)
       GROUP BY share_id`,
    ),
    version: db.prepare<Own & { id: string }, VersionRow>('SELECT * FROM share_versions WHERE owner = @owner AND id = @id'),
    comment: db.prepare<Own & { id: string }, CommentRow>('SELECT * FROM comments WHERE owner = @owner AND id = @id'),
    comments: db.prepare<Own & { id: string }, CommentRow>('SELECT * FROM comments WHERE owner = @owner AND share_id = @id ORDER BY created_at, id'),
    critique: db.prepare<Own & { id: string }, CritiqueRow>('SELECT * FROM critiques WHERE owner = @owner AND id = @id'),
    critiques: db.prepare<Own & { id: string }, CritiqueRow>('SELECT * FROM critiques WHERE owner = @owner AND share_id = @id ORDER BY created_at'),
    counts: db.prepare<Own & { id: string }, ShareCounts>(
      `SELECT (SELECT count(*) FROM comments WHERE owner = @owner AND share_id = @id) AS comments,
              (SELECT count(*) FROM comments WHERE owner = @owner AND share_id = @id AND parent_id IS NULL AND resolved = 0) AS unresolved,
              (SELECT count(*) FROM critiques WHERE owner = @owner AND share_id = @id) AS critiques`,
    ),
    credits: db.prepare<Own & { id: string }, CreditEntry>(
      'SELECT id, circle_id AS circleId, delta, reason, ref_id AS refId, balance_after AS balanceAfter, created_at AS createdAt FROM credit_entries WHERE owner = @owner AND circle_id = @id ORDER BY created_at, rowid',
    ),
    upsertShare: db.prepare(
      `INSERT INTO shares (owner, id, role, author_id, author_name, circle_id, title, note, queue, reader_ids, revoked, document_ids, created_at, sync_state, sync_error)
       VALUES (@owner, @id, @role, @author_id, @author_name, @circle_id, @title, @note, @queue, @reader_ids, @revoked, @document_ids, @created_at, @sync_state, NULL)
       ON CONFLICT(owner, id) DO UPDATE SET author_name = excluded.author_name, title = excluded.title, note = excluded.note, queue = excluded.queue,
         reader_ids = excluded.reader_ids, revoked = max(shares.revoked, excluded.revoked),
         document_ids = CASE WHEN excluded.document_ids = '[]' THEN shares.document_ids ELSE excluded.document_ids END,
         sync_state = excluded.sync_state`,
    ),
    upsertVersion: db.prepare(
      `INSERT INTO share_versions (owner, id, share_id, number, content, invalid_reason, plain_text, word_count, created_at)
       VALUES (@owner, @id, @share_id, @number, @content, @invalid_reason, @plain_text, @word_count, @created_at)
       ON CONFLICT(owner, id) DO UPDATE SET number = excluded.number`,
    ),
    dropVersions: db.prepare('DELETE FROM share_versions WHERE owner = @owner AND share_id = @id'),
    replyIds: db.prepare<Own & { id: string }, { id: string }>('SELECT id FROM comments WHERE owner = @owner AND parent_id = @id'),
    removeComment: db.prepare('DELETE FROM comments WHERE owner = @owner AND id = @id'),
    removeCritique: db.prepare('DELETE FROM critiques WHERE owner = @owner AND id = @id'),
    removeVersion: db.prepare('DELETE FROM share_versions WHERE owner = @owner AND id = @id'),
    removeShare: db.prepare('DELETE FROM shares WHERE owner = @owner AND id = @id'),
    unrevoke: db.prepare('UPDATE shares SET revoked = 0 WHERE owner = @owner AND id = @id'),
    markRevoked: db.prepare('UPDATE shares SET revoked = 1 WHERE owner = @owner AND id = @id'),
    restoreSettings: db.prepare('UPDATE shares SET title = @title, note = @note, queue = @queue, reader_ids = @reader_ids, document_ids = @document_ids WHERE owner = @owner AND id = @id'),
    insertComment: db.prepare(
      `INSERT INTO comments (owner, id, share_id, version_id, parent_id, author_id, author_name, body, anchor, resolved, resolved_hlc, helpful, helpful_hlc, created_at, sync_state, sync_error)
       VALUES (@owner, @id, @share_id, @version_id, @parent_id, @author_id, @author_name, @body, @anchor, @resolved, @resolved_hlc, @helpful, @helpful_hlc, @created_at, @sync_state, NULL)
       ON CONFLICT(owner, id) DO UPDATE SET parent_id = excluded.parent_id, author_name = excluded.author_name, created_at = excluded.created_at,
         resolved = CASE WHEN coalesce(excluded.resolved_hlc, '') > coalesce(comments.resolved_hlc, '') THEN excluded.resolved ELSE comments.resolved END,
         resolved_hlc = max(coalesce(excluded.resolved_hlc, ''), coalesce(comments.resolved_hlc, '')),
         helpful = CASE WHEN coalesce(excluded.helpful_hlc, '') > coalesce(comments.helpful_hlc, '') THEN excluded.helpful ELSE comments.helpful END,
         helpful_hlc = max(coalesce(excluded.helpful_hlc, ''), coalesce(comments.helpful_hlc, ''))`,
    ),
    insertCritique: db.prepare(
      `INSERT INTO critiques (owner, id, share_id, version_id, author_id, author_name, worked, didnt, suggestions, words, helpful, helpful_hlc, created_at, sync_state, sync_error)
       VALUES (@owner, @id, @share_id, @version_id, @author_id, @author_name, @worked, @didnt, @suggestions, @words, @helpful, @helpful_hlc, @created_at, @sync_state, NULL)
       ON CONFLICT(owner, id) DO UPDATE SET worked = excluded.worked, didnt = excluded.didnt, suggestions = excluded.suggestions, words = excluded.words,
         helpful = CASE WHEN coalesce(excluded.helpful_hlc, '') > coalesce(critiques.helpful_hlc, '') THEN excluded.helpful ELSE critiques.helpful END,
         helpful_hlc = max(coalesce(excluded.helpful_hlc, ''), coalesce(critiques.helpful_hlc, ''))`,
    ),
    insertCredit: db.prepare(
      'INSERT OR IGNORE INTO credit_entries (owner, id, circle_id, delta, reason, ref_id, balance_after, created_at) VALUES (@owner, @id, @circleId, @delta, @reason, @refId, @balanceAfter, @createdAt)',
    ),
    setFlag: {
      comment: db.prepare('UPDATE comments SET resolved = CASE WHEN @flag = \'resolved\' THEN @value ELSE resolved END, resolved_hlc = CASE WHEN @flag = \'resolved\' THEN @hlc ELSE resolved_hlc END, helpful = CASE WHEN @flag = \'helpful\' THEN @value ELSE helpful END, helpful_hlc = CASE WHEN @flag = \'helpful\' THEN @hlc ELSE helpful_hlc END WHERE owner = @owner AND id = @id'),
      critique: db.prepare('UPDATE critiques SET helpful = @value, helpful_hlc = @hlc WHERE owner = @owner AND id = @id'),
    },
    state: {
      shares: db.prepare('UPDATE shares SET sync_state = @state, sync_error = @error WHERE owner = @owner AND id = @id'),
      comments: db.prepare('UPDATE comments SET sync_state = @state, sync_error = @error WHERE owner = @owner AND id = @id'),
      critiques: db.prepare('UPDATE critiques SET sync_state = @state, sync_error = @error WHERE owner = @owner AND id = @id'),
    },
    metaGet: db.prepare<[string], { value: string }>('SELECT value FROM sync_meta WHERE key = ?'),
    metaSet: db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };

  const mine = (): Own => ({ owner: owner() });
  const by = (id: string) => ({ owner: owner(), id });
  const store = {
    meta: {
      get: (key: string) => q.metaGet.get(key)?.value ?? null,
      set: (key: string, value: string) => q.metaSet.run(key, value),
    },
    shareRow: (id: string) => q.share.get(by(id)),
    share(id: string): LocalShare {
      const row = q.share.get(by(id));
      if (!row) throw new StudioError('not_found', 'That shared draft is not here.');
      return toShare(row, q.versions.all(by(id)), q.counts.get(by(id))!);
    },
    /** Every share with its versions and counts: three queries in all, however many shares. */
    shares(): LocalShare[] {
      const versions = new Map<string, VersionMeta[]>();
      for (const v of q.allVersions.all(mine())) {
        const list = versions.get(v.share_id);
        if (list) list.push(v);
        else versions.set(v.share_id, [v]);
      }
      const counts = new Map(q.allCounts.all(mine()).map((c) => [c.share_id, c]));
      const none: ShareCounts = { comments: 0, unresolved: 0, critiques: 0 };
      return q.shares.all(mine()).map((row) => toShare(row, versions.get(row.id) ?? [], counts.get(row.id) ?? none));
    },
    versions: (shareId: string) => q.versions.all(by(shareId)),
    version: (id: string) => q.version.get(by(id)),
    comment: (id: string) => {
      const row = q.comment.get(by(id));
      return row && toComment(row);
    },
    comments: (shareId: string) => q.comments.all(by(shareId)).map(toComment),
    critique: (id: string) => {
      const row = q.critique.get(by(id));
      return row && toCritique(row);
    },
    critiques: (shareId: string) => q.critiques.all(by(shareId)).map(toCritique),
    credits: (circleId: string) => q.credits.all(by(circleId)),

    putShare(share: SharedDraft, role: 'author' | 'reader', documentIds: string[], state: SyncState) {
      q.upsertShare.run({
        owner: owner(),
        id: share.id,
        role,
        author_id: share.authorId,
        author_name: share.authorName,
        circle_id: share.circleId,
        title: share.title,
        note: share.note,
        queue: share.queue ? 1 : 0,
        reader_ids: JSON.stringify(share.readerIds),
        revoked: share.revoked ? 1 : 0,
        document_ids: JSON.stringify(documentIds),
        created_at: share.createdAt,
        sync_state: state,
      });
      // A reader of a revoked share loses the draft itself; what they wrote stays theirs.
      if (share.revoked && role === 'reader') q.dropVersions.run(by(share.id));
    },
    putVersion(v: Omit<VersionRow, 'invalid_reason'> & { invalid_reason?: string | null }) {
      q.upsertVersion.run({ invalid_reason: null, ...v, owner: owner() });
    },
    putComment(c: CommentRecord, state: SyncState) {
      q.insertComment.run({
        owner: owner(),
        id: c.id,
        share_id: c.shareId,
        version_id: c.versionId,
        parent_id: c.parentId,
        author_id: c.authorId,
        author_name: c.authorName,
        body: c.body,
        anchor: c.anchor ? JSON.stringify(c.anchor) : null,
        resolved: c.resolved ? 1 : 0,
        resolved_hlc: c.resolvedHlc,
        helpful: c.helpful ? 1 : 0,
        helpful_hlc: c.helpfulHlc,
        created_at: c.createdAt,
        sync_state: state,
      });
    },
    putCritique(c: CritiqueRecord, state: SyncState) {
      q.insertCritique.run({
        owner: owner(),
        id: c.id,
        share_id: c.shareId,
        version_id: c.versionId,
        author_id: c.authorId,
        author_name: c.authorName,
        worked: c.worked,
        didnt: c.didnt,
        suggestions: c.suggestions,
        words: c.words,
        helpful: c.helpful ? 1 : 0,
        helpful_hlc: c.helpfulHlc,
        created_at: c.createdAt,
        sync_state: state,
      });
    },
    putCredit: (entry: CreditEntry) => q.insertCredit.run({ ...entry, owner: owner() }),
    /** Removes a comment and its replies; answers every id removed. */
    forgetComment(id: string): string[] {
      const ids = [id, ...q.replyIds.all(by(id)).map((r) => r.id)];
      for (const each of ids) q.removeComment.run(by(each));
      return ids;
    },
    forgetCritique: (id: string) => q.removeCritique.run(by(id)),
    /** Removes one version; a share left with none is removed too (answers true then). */
    forgetVersion(shareId: string, versionId: string): boolean {
      q.removeVersion.run(by(versionId));
      if (q.versions.all(by(shareId)).length > 0) return false;
      q.removeShare.run(by(shareId));
      return true;
    },
    unrevoke: (shareId: string) => q.unrevoke.run(by(shareId)),
    /** A reader who lost access: the draft goes, and the share is kept as it was, marked withdrawn (the server sends nothing else). */
    withdrawn(shareId: string) {
      q.markRevoked.run(by(shareId));
      q.dropVersions.run(by(shareId));
    },
    restoreShareSettings: (shareId: string, settings: ShareSettings) => q.restoreSettings.run({ ...settings, ...by(shareId) }),
    /** `hlc` null: the flag is the studio's guess until the server's value (any stamp) arrives. */
    setFlag(target: 'comment' | 'critique', id: string, flag: 'resolved' | 'helpful', value: boolean, hlc: string | null) {
      q.setFlag[target].run({ ...by(id), flag, value: value ? 1 : 0, hlc });
    },
    setState(table: 'shares' | 'comments' | 'critiques', id: string, state: SyncState, error: string | null) {
      q.state[table].run({ ...by(id), state, error });
    },
  };
  return store;
}
export type CritiqueStore = ReturnType<typeof createCritiqueStore>;
