import type { ModerationAction, SanctionKind } from '../../../shared/rules/moderation';
import type { Sanction } from '../../../shared/protocol/moderation-events';
import { parseRoles } from '../../../shared/rules/moderation';
import type { SiteRoleName } from '../../../shared/protocol/community-events';
import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, userRoom, type Rooms } from '../../socket/rooms';
import type { UsersTable } from '../../store/schema';
import type { AccountsRepo } from '../accounts/accounts.repo';
import { circleAccess, staffOf } from '../circles/circle-access';
import type { CirclesRepo } from '../circles/circles.repo';
import type { ActivityRepo } from '../activity/activity.repo';
import type { ModerationRepo } from './moderation.repo';
import type { PostingGate } from './posting-gate';

export interface ModerationDeps {
  io: CommunityIo;
  moderation: ModerationRepo;
  circles: Pick<CirclesRepo, 'role' | 'members'>;
  accounts: Pick<AccountsRepo, 'byId' | 'setRoles'>;
  rooms: Pick<Rooms, 'leaveCircle'>;
  gate: PostingGate;
  /** Keeps notices for their studios to read after their cursor (activity's): a reporter offline at the decision still hears of it. */
  notice?: ActivityRepo['notice'];
}

const SANCTIONING = new Set<ModerationAction>(['warn', 'suspend', 'ban']);

/**
 * Reports of anything, the circle and site queues with their audit log, sanctions (warn,
 * suspend, ban: in a circle or on the site), site moderators named by an admin, blocks and
 * muted threads. Circle moderators work their circle; site moderators and admins, everything.
 */
export function moderationHandlers({ io, moderation, circles, accounts, rooms, gate, notice }: ModerationDeps): Pick<
  Handlers,
  | 'moderation:report'
  | 'moderation:queue'
  | 'moderation:decide'
  | 'moderation:log'
  | 'moderation:block'
  | 'moderation:blocks'
  | 'moderation:sanction'
  | 'moderation:sanctions'
  | 'moderation:setSiteModerator'
  | 'moderation:mute'
