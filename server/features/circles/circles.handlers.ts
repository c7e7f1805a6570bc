import type { CircleMember } from '../../../shared/protocol/community-events';
import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo, CommunitySocket } from '../../socket/context';
import { inviteLinks } from '../../../shared/protocol/invite-link';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, type Rooms } from '../../socket/rooms';
import { circleAccess } from './circle-access';
import type { CirclesRepo } from './circles.repo';


export interface CirclesDeps {
  io: CommunityIo;
  circles: CirclesRepo;
  rooms: Pick<Rooms, 'joinCircle' | 'leaveCircle'>;
  /** A writer new to a circle: starting credits and what the circle shared before (critique's). */
  welcome(circleId: string, userId: string): Promise<void>;
  /** Where writers reach this server, as seen by this socket: invites carry it. */
  originOf(socket: CommunitySocket): string;
}

/** Circles: making them, invites, joining and leaving, roles and bans. */
export function circlesHandlers({ io, circles, rooms, welcome, originOf }: CirclesDeps): Pick<
  Handlers,
  'circle:create' | 'circle:list' | 'circle:invite' | 'circle:join' | 'circle:leave' | 'circle:members' | 'circle:setRole' | 'circle:ban'
> {
  /** The one authorization check for circles (circle-access.ts): nothing leaks to outsiders. */
  const authorize = circleAccess(circles);
  /** Out of the circle: off its rooms and its sprints' rooms on every node, and everyone told. */
  const removed = async (circleId: string, userId: string) => {
    await rooms.leaveCircle(userId, circleId);
    io.to(circleRoom(circleId)).emit('circle:memberLeft', { circleId, userId });
  };

  return {
    'circle:create': async ({ user }, { name, description }) => {
      const circle = await circles.create(user.id, name, description);
      rooms.joinCircle(user.id, circle.id);
      await welcome(circle.id, user.id);
      return circle;
    },

    'circle:list': async ({ user }) => circles.listFor(user.id),

    // The invite names this server, so a friend's studio anywhere knows where to join.
    'circle:invite': async ({ user, socket }, { circleId }) => {
      await authorize(user, circleId, 'moderator');
      const invite = await circles.createInvite(circleId, user.id);
      const server = originOf(socket);
      return { ...invite, ...inviteLinks(server, invite.code), server };
    },

    'circle:join': async ({ user }, { code }) => {
      const invite = await circles.invite(code);
      if (!invite) throw new CommunityError('not_found', 'That invite is unknown or has expired.');
      const role = await circles.role(invite.circle_id, user.id);
      if (role === 'banned') throw forbidden('You cannot join this circle.');
      if (!role) {
        await circles.addMember(invite.circle_id, user.id);
        rooms.joinCircle(user.id, invite.circle_id);
        const member = (await circles.member(invite.circle_id, user.id))!;
        io.to(circleRoom(invite.circle_id)).emit('circle:memberJoined', { circleId: invite.circle_id, member });
        // Starting credits, and what the circle shared before they came, to read and critique.
        await welcome(invite.circle_id, user.id);
      }
      return (await circles.circleFor(invite.circle_id, user.id))!;
    },

    'circle:leave': async ({ user }, { circleId }) => {
      const role = await authorize(user, circleId, 'member');
      if (role === 'owner') throw new CommunityError('conflict', 'The owner cannot leave; make someone else owner first.');
      await circles.removeMember(circleId, user.id);
      await removed(circleId, user.id);
      return null;
    },

    'circle:members': async ({ user }, { circleId }) => {
      await authorize(user, circleId, 'member', { staffReads: true });
      return circles.members(circleId);
    },

    'circle:setRole': async ({ user }, { circleId, userId, role }): Promise<CircleMember> => {
      await authorize(user, circleId, 'owner');
      const current = await circles.role(circleId, userId);
      if (!current || current === 'banned') throw new CommunityError('not_found', 'That person is not a member of this circle.');
      if (current === 'owner') throw new CommunityError('conflict', 'The owner’s role cannot be changed.');
      await circles.setRole(circleId, userId, role);
      return (await circles.member(circleId, userId))!;
    },

    'circle:ban': async ({ user }, { circleId, userId }) => {
      const actor = await authorize(user, circleId, 'moderator');
      const target = await circles.role(circleId, userId);
      if (userId === user.id) throw new CommunityError('conflict', 'You cannot ban yourself.');
      // Moderators may ban members; only the owner (or an admin) may ban a moderator; nobody bans the owner.
      if (target === 'owner' || (target === 'moderator' && actor === 'moderator')) throw forbidden();
      await circles.setRole(circleId, userId, 'banned');
      await removed(circleId, userId);
      return null;
    },
  };
}
