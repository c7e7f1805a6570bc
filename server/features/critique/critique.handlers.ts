import type { Logger } from 'pino';
import type { FeedItem, SharedDraft } from '../../../shared/protocol/community-events';
import { seeRulesRefusal, setRulesRefusal } from '../../../shared/rules/credits';
import { mayReadShare, type CircleStanding } from '../../../shared/rules/critique';
import { refuseIf as check } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { userRoom } from '../../socket/rooms';
import type { Store } from '../../store/open-store';
import type { SharesTable } from '../../store/schema';
import type { PostingGate } from '../moderation/posting-gate';
import { applyOps } from './apply-ops';
import { creditsRepo } from './credits.repo';
import { critiqueRepo, hiddenAmong, loadRecords, lockFeed, type FeedKind } from './critique.repo';
import { welcomeToCircle } from './welcome';

/** A pull page stops growing past this many bytes of drafts, so one answer stays one frame. */
const PAGE_BYTES = 1_200_000;

export interface CritiqueDeps {
  io: CommunityIo;
  /** Critique's work spans several tables in one transaction: it gets the store itself. */
  store: Pick<Store, 'db' | 'kind'>;
  clock: () => number;
  log: Logger;
  /** Moderation's posting gate: bans, suspensions, rate limits and blocks on shares, comments and critiques. */
  gate?: Pick<PostingGate, 'forBatch' | 'blockedBy'>;
}

/**
 * A share as a reader who lost access sees it: that it is gone, and nothing of what it became
 * (its new title, note, readers and versions stay with those who may read it).
 */
const gone = (draft: SharedDraft): SharedDraft => ({ ...draft, title: '', note: '', queue: false, readerIds: [], revoked: true, versions: [] });

/** Sharing drafts, comments and critiques through the outbox (`sync:push`) and the change feed (`sync:pull`); credits. */
export function critiqueHandlers({ io, store, clock, log, gate }: CritiqueDeps) {
  const { db } = store;
  const tellFeeds = (seqs: Map<string, number>) => {
    for (const [userId, seq] of seqs) io.to(userRoom(userId)).emit('feed:changed', { seq });
  };
  const standing = (circleId: string, userId: string) => critiqueRepo.standing(db, circleId, userId);

  const handlers: Pick<Handlers, 'sync:push' | 'sync:pull' | 'credits:rules' | 'credits:setRules'> = {
    async 'sync:push'({ user }, { ops }) {
      const at = new Date(clock()).toISOString();
      // Moderation's checks are read before the transaction: on SQLite it holds the one connection.
      const kindOf = (e: { op: unknown }) => (e.op as { kind?: unknown } | null)?.kind;
      const checks = await gate?.forBatch(user, {
        share: ops.filter((e) => kindOf(e) === 'share.publish').length,
        comment: ops.filter((e) => kindOf(e) === 'comment.add' || kindOf(e) === 'critique.submit').length,
      });
      const trx = await db.startTransaction().execute();
      let outcome;
      try {
        await lockFeed(trx, store.kind);
        outcome = await applyOps(trx, ops, {
          userId: user.id,
          at,
          nowMs: clock(),
          log,
          gate: checks,
        });
        await trx.commit().execute();
      } catch (error) {
        await trx.rollback().execute();
        throw error;
      }
      tellFeeds(outcome.seqs);
      return { results: outcome.results };
    },

    async 'sync:pull'({ user }, { after, limit }) {
      const me = user.id;
      const rows = await critiqueRepo.feedPage(db, me, after, limit);
      const refs = (['share', 'version', 'comment', 'critique', 'credit'] as FeedKind[]).map((kind) => ({ kind, ids: rows.filter((r) => r.kind === kind).map((r) => r.ref_id) }));
      const records = await loadRecords(db, refs);
      // Writers this reader blocked disappear from their shares; what a moderator hid, from everyone but its writer.
      const blocked = (await gate?.blockedBy(me)) ?? new Set<string>();
      const hidden = await hiddenAmong(db, refs);
      const shown = (r: { id: string; authorId: string }) => r.authorId === me || (!blocked.has(r.authorId) && !hidden.has(r.id));
      // Access is decided now, not when the row was written: a revoked share, a reader left
      // out of a later version, a member who left or was banned, all stop at once.
      const access = new Map<string, boolean>();
      const standings = new Map<string, CircleStanding>();
      const readable = async (shareId: string) => {
        let hit = access.get(shareId);
        if (hit === undefined) {
          const share: SharesTable | undefined = records.shares.get(shareId)?.row ?? (await critiqueRepo.share(db, shareId));
          if (share && !standings.has(share.circle_id)) standings.set(share.circle_id, await standing(share.circle_id, me));
          // A share a moderator hid is gone for everyone but its writer.
          hit = share !== undefined && (!share.hidden_at || share.author_id === me) && mayReadShare({ authorId: share.author_id, readerIds: JSON.parse(share.reader_ids) as string[], revoked: share.revoked_at !== null }, me, standings.get(share.circle_id));
          access.set(shareId, hit);
        }
        return hit;
      };

      const items: FeedItem[] = [];
      const sent = new Set<string>();
      let cursor = after;
      let bytes = 0;
      let cut = false;
      for (const row of rows) {
        if (bytes > PAGE_BYTES) {
          cut = true;
          break;
        }
        cursor = Number(row.seq);
        const key = `${row.kind}:${row.ref_id}`;
        if (sent.has(key)) continue; // records are loaded as they are now: once per page is enough
        sent.add(key);
        const seq = Number(row.seq);
        if (row.kind === 'credit') {
          const entry = records.credits.get(row.ref_id);
          if (entry) items.push({ seq, kind: 'credit', entry });
        } else if (row.kind === 'share') {
          const share = records.shares.get(row.ref_id);
          if (!share) continue;
          const { row: _row, ...draft } = share;
          // A reader who lost access is told so (their copy is dropped), and learns nothing more.
          items.push({ seq, kind: 'share', share: (await readable(share.id)) ? draft : gone(draft) });
        } else if (row.kind === 'version') {
          const version = records.versions.get(row.ref_id);
          if (version && (await readable(version.shareId))) {
            items.push({ seq, kind: 'version', version });
            bytes += version.content.length;
          }
        } else if (row.kind === 'comment') {
          const comment = records.comments.get(row.ref_id);
          if (comment && shown(comment) && (await readable(comment.shareId))) items.push({ seq, kind: 'comment', comment });
        } else {
          const critique = records.critiques.get(row.ref_id);
          if (critique && shown(critique) && (await readable(critique.shareId))) items.push({ seq, kind: 'critique', critique });
        }
      }
      return { items, cursor, more: cut || rows.length === limit };
    },

    async 'credits:rules'({ user }, { circleId }) {
      check(seeRulesRefusal(await standing(circleId, user.id)));
      return creditsRepo.rules(db, circleId);
    },

    async 'credits:setRules'({ user }, { circleId, rules }) {
      check(setRulesRefusal(await standing(circleId, user.id)));
      return creditsRepo.setRules(db, circleId, rules);
    },
  };

  return {
    handlers,
    /** A writer new to a circle: starting credits and what the circle shared before, then told. */
    async welcome(circleId: string, userId: string): Promise<void> {
      const seq = await welcomeToCircle(db, store.kind, circleId, userId, new Date(clock()).toISOString());
      if (seq !== null) io.to(userRoom(userId)).emit('feed:changed', { seq });
    },
  };
}