> {
  const authorize = circleAccess(circles);
  /** A circle's moderators (and site staff) for a circle; site staff alone for the site (no circle). */
  const moderates = async (user: UsersTable, circleId: string | null) => {
    if (circleId) return authorize(user, circleId, 'moderator');
    if (!staffOf(user)) throw forbidden();
  };
  /** The writer is told at once; a site ban also ends their connections on every node. */
  const notify = async (userId: string, sanction: Sanction) => {
    io.to(userRoom(userId)).emit('moderation:sanctioned', sanction);
    if (sanction.kind === 'ban' && sanction.circleId) {
      await rooms.leaveCircle(userId, sanction.circleId);
      io.to(circleRoom(sanction.circleId)).emit('circle:memberLeft', { circleId: sanction.circleId, userId });
    }
    if (sanction.kind === 'ban' && !sanction.circleId) {
      io.to(userRoom(userId)).emit('session:revoked', { reason: `This account was banned from this server: ${sanction.reason}` });
      io.in(userRoom(userId)).disconnectSockets(true);
    }
  };
  /** Nobody sanctions themselves, a circle's owner in their circle, or site staff site-wide (an admin takes the role first). */
  const mayFall = async (actor: UsersTable, userId: string, circleId: string | null, kind: SanctionKind) => {
    if (userId === actor.id) throw new CommunityError('conflict', 'You cannot do that to yourself.');
    if (kind === 'warn') return;
    if (circleId && (await circles.role(circleId, userId)) === 'owner') throw new CommunityError('conflict', 'The circle’s owner cannot be suspended or banned from it.');
    const subject = await accounts.byId(userId);
    if (!circleId && subject && staffOf(subject)) throw new CommunityError('conflict', 'Site staff cannot be suspended or banned; an admin must take the role first.');
  };

  return {
    'moderation:report': async ({ user }, { reportId, targetKind, targetId, reason, note }) => {
      const target = await moderation.target(targetKind, targetId);
      if (!target) throw forbidden();
      if (target.circleId) await authorize(user, target.circleId, 'member');
      const existing = await moderation.report(reportId);
      if (existing) {
        // Sent again by the reporter's studio: answered as before.
        const { reporterId, authorId: _author, ...again } = existing;
        if (reporterId === user.id && again.targetId === targetId) return again;
        throw new CommunityError('conflict', 'That id is already used; make a new one.');
      }
      if (target.authorId === user.id) throw new CommunityError('conflict', 'You cannot report your own writing; you can delete it instead.');
      await gate.check(user, null, 'report');
      await moderation.file({ id: reportId, circleId: target.circleId, targetKind, targetId, authorId: target.authorId, reporterId: user.id, reason, note });
      // The circle's moderators and the site's staff reload their queues.
      const told = [...(target.circleId ? [circleRoom(target.circleId)] : []), ...(await moderation.staffIds()).map(userRoom)];
      if (told.length) io.to(told).emit('moderation:reported', { circleId: target.circleId });
      const { reporterId: _, authorId: __, ...filed } = (await moderation.report(reportId))!;
      return filed;
    },

    'moderation:queue': async ({ user }, { circleId }) => {
      await moderates(user, circleId ?? null);
      return moderation.queue(circleId ?? null);
    },

    'moderation:decide': async ({ user }, { reportId, action, reason, days, site }) => {
      const report = await moderation.report(reportId);
      if (!report) throw forbidden();
      await moderates(user, report.circleId);
      if (site && !staffOf(user)) throw forbidden('Only site moderators act on the whole site.');
      if (report.status !== 'open') throw new CommunityError('conflict', 'That report was already decided.');
      if (action === 'hide' && report.targetKind === 'profile') throw new CommunityError('conflict', 'A profile cannot be hidden; warn, suspend or ban its writer.');
      const scope = site ? null : report.circleId;
      if (SANCTIONING.has(action)) {
        if (!report.authorId) throw new CommunityError('not_found', 'That writer is gone.');
        await mayFall(user, report.authorId, scope, action as SanctionKind);
      }
      const { entry, settled, sanction } = await moderation.decide(report, user.id, action, reason, scope, days);
      // Every reporter is told what became of their report, with the moderator's reason: as a notice kept for
      // their studio (its notification centre, now or after reconnecting; the moderator is not named, so the
      // reporter stands as its actor), and live to connected studios' moderation views.
      await notice?.(settled.map((s) => ({ user_id: s.reporterId, kind: 'report', actor_id: s.reporterId, target_kind: null, ref_id: s.id, title: action, circle_id: report.circleId, body: reason })));
      for (const s of settled) io.to(userRoom(s.reporterId)).emit('moderation:outcome', { reportId: s.id, circleId: report.circleId, action, reason });
      if (sanction && report.authorId) await notify(report.authorId, sanction);
      if (action === 'hide' && report.targetKind === 'post') {
        const post = await moderation.post(report.targetId);
        if (post) io.to(circleRoom(post.circle_id)).emit('discussion:changed', { circleId: post.circle_id, threadId: post.thread_id });
      }
      return entry;
    },

    'moderation:log': async ({ user }, { circleId }) => {
      await moderates(user, circleId ?? null);
      return moderation.log(circleId ?? null);
    },

    'moderation:sanction': async ({ user }, { userId, circleId, kind, reason, days }) => {
      await moderates(user, circleId ?? null);
      if (!(await moderation.userExists(userId))) throw new CommunityError('not_found', 'There is no such writer.');
      await mayFall(user, userId, circleId ?? null, kind);
      const { entry, sanction } = await moderation.sanction({ userId, circleId: circleId ?? null, kind, reason, days, actorId: user.id });
      await notify(userId, sanction);
      return entry;
    },

    'moderation:sanctions': async ({ user }) => moderation.sanctionsOf(user.id),

    'moderation:setSiteModerator': async ({ user }, { userId, moderator, reason }) => {
      if (staffOf(user) !== 'admin') throw forbidden();
      const subject = await accounts.byId(userId);
      if (!subject) throw new CommunityError('not_found', 'There is no such writer.');
      const roles = parseRoles(subject.roles).filter((r) => r !== 'moderator');
      await accounts.setRoles(userId, (moderator ? [...roles, 'moderator'] : roles) as SiteRoleName[]);
      return moderation.roleChanged(user.id, userId, moderator, reason);
    },

    'moderation:block': async ({ user }, { userId, blocked }) => {
      if (userId === user.id) throw new CommunityError('conflict', 'You cannot block yourself.');
      if (!(await moderation.userExists(userId))) throw new CommunityError('not_found', 'There is no such writer.');
      await moderation.setBlocked(user.id, userId, blocked);
      return moderation.blocks(user.id);
    },

    'moderation:blocks': async ({ user }) => moderation.blocks(user.id),

    'moderation:mute': async ({ user }, { threadId, muted }) => {
      const thread = await moderation.threadCircle(threadId);
      if (!thread) throw forbidden();
      await authorize(user, thread.circle_id, 'member');
      await moderation.setMuted(user.id, threadId, muted);
      return { threadId, muted };
    },
  };
}
