import { randomUUID } from 'node:crypto';
import { sql, type ControlledTransaction } from 'kysely';
import type { Logger } from 'pino';
import type { ApiError } from '../../../shared/api/result';
import type { OpResult } from '../../../shared/protocol/community-events';
import { syncOpSchema, type RawSyncEnvelope, type SyncOp } from '../../../shared/protocol/critique-schemas';
import { critiqueEarns } from '../../../shared/rules/credits';
import { commentRefusal, critiqueRefusal, helpfulRefusal, notYoursToShare, publishRefusal, resolveRefusal, unseen, type CircleStanding, type ShareFacts } from '../../../shared/rules/critique';
import { parseLexicalState, mapPlainText } from '../../../shared/schemas/lexical';
import { HLC_MAX_AHEAD_MS, hlcTooFarAhead } from '../../../shared/sync/hlc';
import { countWords } from '../../../shared/text/word-count';
import { CommunityError, refuseIf as check } from '../../socket/community-error';
import type { AppliedOpsTable, CommentsTable, CommunityDatabase, SharesTable } from '../../store/schema';
import { creditsRepo } from './credits.repo';
import { critiqueRepo, type FeedKind, type FeedRow } from './critique.repo';
import { recordActivity } from '../activity/activity.repo';

type Trx = ControlledTransaction<CommunityDatabase>;
type Seqs = Map<string, number>;

const facts = (share: SharesTable): ShareFacts & { circleId: string } => ({
  authorId: share.author_id,
  readerIds: JSON.parse(share.reader_ids) as string[],
  revoked: share.revoked_at !== null,
  circleId: share.circle_id,
});
/** Operations that may write to the credits ledger, whose feed rows must follow everything before them. */
const mayAward = (op: SyncOp) => (op.kind === 'share.publish' && op.queue) || op.kind === 'critique.submit' || (op.kind === 'flag.set' && op.flag === 'helpful' && op.value);
/** Refusals that may pass with time or another try: answered, never remembered as the operation's answer. */
const TRANSIENT: ReadonlySet<string> = new Set(['internal', 'clock_ahead', 'rate_limited', 'suspended']);

export interface ApplyContext {
  userId: string;
  /** When the batch arrived (ISO): every row it writes carries it. */
  at: string;
  /** The server's clock, ms: stamps too far ahead of it are refused. */
  nowMs: number;
  log: Logger;
  /** Moderation's posting gate for this writer: bans, suspensions, rate limits, and blocks. */
  gate?: { check(circleId: string, kind: 'share' | 'comment'): void; notBlockedBy(ownerId: string): void };
}

/**
 * Applies a batch of operations for one writer, in order, inside the caller's transaction,
 * each in its own savepoint: a refused operation (forbidden, invalid, out of credits) or one
 * that fails unexpectedly is undone alone and answered; the others commit. An operation id
 * this writer used before answers what it answered then: at-least-once on the wire,
 * exactly-once in effect. Faults (`internal`) are not remembered, so a retry applies it.
 */
