import { joinRefusal, progressRefusal, sprintStatus, sprintVisibilityRefusal } from '../../../shared/rules/sprints';
import { CommunityError, forbidden, refuseIf as check } from '../../socket/community-error';
import type { CommunityIo, CommunitySocket } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, sprintRoom, type Rooms } from '../../socket/rooms';
import type { SprintsTable, UsersTable } from '../../store/schema';
import type { CirclesRepo } from '../circles/circles.repo';
import type { PostingGate } from '../moderation/posting-gate';
import type { SprintTicker } from './sprint-ticker';
import type { SprintsRepo } from './sprints.repo';

export interface SprintsDeps {
  io: CommunityIo;
  sprints: SprintsRepo;
  circles: Pick<CirclesRepo, 'role' | 'listFor'>;
  ticker: Pick<SprintTicker, 'placeAfterProgress' | 'unwatch'>;
  rooms: Pick<Rooms, 'watchSprint'>;
  /** The server's clock (ms since epoch): sprints run on it, clients estimate their offset from it. */
  clock: () => number;
  /** Blocks (moderation's): a writer who blocked someone neither has them join their sprints nor sees theirs. */
  blocks?: { notBlockedBy(ownerId: string, user: UsersTable): Promise<void>; blockedBy(userId: string): Promise<Set<string>> };
  /** Bans, suspensions and rate limits (moderation's posting gate): a new sprint is announced to its circle's notification centres. */
  gate?: Pick<PostingGate, 'check'>;
}

/** Live writing sprints: the clock, creating, joining, progress, cheers and results. */
export function sprintsHandlers({ io, sprints, circles, ticker, rooms, clock, blocks, gate }: SprintsDeps): Pick<
  Handlers,
  'time:sync' | 'sprint:create' | 'sprint:list' | 'sprint:join' | 'sprint:leave' | 'sprint:progress' | 'sprint:cheer' | 'sprint:results' | 'sprint:history'
> {
  /** A sprint is visible to everyone when open, and to the circle's members otherwise. Anyone else: forbidden, whether or not it exists. */
  const visibleSprint = async (user: UsersTable, sprintId: string): Promise<SprintsTable> => {
    const sprint = await sprints.get(sprintId);
    if (!sprint) throw forbidden();
    check(sprintVisibilityRefusal(sprint.circle_id, sprint.circle_id ? await circles.role(sprint.circle_id, user.id) : undefined));
    return sprint;
  };
  const joinedWriter = async (user: UsersTable, sprintId: string) => {
    const sprint = await visibleSprint(user, sprintId);
    const writer = await sprints.writer(sprintId, user.id);
    if (!writer || writer.left_at) throw forbidden('Join the sprint first.');
    return { sprint, writer };
  };
  const watch = (socket: CommunitySocket, sprintId: string) => rooms.watchSprint(socket, sprintId);

  return {
    // NTP-style: t1 when the request arrived, t2 when the answer leaves.
    'time:sync': async (_ctx, { t0 }) => {
      const t1 = clock();
      return { t0, t1, t2: clock() };
    },

    'sprint:create': async ({ socket, user }, input) => {
      check(sprintVisibilityRefusal(input.circleId, input.circleId ? await circles.role(input.circleId, user.id) : undefined));
      await gate?.check(user, input.circleId, 'sprint');
      const row = await sprints.create(input, user.id);
      await sprints.join(row.id, user.id);
      await watch(socket, row.id);
      // The circle hears of it at once (its members' notification centres), the writer's own sockets too.
      if (row.circle_id) io.to(circleRoom(row.circle_id)).emit('circle:sprintCreated', { circleId: row.circle_id, sprintId: row.id, title: row.title, startsAt: row.starts_at, createdBy: user.id, by: user.display_name });
      return sprints.toSprint(row, user.id);
    },

    'sprint:list': async ({ user }) => {
      const memberOf = await circles.listFor(user.id);
      const hidden = (await blocks?.blockedBy(user.id)) ?? new Set<string>();
      const rows = (await sprints.visible(memberOf.map((c) => c.id))).filter((row) => !hidden.has(row.created_by));
      return Promise.all(rows.map((row) => sprints.toSprint(row, user.id)));
    },

    'sprint:join': async ({ socket, user }, { sprintId }) => {
      const sprint = await visibleSprint(user, sprintId);
      check(joinRefusal(sprintStatus(sprint.starts_at, sprint.ends_at, clock())));
      await blocks?.notBlockedBy(sprint.created_by, user);
      await sprints.join(sprintId, user.id);
      await watch(socket, sprintId);
      return sprints.toSprint(sprint, user.id);
    },

    'sprint:leave': async ({ socket, user }, { sprintId }) => {
      await joinedWriter(user, sprintId);
      await sprints.leave(sprintId, user.id);
      ticker.unwatch(sprintId, socket);
      await socket.leave(sprintRoom(sprintId));
      return null;
    },

    'sprint:progress': async ({ socket, user }, { sprintId, words }) => {
      const { sprint, writer } = await joinedWriter(user, sprintId);
      check(progressRefusal(sprintStatus(sprint.starts_at, sprint.ends_at, clock())));
      const saved = await sprints.progress(sprint, user.id, words, writer.joined_at);
      const place = ticker.placeAfterProgress(sprintId, socket, { userId: user.id, displayName: user.display_name, words, flagged: saved.flagged });
      return { ...saved, place };
    },

    'sprint:cheer': async ({ user }, { sprintId, toUserId, reaction }) => {
      await joinedWriter(user, sprintId);
      const target = await sprints.writer(sprintId, toUserId);
      if (!target || target.left_at) throw new CommunityError('not_found', 'That writer is not in this sprint.');
      // A writer who blocked this one gets no cheers from them, in anyone's sprint.
      await blocks?.notBlockedBy(toUserId, user);
      io.to(sprintRoom(sprintId)).emit('sprint:cheer', { sprintId, fromUserId: user.id, from: user.display_name, toUserId, reaction });
      return null;
    },

    'sprint:results': async ({ user }, { sprintId }) => {
      const sprint = await visibleSprint(user, sprintId);
      const result = await sprints.result(sprint, user.id);
      if (!result) throw forbidden('You did not write in that sprint.');
      return result;
    },

    'sprint:history': async ({ user }) => sprints.history(user.id),
  };
}
