import { sql, type Kysely } from 'kysely';
import type { SharedDraft, ShareVersionRecord } from '../../../shared/protocol/community-events';
import { commentFromRow, critiqueFromRow } from '../../../shared/protocol/critique-rows';
import type { StoreKind } from '../../store/open-store';
import type { CircleStanding } from '../../../shared/rules/critique';
import type { AppliedOpsTable, CommentsTable, CommunityDatabase, CritiquesTable, FeedTable, SharesTable, ShareVersionsTable } from '../../store/schema';

type Db = Kysely<CommunityDatabase>;
export type FeedKind = FeedTable['kind'];
export type FeedRow = { user_id: string; kind: FeedKind; ref_id: string; created_at: string };

/** Any constant will do: it names the lock that orders feed writes on PostgreSQL. */
const FEED_LOCK = 7_412_001;
/**
 * Feed cursors must become visible in order: a reader who pulled past seq 10 must never see
 * a 9 commit later. On PostgreSQL feed writers take turns; SQLite has one writer anyway.
 */
export async function lockFeed(trx: Db, kind: StoreKind): Promise<void> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(trx);
}

/** Reads and writes of shares, comments and critiques; every function takes the transaction it runs in. */
export const critiqueRepo = {
  share: (db: Db, id: string) => db.selectFrom('shares').selectAll().where('id', '=', id).executeTakeFirst(),
  /** A version as operations check it: whose it is and its text, not the editor JSON (up to 1.2 MB). */
  version: (db: Db, id: string) => db.selectFrom('share_versions').select(['id', 'share_id', 'plain_text']).where('id', '=', id).executeTakeFirst(),
  comment: (db: Db, id: string) => db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst(),
  /** Comments by id, read 500 at a time. */
  async commentsByIds(db: Db, ids: string[]): Promise<Map<string, CommentsTable>> {
    const found = new Map<string, CommentsTable>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const row of await db.selectFrom('comments').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()) found.set(row.id, row);
    }
    return found;
  },
  critique: (db: Db, id: string) => db.selectFrom('critiques').selectAll().where('id', '=', id).executeTakeFirst(),
  async latestVersionNumber(db: Db, shareId: string): Promise<number> {
    const row = await db.selectFrom('share_versions').select((eb) => eb.fn.max('number').as('n')).where('share_id', '=', shareId).executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Who may read a share: its author, and the named readers or else the whole circle (never the banned). */
  async audience(db: Db, share: SharesTable): Promise<string[]> {
    const named = JSON.parse(share.reader_ids) as string[];
    let query = db.selectFrom('circle_members').select('user_id').where('circle_id', '=', share.circle_id).where('role', '!=', 'banned');
    if (named.length > 0) query = query.where('user_id', 'in', named);
    const members = (await query.execute()).map((r) => r.user_id);
    return [...new Set([share.author_id, ...members])];
  },

  /** The writer's standing in a circle now: undefined for strangers and former members. */
  async standing(db: Db, circleId: string, userId: string): Promise<CircleStanding> {
    const row = await db.selectFrom('circle_members').select('role').where('circle_id', '=', circleId).where('user_id', '=', userId).executeTakeFirst();
    return row?.role;
  },
  /** Whether every one of `ids` is a current (not banned) member of the circle. */
  async allMembers(db: Db, circleId: string, ids: string[]): Promise<boolean> {
    if (ids.length === 0) return true;
    const rows = await db.selectFrom('circle_members').select('user_id').where('circle_id', '=', circleId).where('role', '!=', 'banned').where('user_id', 'in', ids).execute();
    return rows.length === new Set(ids).size;
  },

  insertShare: (db: Db, row: SharesTable) => db.insertInto('shares').values(row).execute(),
  updateShare: (db: Db, id: string, row: Pick<SharesTable, 'title' | 'note' | 'queue' | 'reader_ids'>) => db.updateTable('shares').set(row).where('id', '=', id).execute(),
  revokeShare: (db: Db, id: string, at: string) => db.updateTable('shares').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
  insertVersion: (db: Db, row: ShareVersionsTable) => db.insertInto('share_versions').values(row).execute(),
  /** Whose a version id is, if it exists: a share id and its author. */
  versionOwner: (db: Db, id: string) =>
    db.selectFrom('share_versions').innerJoin('shares', 'shares.id', 'share_versions.share_id').select(['shares.id as share_id', 'shares.author_id']).where('share_versions.id', '=', id).executeTakeFirst(),

  /** A critic's critique of a version (one each: a second submission revises it). */
  critiqueBy: (db: Db, versionId: string, authorId: string) => db.selectFrom('critiques').select('id').where('version_id', '=', versionId).where('author_id', '=', authorId).executeTakeFirst(),
  insertCritique: (db: Db, row: CritiquesTable) => db.insertInto('critiques').values(row).execute(),
  updateCritique: (db: Db, id: string, fields: Pick<CritiquesTable, 'worked' | 'didnt' | 'suggestions' | 'words'>) => db.updateTable('critiques').set(fields).where('id', '=', id).execute(),
  /** A last-writer-wins flag and its clock stamp. */
  setFlag: (db: Db, target: 'comment' | 'critique', id: string, change: Partial<Pick<CommentsTable, 'resolved' | 'resolved_hlc' | 'helpful' | 'helpful_hlc'>>) =>
    target === 'comment' ? db.updateTable('comments').set(change).where('id', '=', id).execute() : db.updateTable('critiques').set(change).where('id', '=', id).execute(),
  /** Comments of a batch, in multi-row statements. */
  async insertComments(db: Db, rows: CommentsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('comments').values(rows.slice(i, i + 1000)).execute();
  },
  /** Feed rows of a batch; returns each recipient's new cursor. */
  async appendFeed(db: Db, rows: FeedRow[]): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    for (let i = 0; i < rows.length; i += 2000) {
      const inserted = await db.insertInto('feed').values(rows.slice(i, i + 2000)).returning(['seq', 'user_id']).execute();
      for (const row of inserted) seqs.set(row.user_id, Math.max(Number(row.seq), seqs.get(row.user_id) ?? 0));
    }
    return seqs;
  },

  /** What this writer's operations with these ids were answered (ids are per writer: a stranger's reuse is theirs alone). */
  async appliedOps(db: Db, userId: string, opIds: string[]): Promise<Map<string, string | null>> {
    const seen = new Map<string, string | null>();
    const unique = [...new Set(opIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await db.selectFrom('applied_ops').select(['op_id', 'error']).where('user_id', '=', userId).where('op_id', 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) seen.set(r.op_id, r.error);
    }
    return seen;
  },
  async rememberOps(db: Db, rows: AppliedOpsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 2000) await db.insertInto('applied_ops').values(rows.slice(i, i + 2000)).execute();
  },

  /** A page of the writer's feed after their cursor. */
  feedPage: (db: Db, userId: string, after: number, limit: number) =>
    db.selectFrom('feed').select(['seq', 'kind', 'ref_id']).where('user_id', '=', userId).where('seq', '>', after).orderBy('seq').limit(limit).execute(),
  /** A circle's live shares that the whole circle reads, oldest first (a newcomer's welcome). */
  openShares: (db: Db, circleId: string) =>
    db.selectFrom('shares').select('id').where('circle_id', '=', circleId).where('revoked_at', 'is', null).where('reader_ids', '=', '[]').orderBy('created_at').execute(),
  /** A share's versions, comments and critiques as feed references, in order. */
  async discussionOf(db: Db, shareId: string): Promise<[FeedKind, string][]> {
    const refs: [FeedKind, string][] = [];
    for (const v of await db.selectFrom('share_versions').select('id').where('share_id', '=', shareId).orderBy('number').execute()) refs.push(['version', v.id]);
    for (const c of await db.selectFrom('comments').select('id').where('share_id', '=', shareId).orderBy('created_at').execute()) refs.push(['comment', c.id]);
    for (const c of await db.selectFrom('critiques').select('id').where('share_id', '=', shareId).orderBy('created_at').execute()) refs.push(['critique', c.id]);
    return refs;
  },

  /** Appends one feed row per recipient; returns each recipient's new cursor. */
  async notify(db: Db, userIds: string[], kind: FeedKind, refId: string, at: string): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    if (userIds.length === 0) return seqs;
    const rows = await db
      .insertInto('feed')
      .values(userIds.map((user_id) => ({ user_id, kind, ref_id: refId, created_at: at })))
      .returning(['seq', 'user_id'])
      .execute();
    for (const row of rows) seqs.set(row.user_id, Number(row.seq));
    return seqs;
  },
};

