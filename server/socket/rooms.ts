import type { CirclesRepo } from '../features/circles/circles.repo';
import type { SprintTicker } from '../features/sprints/sprint-ticker';
import type { SprintsRepo } from '../features/sprints/sprints.repo';
import type { CommunityIo, CommunitySocket } from './context';

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const circleRoom = (circleId: string) => `circle:${circleId}`;
export const sprintRoom = (sprintId: string) => `sprint:${sprintId}`;

export interface RoomsDeps {
  io: CommunityIo;
  circles: Pick<CirclesRepo, 'listFor'>;
  sprints: Pick<SprintsRepo, 'activeFor' | 'activeInCircle'>;
  ticker: Pick<SprintTicker, 'watch'>;
}

/**
 * The one place that decides which rooms a socket is in. Rooms follow the store: a socket is
 * in its user's and session's rooms, its circles' rooms and its running sprints' rooms, and
 * nothing else; membership changes reach every node through the adapter (`io.in(...)`).
 */
export function createRooms({ io, circles, sprints, ticker }: RoomsDeps) {
  const watchSprint = async (socket: CommunitySocket, sprintId: string) => {
    await socket.join(sprintRoom(sprintId));
    await ticker.watch(sprintId, socket);
  };
  /**
   * Puts the socket in exactly the rooms its user belongs in now, leaving any others, and
   * watches its running sprints. `watch: false` for a socket still in the connection
   * middleware (not connected yet): `watchJoinedSprints` once it is.
   */
  const attach = async (socket: CommunitySocket, userId: string, sessionId: string, { watch = true } = {}) => {
    socket.data.userId = userId;
    socket.data.sessionId = sessionId;
    const [memberOf, running] = await Promise.all([circles.listFor(userId), sprints.activeFor(userId)]);
    const wanted = new Set([userRoom(userId), sessionRoom(sessionId), ...memberOf.map((c) => circleRoom(c.id))]);
    // A recovered socket comes back with the rooms it had; membership may have changed since.
    for (const room of socket.rooms) if (room !== socket.id && !wanted.has(room) && !running.some((id) => sprintRoom(id) === room)) socket.leave(room);
    await socket.join([...wanted, ...running.map(sprintRoom)]);
    if (watch) for (const sprintId of running) await ticker.watch(sprintId, socket);
  };
  return {
    attach,
    watchSprint,
    /** Starts the sprint ticks of the sprint rooms the socket is in (after `attach(…, { watch: false })`). */
    async watchJoinedSprints(socket: CommunitySocket) {
      for (const room of socket.rooms) if (room.startsWith('sprint:')) await ticker.watch(room.slice('sprint:'.length), socket);
    },
    /** Signs the socket out: it keeps only its own room. */
    detach(socket: CommunitySocket) {
      socket.data.userId = null;
      socket.data.sessionId = null;
      for (const room of [...socket.rooms]) if (room !== socket.id) socket.leave(room);
    },
    joinCircle(userId: string, circleId: string) {
      io.in(userRoom(userId)).socketsJoin(circleRoom(circleId));
    },
    /** After a leave, kick or ban: off the circle's room and its sprints' rooms, on every node. */
    async leaveCircle(userId: string, circleId: string) {
      const sprintIds = await sprints.activeInCircle(circleId);
      io.in(userRoom(userId)).socketsLeave([circleRoom(circleId), ...sprintIds.map(sprintRoom)]);
    },
  };
}
export type Rooms = ReturnType<typeof createRooms>;
