import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol/community-events';
import type { CommunityEvent, PublicEvent } from '../../shared/protocol/community-schemas';
import type { UsersTable } from '../store/schema';

export type CommunityIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type CommunitySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * What a handler gets per event: the socket and who sent it. Everything else a feature uses
 * (repositories, io, limits) it received once, in its handler factory's dependencies.
 */
export interface PublicContext {
  socket: CommunitySocket;
  /** Register, sign in and time sync may come from a socket that is not signed in. */
  user: UsersTable | null;
}
export interface SignedInContext {
  socket: CommunitySocket;
  /** The gate answers `forbidden` before the handler runs when nobody is signed in. */
  user: UsersTable;
}
export type EventContext<E extends CommunityEvent> = E extends PublicEvent ? PublicContext : SignedInContext;
