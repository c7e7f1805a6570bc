import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol/community-events';
import type { AccountsRepo } from '../features/accounts/accounts.repo';
import type { CirclesRepo } from '../features/circles/circles.repo';
import type { SprintTicker } from '../features/sprints/sprint-ticker';
import type { SprintsRepo } from '../features/sprints/sprints.repo';
import type { Kysely } from 'kysely';
import type { CommunityDatabase, UsersTable } from '../store/schema';
import type { StoreKind } from '../store/open-store';
import type { FailureWindow } from './rate-limit';

export type CommunityIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type CommunitySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What every handler gets: the socket, the signed-in user (if any) and the repositories. */
export interface HandlerContext {
  io: CommunityIo;
  socket: CommunitySocket;
  user: UsersTable | null;
  accounts: AccountsRepo;
  circles: CirclesRepo;
  sprints: SprintsRepo;
  /** The store itself, for features whose work spans several tables in one transaction. */
  db: Kysely<CommunityDatabase>;
  storeKind: StoreKind;
  ticker: SprintTicker;
  /** The server's clock (ms since epoch): sprints run on it, clients estimate their offset from it. */
  clock: () => number;
  signInFailures: FailureWindow;
  log: Logger;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const circleRoom = (circleId: string) => `circle:${circleId}`;
