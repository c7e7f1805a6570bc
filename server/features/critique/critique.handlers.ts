import type { FeedItem } from '../../../shared/protocol/community-events';
import { forbidden } from '../../socket/community-error';
import { userRoom, type HandlerContext } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { applyOps } from './apply-ops';
import { creditsRepo } from './credits.repo';
import { critiqueRepo, loadRecords, lockFeed, type FeedKind } from './critique.repo';

/** A pull page stops growing past this many bytes of drafts, so one answer stays one frame. */
const PAGE_BYTES = 1_200_000;

async function member(ctx: HandlerContext, circleId: string) {
  const role = await ctx.circles.role(circleId, ctx.user!.id);
  if (!role || role === 'banned') throw forbidden();
  return role;
}

export const critiqueHandlers: Pick<Handlers, 'sync:push' | 'sync:pull' | 'credits:rules' | 'credits:setRules'> = {
  async 'sync:push'(ctx, { ops }) {
    const at = new Date(ctx.clock()).toISOString();
    const { results, seqs } = await ctx.db.transaction().execute(async (trx) => {
      await lockFeed(trx, ctx.storeKind);
      return applyOps(trx, ctx.user!.id, ops, at);
    });
    for (const [userId, seq] of seqs) ctx.io.to(userRoom(userId)).emit('feed:changed', { seq });
    return { results };
  },

  async 'sync:pull'(ctx, { after, limit }) {
    const me = ctx.user!.id;
    const rows = await ctx.db.selectFrom('feed').select(['seq', 'kind', 'ref_id']).where('user_id', '=', me).where('seq', '>', after).orderBy('seq').limit(limit).execute();
    const refs = (['share', 'version', 'comment', 'critique', 'credit'] as FeedKind[]).map((kind) => ({ kind, ids: rows.filter((r) => r.kind === kind).map((r) => r.ref_id) }));
    const records = await loadRecords(ctx.db, refs);
    // Access is decided now, not when the row was written: a revoked share stops at once.
    const access = new Map<string, boolean>();
    const readable = async (shareId: string) => {
      let hit = access.get(shareId);
      if (hit === undefined) {
        const share = records.shares.get(shareId)?.row ?? (await critiqueRepo.share(ctx.db, shareId));
        hit = share !== undefined && (await critiqueRepo.mayRead(ctx.db, share, me));
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
        const canRead = await readable(share.id);
        // A reader who lost access is told so (their copy is dropped), and learns nothing more.
        items.push({ seq, kind: 'share', share: canRead ? draft : { ...draft, revoked: true, note: '', versions: [] } });
      } else if (row.kind === 'version') {
        const version = records.versions.get(row.ref_id);
        if (version && (await readable(version.shareId))) {
          items.push({ seq, kind: 'version', version });
          bytes += version.content.length;
        }
      } else if (row.kind === 'comment') {
        const comment = records.comments.get(row.ref_id);
        if (comment && (await readable(comment.shareId))) items.push({ seq, kind: 'comment', comment });
      } else {
        const critique = records.critiques.get(row.ref_id);
        if (critique && (await readable(critique.shareId))) items.push({ seq, kind: 'critique', critique });
      }
    }
    return { items, cursor, more: cut || rows.length === limit };
  },

  async 'credits:rules'(ctx, { circleId }) {
    await member(ctx, circleId);
    return creditsRepo.rules(ctx.db, circleId);
  },

  async 'credits:setRules'(ctx, { circleId, rules }) {
    const role = await member(ctx, circleId);
    if (role !== 'owner' && role !== 'moderator') throw forbidden('Only the circle\u2019s owner or a moderator sets its credits.');
    return creditsRepo.setRules(ctx.db, circleId, rules);
  },
};
