import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, userRoom, type Rooms } from '../../socket/rooms';
import { circleAccess } from '../circles/circle-access';
import type { CirclesRepo } from '../circles/circles.repo';
import type { DirectoryRepo } from './directory.repo';

export interface DirectoryDeps {
  io: CommunityIo;
  directory: DirectoryRepo;
  circles: Pick<CirclesRepo, 'role' | 'members' | 'addMember' | 'member' | 'circleFor'>;
  rooms: Pick<Rooms, 'joinCircle'>;
  /** A writer new to a circle: starting credits and what the circle shared before (critique's). */
  welcome(circleId: string, userId: string): Promise<void>;
}

/** What a circle that is not listed answers an outsider: the same as one that does not exist. */
const unlisted = () => new CommunityError('not_found', 'That circle is not in the directory.');

/** The directory: finding listed circles, joining public ones, asking to join closed ones, and deciding. */
export function directoryHandlers({ io, directory, circles, rooms, welcome }: DirectoryDeps): Pick<
  Handlers,
  'directory:search' | 'directory:join' | 'directory:requests' | 'directory:decide' | 'directory:setListing'
> {
  /** Owner (or moderator, for `moderator`) of an existing circle, or a site admin; anyone else: forbidden, whether or not it exists. */
  const authorize = circleAccess(circles);
  /** Into the circle: its room on every node, everyone told, and the newcomer welcomed. */
  const admit = async (circleId: string, userId: string) => {
    await circles.addMember(circleId, userId);
    rooms.joinCircle(userId, circleId);
    io.to(circleRoom(circleId)).emit('circle:memberJoined', { circleId, member: (await circles.member(circleId, userId))! });
    await welcome(circleId, userId);
  };

  return {
    'directory:search': async ({ user }, query) => directory.search(user.id, query),

    'directory:join': async ({ user }, { circleId, note }) => {
      const circle = await directory.circle(circleId);
      const role = await circles.role(circleId, user.id);
      if (role === 'banned') throw forbidden('You cannot join this circle.');
      if (!circle || (circle.visibility === 'private' && !role)) throw unlisted();
      if (!role && circle.visibility === 'closed') {
        await directory.request(circleId, user.id, note);
        const [request] = await directory.requests(circleId, user.id);
        io.to(circleRoom(circleId)).emit('directory:requested', { circleId, userId: user.id, displayName: user.display_name });
        return { joined: false, request: request! };
      }
      if (!role) await admit(circleId, user.id);
      return { joined: true, circle: (await circles.circleFor(circleId, user.id))! };
    },

    'directory:requests': async ({ user }, { circleId }) => {
      await authorize(user, circleId, 'moderator');
      return directory.requests(circleId);
    },

    'directory:decide': async ({ user }, { circleId, userId, accept }) => {
      await authorize(user, circleId, 'moderator');
      // Settled once: a second moderator deciding the same request finds it gone.
      if (!(await directory.settle(circleId, userId))) throw new CommunityError('not_found', 'That request was already decided or withdrawn.');
      // A writer banned since they asked is not let in by an old request.
      const accepted = accept && (await circles.role(circleId, userId)) !== 'banned';
      if (accepted) await admit(circleId, userId);
      const circle = (await directory.circle(circleId))!;
      io.to(userRoom(userId)).emit('directory:decided', { circleId, name: circle.name, accepted });
      return null;
    },

    'directory:setListing': async ({ user }, listing) => {
      await authorize(user, listing.circleId, 'owner');
      await directory.setListing(listing);
      return (await directory.listing(listing.circleId))!;
    },
  };
}
