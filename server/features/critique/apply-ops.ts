import type { Kysely } from 'kysely';
import type { ApiError } from '../../../shared/api/result';
import type { OpResult } from '../../../shared/protocol/community-events';
import type { SyncEnvelope, SyncOp } from '../../../shared/protocol/critique-schemas';
import { parseLexicalState, mapPlainText } from '../../../shared/schemas/lexical';
import { countWords } from '../../../shared/text/word-count';
import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommentsTable, CommunityDatabase, SharesTable } from '../../store/schema';
import { creditsRepo } from './credits.repo';
import { critiqueRepo, type FeedKind } from './critique.repo';

type Db = Kysely<CommunityDatabase>;
type Seqs = Map<string, number>;

const notFound = (what: string) => new CommunityError('not_found', `That ${what} does not exist or is not shared with you.`);

/**
 * Applies a batch of operations for one writer, in order, inside the caller's transaction.
 * An operation id seen before answers what it answered then: at-least-once on the wire,
 * exactly-once in effect. A refused operation (forbidden, invalid, out of credits) is
 * answered and remembered; it does not stop the ones after it.
 */
export async function applyOps(db: Db, userId: string, envelopes: SyncEnvelope[], at: string): Promise<{ results: OpResult[]; seqs: Seqs }> {
  const seqs: Seqs = new Map();
  const merge = (more: Seqs) => more.forEach((seq, user) => seqs.set(user, Math.max(seq, seqs.get(user) ?? 0)));
  const seen = new Map(
    (await db.selectFrom('applied_ops').select(['op_id', 'error']).where('op_id', 'in', envelopes.map((e) => e.opId)).execute()).map((r) => [r.op_id, r.error]),
  );
  const results: OpResult[] = [];
  // Comments, feed rows and operation ids are written together at the end of the batch (or
  // before anything that must follow them): multi-row inserts instead of three statements an
  // operation. Reads look at what is waiting first.
  const pendingComments = new Map<string, CommentsTable>();
  const pendingFeed: { user_id: string; kind: FeedKind; ref_id: string; created_at: string }[] = [];
  const pendingApplied: { op_id: string; user_id: string; error: string | null; applied_at: string }[] = [];
  const notify = (users: string[], kind: FeedKind, refId: string) => {
    for (const user_id of users) pendingFeed.push({ user_id, kind, ref_id: refId, created_at: at });
  };
  const flushWrites = async () => {
    const comments = [...pendingComments.values()];
    pendingComments.clear();
    for (let i = 0; i < comments.length; i += 1000) await db.insertInto('comments').values(comments.slice(i, i + 1000)).execute();
    for (let i = 0; i < pendingFeed.length; i += 2000) {
      const rows = await db.insertInto('feed').values(pendingFeed.slice(i, i + 2000)).returning(['seq', 'user_id']).execute();
      for (const row of rows) seqs.set(row.user_id, Math.max(Number(row.seq), seqs.get(row.user_id) ?? 0));
    }
    pendingFeed.length = 0;
    for (let i = 0; i < pendingApplied.length; i += 2000) await db.insertInto('applied_ops').values(pendingApplied.slice(i, i + 2000)).execute();
    pendingApplied.length = 0;
  };
  // Every comment the batch names (new ids, parents, flag targets), read in one query.
  const named = new Set<string>();
  for (const { op } of envelopes) {
    if (op.kind === 'comment.add') {
      named.add(op.commentId);
      if (op.parentId) named.add(op.parentId);
    } else if (op.kind === 'flag.set' && op.target === 'comment') named.add(op.id);
  }
  const known = new Map<string, CommentsTable>();
  const namedIds = [...named];
  for (let i = 0; i < namedIds.length; i += 500) {
    for (const row of await db.selectFrom('comments').selectAll().where('id', 'in', namedIds.slice(i, i + 500)).execute()) known.set(row.id, row);
  }
  const commentById = async (id: string) => pendingComments.get(id) ?? known.get(id) ?? (named.has(id) ? undefined : await critiqueRepo.comment(db, id));
  const versions = new Map<string, Awaited<ReturnType<typeof critiqueRepo.version>>>();
  const versionById = async (id: string) => {
    if (!versions.has(id)) versions.set(id, await critiqueRepo.version(db, id));
    return versions.get(id);
  };
  const award = async (...args: Parameters<typeof creditsRepo.award> extends [unknown, ...infer R] ? R : never) => {
    await flushWrites(); // the ledger's feed rows come after everything before them
    merge(await creditsRepo.award(db, ...args));
  };
  const shareCache = new Map<string, { share: SharesTable; audience: string[] }>();
  const shareOf = async (shareId: string) => {
    let hit = shareCache.get(shareId);
    if (!hit) {
      const share = await critiqueRepo.share(db, shareId);
      if (!share) throw notFound('draft');
      hit = { share, audience: await critiqueRepo.audience(db, share) };
      shareCache.set(shareId, hit);
    }
    return hit;
  };
  const readable = async (shareId: string) => {
    const hit = await shareOf(shareId);
    if (hit.share.author_id !== userId && (hit.share.revoked_at || !hit.audience.includes(userId))) throw notFound('draft');
    return hit;
  };

  const apply = async (op: SyncOp): Promise<void> => {
    switch (op.kind) {
      case 'share.publish': {
        const role = await db.selectFrom('circle_members').select('role').where('circle_id', '=', op.circleId).where('user_id', '=', userId).executeTakeFirst();
        if (!role || role.role === 'banned') throw forbidden('You can only share with a circle you belong to.');
        if (op.readerIds.length > 0) {
          const members = await db.selectFrom('circle_members').select('user_id').where('circle_id', '=', op.circleId).where('role', '!=', 'banned').where('user_id', 'in', op.readerIds).execute();
          if (members.length !== new Set(op.readerIds).size) throw forbidden('Readers must be members of the circle.');
        }
        let content;
        try {
          content = mapPlainText(parseLexicalState(op.content));
        } catch (error) {
          throw new CommunityError('invalid_content', error instanceof Error ? error.message : 'The draft is not valid editor content.');
        }
        const existing = await critiqueRepo.share(db, op.shareId);
        if (existing && existing.author_id !== userId) throw forbidden();
        if (existing?.revoked_at) throw forbidden('This share was revoked; share the draft again instead.');
        if (existing && existing.circle_id !== op.circleId) throw new CommunityError('invalid_input', 'A share stays in the circle it was made in.');
        if (await versionById(op.versionId)) throw new CommunityError('conflict', 'That version id is taken.');
        // Posting into the queue costs credits, once per share (updating it is free). Charged
        // before anything is written, so a writer short of credits leaves no half-made share.
        if (op.queue) {
          const rules = await creditsRepo.rules(db, op.circleId);
          await award(op.circleId, userId, -rules.postCost, 'post', op.shareId, at);
        }
        const row = { title: op.title, note: op.note, queue: op.queue ? 1 : 0, reader_ids: JSON.stringify(op.readerIds) };
        if (existing) await db.updateTable('shares').set(row).where('id', '=', op.shareId).execute();
        else await db.insertInto('shares').values({ id: op.shareId, author_id: userId, circle_id: op.circleId, revoked_at: null, created_at: at, ...row }).execute();
        const number = (await critiqueRepo.latestVersionNumber(db, op.shareId)) + 1;
        await db
          .insertInto('share_versions')
          .values({ id: op.versionId, share_id: op.shareId, number, content: op.content, plain_text: content.text, word_count: countWords(content.text), created_at: at })
          .execute();
        shareCache.delete(op.shareId);
        versions.delete(op.versionId);
        const { audience } = await shareOf(op.shareId);
        notify(audience, 'share', op.shareId);
        notify(audience, 'version', op.versionId);
        return;
      }
      case 'share.revoke': {
        const { share, audience } = await shareOf(op.shareId);
        if (share.author_id !== userId) throw notFound('draft');
        if (!share.revoked_at) await db.updateTable('shares').set({ revoked_at: at }).where('id', '=', op.shareId).execute();
        share.revoked_at = at;
        notify(audience, 'share', op.shareId);
        return;
      }
      case 'comment.add': {
        const { audience } = await readable(op.shareId);
        const version = await versionById(op.versionId);
        if (!version || version.share_id !== op.shareId) throw notFound('version');
        let parentId = op.parentId;
        if (parentId) {
          const parent = await commentById(parentId);
          if (!parent || parent.share_id !== op.shareId) throw notFound('comment');
          parentId = parent.parent_id ?? parent.id; // threads are one level deep
        } else if (op.anchor) {
          // The anchor is made on this version's text: it must quote it exactly where it says.
          if (version.plain_text.slice(op.anchor.start, op.anchor.start + op.anchor.quote.length) !== op.anchor.quote) {
            throw new CommunityError('invalid_input', 'The comment quotes text that is not at that place in the shared draft.');
          }
        }
        if (await commentById(op.commentId)) throw new CommunityError('conflict', 'That comment id is taken.');
        pendingComments.set(op.commentId, {
            id: op.commentId,
            share_id: op.shareId,
            version_id: op.versionId,
            parent_id: parentId,
            author_id: userId,
            body: op.body,
            anchor: parentId || !op.anchor ? null : JSON.stringify(op.anchor),
            resolved: 0,
            resolved_hlc: null,
            helpful: 0,
            helpful_hlc: null,
            created_at: at,
          });
        notify(audience, 'comment', op.commentId);
        return;
      }
      case 'critique.submit': {
        const { share, audience } = await readable(op.shareId);
        if (share.author_id === userId) throw forbidden('You cannot critique your own draft.');
        const version = await versionById(op.versionId);
        if (!version || version.share_id !== op.shareId) throw notFound('version');
        const words = countWords([op.worked, op.didnt, op.suggestions].join('\n\n'));
        const mine = await db.selectFrom('critiques').select('id').where('version_id', '=', op.versionId).where('author_id', '=', userId).executeTakeFirst();
        const fields = { worked: op.worked, didnt: op.didnt, suggestions: op.suggestions, words };
        let id = op.critiqueId;
        if (mine) {
          // One overall critique per version and reader: a second submission revises the first.
          id = mine.id;
          await db.updateTable('critiques').set(fields).where('id', '=', id).execute();
        } else {
          if (await critiqueRepo.critique(db, id)) throw new CommunityError('conflict', 'That critique id is taken.');
          await db.insertInto('critiques').values({ id, share_id: op.shareId, version_id: op.versionId, author_id: userId, helpful: 0, helpful_hlc: null, created_at: at, ...fields }).execute();
        }
        const rules = await creditsRepo.rules(db, share.circle_id);
        if (words >= rules.critiqueMinWords) await award(share.circle_id, userId, rules.critiqueReward, 'critique', op.versionId, at);
        notify(audience, 'critique', id);
        return;
      }
      case 'flag.set': {
        const target = op.target === 'comment' ? await commentById(op.id) : await critiqueRepo.critique(db, op.id);
        if (!target) throw notFound(op.target);
        const { share, audience } = await readable(target.share_id);
        if (op.flag === 'resolved') {
          if (op.target !== 'comment' || (target as { parent_id: string | null }).parent_id) throw new CommunityError('invalid_input', 'Only a comment thread can be resolved.');
          if (share.author_id !== userId && target.author_id !== userId) throw forbidden('Only the author or the commenter can resolve a thread.');
        } else {
          if (share.author_id !== userId) throw forbidden('Only the author marks a critique helpful.');
          if (target.author_id === userId) throw forbidden('You cannot mark your own comment helpful.');
        }
        const hlcColumn = op.flag === 'resolved' ? 'resolved_hlc' : 'helpful_hlc';
        const current = (target as Record<string, unknown>)[hlcColumn] as string | null;
        // Last writer wins on the hybrid logical clock: an older change arriving late is ignored.
        if (current && current >= op.hlc) return;
        const change = { [op.flag]: op.value ? 1 : 0, [hlcColumn]: op.hlc };
        const waiting = op.target === 'comment' ? pendingComments.get(op.id) : undefined;
        if (waiting) Object.assign(waiting, change);
        else {
          const cached = op.target === 'comment' ? known.get(op.id) : undefined;
          if (cached) Object.assign(cached, change); // later operations in this batch see it
          await db.updateTable(op.target === 'comment' ? 'comments' : 'critiques').set(change as never).where('id', '=', op.id).execute();
        }
        if (op.flag === 'helpful' && op.value) {
          const rules = await creditsRepo.rules(db, share.circle_id);
          await award(share.circle_id, target.author_id, rules.helpfulBonus, 'helpful', op.id, at);
        }
        notify(audience, op.target, op.id);
        return;
      }
    }
  };

  for (const { opId, op } of envelopes) {
    if (seen.has(opId)) {
      const error = seen.get(opId);
      results.push(error ? { opId, ok: false, error: JSON.parse(error) } : { opId, ok: true });
      continue;
    }
    let error: ApiError | null = null;
    try {
      await apply(op);
    } catch (caught) {
      if (!(caught instanceof CommunityError)) throw caught; // a fault: the whole batch is retried
      error = { code: caught.code, message: caught.message };
    }
    results.push(error ? { opId, ok: false, error } : { opId, ok: true });
    seen.set(opId, error ? JSON.stringify(error) : null);
    pendingApplied.push({ op_id: opId, user_id: userId, error: error ? JSON.stringify(error) : null, applied_at: at });
  }
  await flushWrites();
  return { results, seqs };
}
