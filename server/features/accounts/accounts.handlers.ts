import type { Logger } from 'pino';
import type { SessionInfo } from '../../../shared/protocol/community-events';
import type { Refusal } from '../../../shared/rules/rule-error';
import { CommunityError, forbidden, refuseIf } from '../../socket/community-error';
import type { CommunityIo, CommunitySocket } from '../../socket/context';
import type { AttemptCounter } from '../../socket/rate-limit';
import type { Handlers } from '../../socket/register-handlers';
import { sessionRoom, type Rooms } from '../../socket/rooms';
import type { UsersTable } from '../../store/schema';
import { toAccount, type AccountsRepo } from './accounts.repo';
import { DUMMY_HASH, type PasswordHasher } from './password';

export interface AccountsDeps {
  io: CommunityIo;
  accounts: AccountsRepo;
  rooms: Pick<Rooms, 'attach' | 'detach'>;
  /** Failed sign-ins per username and per address, shared by every node. */
  signInFailures: AttemptCounter;
  /** Registrations per address and in all, shared by every node. */
  registrations: { perAddress: AttemptCounter; global: AttemptCounter };
  passwords: PasswordHasher;
  log: Logger;
  /** A site ban refuses sign-in with its reason (moderation's posting gate answers it). */
  signInRefusal?(userId: string): Promise<Refusal>;
  /** The writer's address for the per-address limits (behind a trusted proxy, from X-Forwarded-For). */
  addressOf?(socket: CommunitySocket): string;
}

const peerAddress = (socket: CommunitySocket) => socket.handshake.address || 'unknown';
const GLOBAL = 'all';

/** Registering, signing in and out, the profile and the devices (sessions) of an account. */
export function accountsHandlers({ io, accounts, rooms, signInFailures, registrations, passwords, log, signInRefusal, addressOf: address = peerAddress }: AccountsDeps): Pick<
  Handlers,
  'account:register' | 'account:signIn' | 'account:signOut' | 'account:me' | 'account:updateProfile' | 'account:devices' | 'account:revokeDevice'
> {
  const startSession = async (socket: CommunitySocket, user: UsersTable, device: string): Promise<SessionInfo> => {
    const session = await accounts.createSession(user.id, device);
    await rooms.attach(socket, user.id, session.id);
    return { token: session.token, expiresAt: session.expiresAt, account: toAccount(user) };
  };
  /** Every socket of a session, on any node, is told and disconnected. */
  const endSession = (sessionId: string, reason: string) => {
    io.to(sessionRoom(sessionId)).emit('session:revoked', { reason });
    io.in(sessionRoom(sessionId)).disconnectSockets(true);
  };

  return {
    'account:register': async ({ socket, user }, { username, password, device }) => {
      if (user) throw new CommunityError('conflict', 'You are already signed in.');
      // Counted before the hash is made: a flood is refused without costing a scrypt each.
      const perAddress = `register:${address(socket)}`;
      if ((await registrations.perAddress.blocked(perAddress)) || (await registrations.global.blocked(GLOBAL))) {
        throw new CommunityError('rate_limited', 'Too many new accounts in a short time. Try again later.');
      }
      await Promise.all([registrations.perAddress.fail(perAddress), registrations.global.fail(GLOBAL)]);
      const created = await accounts.create(username, await passwords.hash(password, 'register'));
      if (!created) throw new CommunityError('conflict', 'That username is taken.');
      log.info({ userId: created.id }, 'account registered');
      return startSession(socket, created, device);
    },

    'account:signIn': async ({ socket }, { username, password, device }) => {
      const keys = [`user:${username}`, `addr:${address(socket)}`];
      const blocked = await Promise.all(keys.map((k) => signInFailures.blocked(k)));
      if (blocked.some(Boolean)) throw new CommunityError('rate_limited', 'Too many failed sign-ins. Wait a few minutes and try again.');
      const user = await accounts.byUsername(username);
      // Verify against a dummy hash for unknown names, so timing does not reveal who exists.
      const valid = await passwords.verify(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !valid) {
        await Promise.all(keys.map((k) => signInFailures.fail(k)));
        throw new CommunityError('unauthorized', 'Wrong username or password.');
      }
      await signInFailures.clear(keys[0]!);
      if (signInRefusal) refuseIf(await signInRefusal(user.id));
      return startSession(socket, user, device);
    },

    'account:signOut': async ({ socket, user }) => {
      const sessionId = socket.data.sessionId;
      if (sessionId) await accounts.revoke(user.id, sessionId);
      rooms.detach(socket);
      // The same session's other sockets (a second window, a reconnect on another node) end too.
      if (sessionId) endSession(sessionId, 'This session was signed out.');
      return null;
    },

    'account:me': async ({ user }) => toAccount(user),

    'account:updateProfile': async ({ user }, patch) => toAccount(await accounts.updateProfile(user.id, patch)),

    'account:devices': async ({ socket, user }) => accounts.devices(user.id, socket.data.sessionId),

    'account:revokeDevice': async ({ user }, { id }) => {
      if (!(await accounts.revoke(user.id, id))) throw forbidden('That is not one of your devices.');
      endSession(id, 'This device was signed out from another device.');
      return null;
    },
  };
}
