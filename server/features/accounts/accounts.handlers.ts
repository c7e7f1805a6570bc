import type { SessionInfo } from '../../../shared/protocol/community-events';
import { CommunityError, forbidden } from '../../socket/community-error';
import { circleRoom, sessionRoom, userRoom, type HandlerContext } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import type { UsersTable } from '../../store/schema';
import { watchActiveSprints } from '../sprints/sprints.handlers';
import { toAccount } from './accounts.repo';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

/** Makes this socket the user's: rooms for the user, the session and each circle. */
export async function attachUser(ctx: Omit<HandlerContext, 'user'>, userId: string, sessionId: string): Promise<void> {
  ctx.socket.data.userId = userId;
  ctx.socket.data.sessionId = sessionId;
  const circles = await ctx.circles.listFor(userId);
  await ctx.socket.join([userRoom(userId), sessionRoom(sessionId), ...circles.map((c) => circleRoom(c.id))]);
  await watchActiveSprints(ctx, userId);
}

async function startSession(ctx: HandlerContext, user: UsersTable, device: string): Promise<SessionInfo> {
  const session = await ctx.accounts.createSession(user.id, device);
  await attachUser(ctx, user.id, session.id);
  return { token: session.token, expiresAt: session.expiresAt, account: toAccount(user) };
}

const address = (ctx: HandlerContext) => ctx.socket.handshake.address || 'unknown';

export const accountsHandlers: Pick<
  Handlers,
  'account:register' | 'account:signIn' | 'account:signOut' | 'account:me' | 'account:updateProfile' | 'account:devices' | 'account:revokeDevice'
> = {
  'account:register': async (ctx, { username, password, device }) => {
    if (ctx.user) throw new CommunityError('conflict', 'You are already signed in.');
    const user = await ctx.accounts.create(username, await hashPassword(password));
    if (!user) throw new CommunityError('conflict', 'That username is taken.');
    ctx.log.info({ userId: user.id }, 'account registered');
    return startSession(ctx, user, device);
  },

  'account:signIn': async (ctx, { username, password, device }) => {
    const keys = [`user:${username}`, `addr:${address(ctx)}`];
    if (keys.some((k) => ctx.signInFailures.blocked(k))) {
      throw new CommunityError('rate_limited', 'Too many failed sign-ins. Wait a few minutes and try again.');
    }
    const user = await ctx.accounts.byUsername(username);
    // Verify against a dummy hash for unknown names, so timing does not reveal who exists.
    const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !valid) {
      keys.forEach((k) => ctx.signInFailures.fail(k));
      throw new CommunityError('unauthorized', 'Wrong username or password.');
    }
    ctx.signInFailures.clear(keys[0]!);
    return startSession(ctx, user, device);
  },

  'account:signOut': async (ctx) => {
    const sessionId = ctx.socket.data.sessionId;
    if (ctx.user && sessionId) await ctx.accounts.revoke(ctx.user.id, sessionId);
    ctx.socket.data.userId = null;
    ctx.socket.data.sessionId = null;
    for (const room of ctx.socket.rooms) if (room !== ctx.socket.id) await ctx.socket.leave(room);
    return null;
  },

  'account:me': async (ctx) => toAccount(ctx.user!),

  'account:updateProfile': async (ctx, patch) => toAccount(await ctx.accounts.updateProfile(ctx.user!.id, patch)),

  'account:devices': async (ctx) => ctx.accounts.devices(ctx.user!.id, ctx.socket.data.sessionId),

  'account:revokeDevice': async (ctx, { id }) => {
    if (!(await ctx.accounts.revoke(ctx.user!.id, id))) throw forbidden('That is not one of your devices.');
    // Sockets of that session, on any node, are told and disconnected.
    ctx.io.to(sessionRoom(id)).emit('session:revoked', { reason: 'This device was signed out from another device.' });
    ctx.io.in(sessionRoom(id)).disconnectSockets(true);
    return null;
  },
};