export async function applyOps(trx: Trx, envelopes: RawSyncEnvelope[], { userId, at, nowMs, log, gate }: ApplyContext): Promise<{ results: OpResult[]; seqs: Seqs }> {
  const db = trx;
  const seqs: Seqs = new Map();
  const merge = (more: Seqs) => more.forEach((seq, user) => seqs.set(user, Math.max(seq, seqs.get(user) ?? 0)));
  const seen = await critiqueRepo.appliedOps(db, userId, envelopes.map((e) => e.opId));
  const results: OpResult[] = [];
  const fault = (opId: string, kind: string, err: unknown): ApiError => {
    const errorId = randomUUID().slice(0, 8);
    log.error({ err, errorId, opId, kind, userId }, 'operation failed');
    return { code: 'internal', message: `The server could not apply this change; it will be tried again (error id ${errorId}).` };
  };

  // Comments, feed rows and operation ids are written together at the end of the batch (or
  // before anything that must follow them): multi-row inserts instead of three statements an
  // operation. Each remembers its operation, so one that fails can be told apart.
  const pendingComments = new Map<string, { row: CommentsTable; opId: string }>();
  const pendingFeed: (FeedRow & { opId: string })[] = [];
  const pendingApplied: AppliedOpsTable[] = [];
  let currentOp = '';
  const notify = (users: string[], kind: FeedKind, refId: string) => {
    for (const user_id of users) pendingFeed.push({ user_id, kind, ref_id: refId, created_at: at, opId: currentOp });
  };
  const writePending = async (comments: CommentsTable[], feed: FeedRow[], applied: AppliedOpsTable[]) => {
    await critiqueRepo.insertComments(db, comments);
    merge(await critiqueRepo.appendFeed(db, feed));
    await critiqueRepo.rememberOps(db, applied);
  };
  const flushWrites = async () => {
    const comments = [...pendingComments.values()];
    const feed = pendingFeed.splice(0);
    const applied = pendingApplied.splice(0);
    pendingComments.clear();
    if (comments.length + feed.length + applied.length === 0) return;
    const sp = await trx.savepoint('flush').execute();
    try {
      await writePending(comments.map((c) => c.row), feed.map(({ opId: _, ...row }) => row), applied);
      await sp.releaseSavepoint('flush').execute();
      return;
    } catch (error) {
      await sp.rollbackToSavepoint('flush').execute();
      await sp.releaseSavepoint('flush').execute();
      log.warn({ err: error }, 'batch write failed; writing operation by operation');
    }
    // One operation's rows failed the statement: write each operation's rows on its own, so
    // only the one that fails is answered `internal` (and not remembered, so it is retried).
    const opIds = [...new Set([...comments.map((c) => c.opId), ...feed.map((f) => f.opId), ...applied.map((a) => a.op_id)])];
    for (const opId of opIds) {
      const one = await trx.savepoint('one').execute();
      try {
        await writePending(
          comments.filter((c) => c.opId === opId).map((c) => c.row),
          feed.filter((f) => f.opId === opId).map(({ opId: _, ...row }) => row),
          applied.filter((a) => a.op_id === opId),
        );
        await one.releaseSavepoint('one').execute();
      } catch (error) {
        await one.rollbackToSavepoint('one').execute();
        await one.releaseSavepoint('one').execute();
        const index = results.findIndex((r) => r.opId === opId);
        if (index >= 0) results[index] = { opId, ok: false, error: fault(opId, 'write', error) };
        seen.delete(opId);
      }
    }
  };

  // Every comment the batch names (new ids, parents, flag targets), read in one query.
  const named = new Set<string>();
  const ops = envelopes.map(({ op }) => syncOpSchema.safeParse(op));
  for (const parsed of ops) {
    if (!parsed.success) continue;
    const op = parsed.data;
    if (op.kind === 'comment.add') {
      named.add(op.commentId);
      if (op.parentId) named.add(op.parentId);
    } else if (op.kind === 'flag.set' && op.target === 'comment') named.add(op.id);
  }
  const known = await critiqueRepo.commentsByIds(db, [...named]);
  const commentById = async (id: string) => pendingComments.get(id)?.row ?? known.get(id) ?? (named.has(id) ? undefined : await critiqueRepo.comment(db, id));
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
      if (!share) return undefined;
      hit = { share, audience: await critiqueRepo.audience(db, share) };
      shareCache.set(shareId, hit);
    }
    return hit;
  };
  // The writer's standing in a circle cannot change within their own batch: read once each.
  const standings = new Map<string, Promise<CircleStanding>>();
  const standingIn = (circleId: string) => {
    let hit = standings.get(circleId);
    if (!hit) standings.set(circleId, (hit = critiqueRepo.standing(db, circleId, userId)));
    return hit;
  };
  /** The share if the writer may read it now; else the one answer for what they may not see. */
  const readable = async (shareId: string, what: Parameters<typeof unseen>[0] = 'draft', rule = commentRefusal) => {
    const hit = await shareOf(shareId);
    const standing = hit ? await standingIn(hit.share.circle_id) : undefined;
    const refusal = rule(hit && facts(hit.share), userId, standing);
    if (refusal) check(refusal.code === 'not_found' ? unseen(what) : refusal);
    return hit!;
  };

  // An operation's savepoint is opened just before its first write: most operations (a new
  // comment) only read and leave rows waiting for the batch write, and on PostgreSQL each
  // savepoint is two more round trips (500 comments took three times as long with one each).
  let savepoint: Awaited<ReturnType<typeof openSavepoint>> | null = null;
  const openSavepoint = () => trx.savepoint('op').execute();
  const writing = async () => {
    savepoint ??= await openSavepoint();
  };

  const apply = async (op: SyncOp): Promise<void> => {
    switch (op.kind) {
      case 'share.publish': {
        const existing = await critiqueRepo.share(db, op.shareId);
        check(
          publishRefusal({
            standing: await standingIn(op.circleId),
            readersAreMembers: await critiqueRepo.allMembers(db, op.circleId, op.readerIds),
            existing: existing && facts(existing),
            circleId: op.circleId,
            userId,
          }),
        );
        // A version id already used: the writer's own (a retry under a new operation id) is
        // a conflict; anyone else's is answered as anything else not theirs, never "taken".
        gate?.check(op.circleId, 'share');
        const owner = await critiqueRepo.versionOwner(db, op.versionId);
        if (owner) check(owner.author_id === userId ? { code: 'conflict', message: 'That version id is already used by one of your shares.' } : notYoursToShare());
        let content;
        try {
          content = mapPlainText(parseLexicalState(op.content));
        } catch (error) {
          throw new CommunityError('invalid_content', error instanceof Error ? error.message : 'The draft is not valid editor content.');
        }
        await writing();
        // Posting into the queue costs credits, once per share (updating it is free). Charged
        // before anything is written, so a writer short of credits leaves no half-made share.
        if (op.queue) {
          const rules = await creditsRepo.rules(db, op.circleId);
          await award(op.circleId, userId, -rules.postCost, 'post', op.shareId, at);
        }
        const row = { title: op.title, note: op.note, queue: op.queue ? 1 : 0, reader_ids: JSON.stringify(op.readerIds) };
        if (existing) await critiqueRepo.updateShare(db, op.shareId, row);
        else {
          await critiqueRepo.insertShare(db, { id: op.shareId, author_id: userId, circle_id: op.circleId, revoked_at: null, created_at: at, ...row });
          // A draft opened to the whole circle asks for critique: in the feed of those who follow its author or belong to the circle.
          if (op.readerIds.length === 0) await recordActivity(db, { actor_id: userId, circle_id: op.circleId, kind: 'share', ref_id: op.shareId, title: op.title }, at);
        }
        const number = (await critiqueRepo.latestVersionNumber(db, op.shareId)) + 1;
        await critiqueRepo.insertVersion(db, { id: op.versionId, share_id: op.shareId, number, content: op.content, plain_text: content.text, word_count: countWords(content.text), created_at: at });
        shareCache.delete(op.shareId);
        versions.delete(op.versionId);
        const { audience } = (await shareOf(op.shareId))!;
        notify(audience, 'share', op.shareId);
        notify(audience, 'version', op.versionId);
        return;
      }
      case 'share.revoke': {
        const hit = await shareOf(op.shareId);
        if (!hit || hit.share.author_id !== userId) check(unseen('draft'));
        const { share, audience } = hit!;
        await writing();
        if (!share.revoked_at) await critiqueRepo.revokeShare(db, op.shareId, at);
        share.revoked_at ??= at;
        notify(audience, 'share', op.shareId);
        return;
      }
      case 'comment.add': {
        const { share: commented, audience } = await readable(op.shareId);
        // A writer who blocked this one gets no comments from them, nor replies to their own.
        gate?.notBlockedBy(commented.author_id);
        const version = await versionById(op.versionId);
        if (!version || version.share_id !== op.shareId) check(unseen('version'));
        let parentId = op.parentId;
        if (parentId) {
          const parent = await commentById(parentId);
          if (!parent || parent.share_id !== op.shareId) check(unseen('comment'));
          gate?.notBlockedBy(parent!.author_id);
          parentId = parent!.parent_id ?? parent!.id; // threads are one level deep
        } else if (op.anchor) {
          // The anchor is made on this version's text: it must quote it exactly where it says.
          if (version!.plain_text.slice(op.anchor.start, op.anchor.start + op.anchor.quote.length) !== op.anchor.quote) {
            throw new CommunityError('invalid_input', 'The comment quotes text that is not at that place in the shared draft.');
          }
        }
        if (await commentById(op.commentId)) throw new CommunityError('conflict', 'That comment id is already used; make a new one.');
        gate?.check(commented.circle_id, 'comment');
        pendingComments.set(op.commentId, {
          opId: currentOp,
          row: {
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
          },
        });
        notify(audience, 'comment', op.commentId);
        return;
      }
      case 'critique.submit': {
        const { share, audience } = await readable(op.shareId, 'draft', critiqueRefusal);
        gate?.notBlockedBy(share.author_id);
        gate?.check(share.circle_id, 'comment');
        const version = await versionById(op.versionId);
        if (!version || version.share_id !== op.shareId) check(unseen('version'));
        const words = countWords([op.worked, op.didnt, op.suggestions].join('\n\n'));
        const mine = await critiqueRepo.critiqueBy(db, op.versionId, userId);
        const fields = { worked: op.worked, didnt: op.didnt, suggestions: op.suggestions, words };
        let id = op.critiqueId;
        await writing();
        if (mine) {
          // One overall critique per version and reader: a second submission revises the first.
          id = mine.id;
          await critiqueRepo.updateCritique(db, id, fields);
        } else {
          if (await critiqueRepo.critique(db, id)) throw new CommunityError('conflict', 'That critique id is already used; make a new one.');
          await critiqueRepo.insertCritique(db, { id, share_id: op.shareId, version_id: op.versionId, author_id: userId, helpful: 0, helpful_hlc: null, created_at: at, ...fields });
        }
        const rules = await creditsRepo.rules(db, share.circle_id);
        const earned = critiqueEarns(words, rules);
        if (earned > 0) await award(share.circle_id, userId, earned, 'critique', op.versionId, at);
        notify(audience, 'critique', id);
        return;
      }
      case 'flag.set': {
        if (hlcTooFarAhead(op.hlc, nowMs)) {
          throw new CommunityError('clock_ahead', `This change is stamped more than ${HLC_MAX_AHEAD_MS / 1000} s ahead of the server's clock. Check this computer's date and time.`);
        }
        const target = op.target === 'comment' ? await commentById(op.id) : await critiqueRepo.critique(db, op.id);
        // Made up, or real but not shared with this writer: the same words either way.
        if (!target) check(unseen(op.target));
        const { share, audience } = await readable(target!.share_id, op.target);
        if (op.flag === 'resolved') {
          check(resolveRefusal({ target: op.target, isReply: !!(target as { parent_id?: string | null }).parent_id, shareAuthorId: share.author_id, targetAuthorId: target!.author_id, userId }));
        } else {
          check(helpfulRefusal({ shareAuthorId: share.author_id, targetAuthorId: target!.author_id, userId }));
        }
        const hlcColumn = op.flag === 'resolved' ? 'resolved_hlc' : 'helpful_hlc';
        const current = (target as Record<string, unknown>)[hlcColumn] as string | null;
        // Last writer wins on the hybrid logical clock: an older change arriving late is ignored.
        if (current && current >= op.hlc) return;
        const change = { [op.flag]: op.value ? 1 : 0, [hlcColumn]: op.hlc };
        await writing();
        const waiting = op.target === 'comment' ? pendingComments.get(op.id) : undefined;
        if (waiting) Object.assign(waiting.row, change);
        else {
          await critiqueRepo.setFlag(db, op.target, op.id, change);
          const cached = op.target === 'comment' ? known.get(op.id) : undefined;
          if (cached) Object.assign(cached, change); // later operations in this batch see it (after the write, so a failed one leaves it as stored)
        }
        if (op.flag === 'helpful' && op.value) {
          const rules = await creditsRepo.rules(db, share.circle_id);
          await award(share.circle_id, target!.author_id, rules.helpfulBonus, 'helpful', op.id, at);
        }
        notify(audience, op.target, op.id);
        return;
      }
    }
  };

  const remember = (opId: string, error: ApiError | null) => {
    results.push(error ? { opId, ok: false, error } : { opId, ok: true });
    if (error && TRANSIENT.has(error.code)) return;
    seen.set(opId, error ? JSON.stringify(error) : null);
    pendingApplied.push({ op_id: opId, user_id: userId, error: error ? JSON.stringify(error) : null, applied_at: at });
  };

  for (const [i, { opId }] of envelopes.entries()) {
    if (seen.has(opId)) {
      const error = seen.get(opId);
      results.push(error ? { opId, ok: false, error: JSON.parse(error) } : { opId, ok: true });
      continue;
    }
    const parsed = ops[i]!;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      remember(opId, { code: 'invalid_input', message: `op: ${issue?.path.join('.') || 'operation'}: ${issue?.message ?? 'invalid'}`.slice(0, 300) });
      continue;
    }
    const op = parsed.data;
    if (mayAward(op)) await flushWrites(); // so undoing this operation never undoes earlier ones' rows
    currentOp = opId;
    const feedMark = pendingFeed.length;
    const newComment = op.kind === 'comment.add' && !pendingComments.has(op.commentId);
    savepoint = null;
    try {
      await apply(op);
      await (savepoint as Awaited<ReturnType<typeof openSavepoint>> | null)?.releaseSavepoint('op').execute();
      remember(opId, null);
    } catch (caught) {
      const sp = savepoint as Awaited<ReturnType<typeof openSavepoint>> | null;
      if (sp) {
        await sp.rollbackToSavepoint('op').execute();
        await sp.releaseSavepoint('op').execute();
      } else if (!(caught instanceof CommunityError)) {
        // A statement failed before the operation wrote anything. On PostgreSQL that aborts
        // the whole transaction (committing it would quietly roll back what was answered ok):
        // then the batch fails as a whole, acknowledged nowhere, and is retried.
        await sql`select 1`.execute(trx).catch(() => {
          throw caught;
        });
      }
      // What this operation left waiting goes with it; caches are read again.
      pendingFeed.length = Math.min(feedMark, pendingFeed.length);
      if (newComment && op.kind === 'comment.add') pendingComments.delete(op.commentId);
      shareCache.clear();
      versions.clear();
      remember(
        opId,
        caught instanceof CommunityError ? { code: caught.code, message: caught.message, ...(caught.retryAfterMs !== undefined && { retryAfterMs: caught.retryAfterMs }) } : fault(opId, op.kind, caught),
      );
    }
  }
  await flushWrites();
  return { results, seqs };
}
