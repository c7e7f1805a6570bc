import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, userRoom } from '../../socket/rooms';
import type { UsersTable } from '../../store/schema';
import type { CirclesRepo } from '../circles/circles.repo';
import type { ModerationRepo } from './moderation.repo';

export interface ModerationDeps {
  io: CommunityIo;
  moderation: ModerationRepo;
  circles: Pick<CirclesRepo, 'role' | 'members'>;
}

const isAdmin = (user: UsersTable) => (JSON.parse(user.roles) as string[]).includes('admin');

/** Reports, the circle moderators' queue with its audit log, and blocks. */
export function moderationHandlers({ io, moderation, circles }: ModerationDeps): Pick<
  Handlers,
  'moderation:report' | 'moderation:queue' | 'moderation:decide' | 'moderation:log' | 'moderation:block' | 'moderation:blocks'
> {
  /** Members may report; the circle's moderators and owner (and a site admin) moderate; everyone else: forbidden, whether or not it exists. */
  const authorize = async (user: UsersTable, circleId: string, need: 'member' | 'moderator') => {
    const role = await circles.role(circleId, user.id);
    if (role === 'owner' || role === 'moderator' || (need === 'member' && role === 'member')) return;
    if (need === 'moderator' && role !== 'banned' && isAdmin(user) && (await circles.members(circleId)).length > 0) return;
    throw forbidden();
  };

  return {
    'moderation:report': async ({ user }, { reportId, targetId, reason, note }) => {
      const post = await moderation.post(targetId);
      if (!post) throw forbidden();
      await authorize(user, post.circle_id, 'member');
      const existing = await moderation.report(reportId);
      if (existing) {
        // Sent again by the reporter's studio: answered as before.
        const { reporterId, ...again } = existing;
        if (reporterId === user.id && again.targetId === targetId) return again;
        throw new CommunityError('conflict', 'That id is already used; make a new one.');
      }
      if (post.author_id === user.id) throw new CommunityError('conflict', 'You cannot report your own post; you can delete it instead.');
      await moderation.file({ id: reportId, circleId: post.circle_id, targetId, reporterId: user.id, reason, note });
      io.to(circleRoom(post.circle_id)).emit('moderation:reported', { circleId: post.circle_id });
      const { reporterId: _, ...filed } = (await moderation.report(reportId))!;
      return filed;
    },

    'moderation:queue': async ({ user }, { circleId }) => {
      await authorize(user, circleId, 'moderator');
      return moderation.queue(circleId);
    },

    'moderation:decide': async ({ user }, { reportId, action, reason }) => {
      const report = await moderation.report(reportId);
      if (!report) throw forbidden();
      await authorize(user, report.circleId, 'moderator');
      if (report.status !== 'open') throw new CommunityError('conflict', 'That report was already decided.');
      const { entry, settled } = await moderation.decide(report, user.id, action, reason);
      // Every reporter is told what became of their report, with the moderator's reason.
      for (const s of settled) io.to(userRoom(s.reporterId)).emit('moderation:outcome', { reportId: s.id, circleId: report.circleId, action, reason });
      const post = await moderation.post(report.targetId);
      if (action === 'hide' && post) io.to(circleRoom(report.circleId)).emit('discussion:changed', { circleId: report.circleId, threadId: post.thread_id });
      return entry;
    },

    'moderation:log': async ({ user }, { circleId }) => {
      await authorize(user, circleId, 'moderator');
      return moderation.log(circleId);
    },

    'moderation:block': async ({ user }, { userId, blocked }) => {
      if (userId === user.id) throw new CommunityError('conflict', 'You cannot block yourself.');
      if (!(await moderation.userExists(userId))) throw new CommunityError('not_found', 'There is no such writer.');
      await moderation.setBlocked(user.id, userId, blocked);
      return moderation.blocks(user.id);
    },

    'moderation:blocks': async ({ user }) => moderation.blocks(user.id),
  };
}
