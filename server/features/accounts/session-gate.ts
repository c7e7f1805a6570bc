import type { Logger } from 'pino';
import type { CommunitySocket } from '../../socket/context';
import type { Rooms } from '../../socket/rooms';
import type { AccountsRepo } from './accounts.repo';

export interface SessionGateDeps {
  accounts: Pick<AccountsRepo, 'sessionForToken'>;
  rooms: Pick<Rooms, 'attach' | 'detach'>;
  log: Logger;
}

/**
 * The connection middleware: a token, when given, must be a live session; without one a
 * socket may only register, sign in and sync its clock. A signed-in socket is put in its
 * rooms here, before the client hears it is connected, so an event sent to its session or
 * circle right after never misses it; a recovered socket comes back with its old rooms, and
 * they are checked against the store again (a ban or leave while it was away takes it out).
 */
export function sessionGate({ accounts, rooms, log }: SessionGateDeps) {
  return async (socket: CommunitySocket, next: (err?: Error) => void) => {
    socket.data.userId = null;
    socket.data.sessionId = null;
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (token === undefined || token === null) {
      rooms.detach(socket); // a recovered socket without a token gets no rooms back
      return next();
    }
    const refuse = (message: string) => next(Object.assign(new Error(message), { data: { code: 'unauthorized' } }));
    if (typeof token !== 'string' || token.length > 200) return refuse('Malformed session token.');
    try {
      const session = await accounts.sessionForToken(token);
      if (!session) return refuse('Your session has expired or was signed out. Sign in again.');
      await rooms.attach(socket, session.user_id, session.id, { watch: false });
      next();
    } catch (error) {
      log.error({ err: error }, 'session check failed');
      next(Object.assign(new Error('The server could not check your session.'), { data: { code: 'unavailable' } }));
    }
  };
}