const names = async (db: Db, ids: string[]) => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
};

/** Of the comments and critiques a feed page names, those a moderator hid (migration 0014). */
export async function hiddenAmong(db: Db, refs: { kind: FeedKind; ids: string[] }[]): Promise<Set<string>> {
  const ids = (kind: FeedKind) => refs.filter((r) => r.kind === kind).flatMap((r) => r.ids);
  const out = new Set<string>();
  for (const table of ['comments', 'critiques'] as const) {
    const list = ids(table === 'comments' ? 'comment' : 'critique');
    if (list.length === 0) continue;
    for (const r of await db.selectFrom(table).select('id').where('id', 'in', list).where('hidden_at', 'is not', null).execute()) out.add(r.id);
  }
  return out;
}

/** Loads what a feed page names, as the records the client stores. */
export async function loadRecords(db: Db, refs: { kind: FeedKind; ids: string[] }[]) {
  const ids = (kind: FeedKind) => refs.filter((r) => r.kind === kind).flatMap((r) => r.ids);
  const inIds = <T>(list: string[], load: (list: string[]) => Promise<T[]>) => (list.length ? load(list) : Promise.resolve([] as T[]));
  const shareRows = await inIds(ids('share'), (l) => db.selectFrom('shares').selectAll().where('id', 'in', l).execute());
  // The editor JSON goes to readers; the plain text (as large again) stays on the server.
  const versionRows = await inIds(ids('version'), (l) =>
    db.selectFrom('share_versions').select(['id', 'share_id', 'number', 'word_count', 'created_at', 'content']).where('id', 'in', l).execute(),
  );
  const commentRows = await inIds(ids('comment'), (l) => db.selectFrom('comments').selectAll().where('id', 'in', l).execute());
  const critiqueRows = await inIds(ids('critique'), (l) => db.selectFrom('critiques').selectAll().where('id', 'in', l).execute());
  const creditRows = await inIds(ids('credit'), (l) => db.selectFrom('credit_ledger').selectAll().where('id', 'in', l).execute());
  const versionInfo = await inIds(
    shareRows.map((s) => s.id),
    (l) => db.selectFrom('share_versions').select(['id', 'share_id', 'number', 'word_count', 'created_at']).where('share_id', 'in', l).orderBy('number').execute(),
  );
  const who = await names(db, [...shareRows.map((r) => r.author_id), ...commentRows.map((r) => r.author_id), ...critiqueRows.map((r) => r.author_id)]);

  const shares = new Map(
    shareRows.map((row): [string, SharedDraft & { row: SharesTable }] => [
      row.id,
      {
        row,
        id: row.id,
        authorId: row.author_id,
        authorName: who.get(row.author_id) ?? 'Someone',
        circleId: row.circle_id,
        title: row.title,
        note: row.note,
        queue: row.queue === 1,
        readerIds: JSON.parse(row.reader_ids) as string[],
        revoked: row.revoked_at !== null,
        createdAt: row.created_at,
        versions: versionInfo
          .filter((v) => v.share_id === row.id)
          .map((v) => ({ id: v.id, number: v.number, wordCount: v.word_count, createdAt: v.created_at })),
      },
    ]),
  );
  const versions = new Map(
    versionRows.map((v): [string, ShareVersionRecord] => [
      v.id,
      { id: v.id, shareId: v.share_id, number: v.number, wordCount: v.word_count, createdAt: v.created_at, content: v.content },
    ]),
  );
  const comments = new Map(commentRows.map((c) => [c.id, toComment(c, who.get(c.author_id))]));
  const critiques = new Map(critiqueRows.map((c) => [c.id, toCritique(c, who.get(c.author_id))]));
  const credits = new Map(
    creditRows.map((e) => [
      e.id,
      { id: e.id, circleId: e.circle_id, delta: e.delta, reason: e.reason as never, refId: e.ref_id, balanceAfter: e.balance_after, createdAt: e.created_at },
    ]),
  );
  return { shares, versions, comments, critiques, credits };
}

export const toComment = (c: CommentsTable, authorName = 'Someone') => commentFromRow(c, authorName);
export const toCritique = (c: CritiquesTable, authorName = 'Someone') => critiqueFromRow(c, authorName);
