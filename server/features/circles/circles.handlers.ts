import type { CircleMember } from '../../../shared/protocol/community-events';
import { CommunityError, forbidden } from '../../socket/community-error';
import { circleRoom, userRoom, type HandlerContext } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { welcomeToCircle } from '../critique/welcome';
import type { MembershipRole } from './circles.repo';

type Need = 'member' | 'moderator' | 'owner';
const RANK: Record<MembershipRole, number> = { banned: -1, member: 1, moderator: 2, owner: 3 };
const NEED: Record<Need, number> = { member: 1, moderator: 2, owner: 3 };

const isAdmin = (ctx: HandlerContext) => (JSON.parse(ctx.user!.roles) as string[]).includes('admin');

/**
 * The one authorization check for circles. Strangers, the banned and the under-ranked all
 * get the same `forbidden`, whether or not the circle exists: nothing leaks. Site admins may
 * moderate any circle.
 */
async function authorize(ctx: HandlerContext, circleId: string, need: Need): Promise<MembershipRole | 'admin'> {
  const role = await ctx.circles.role(circleId, ctx.user!.id);
  if (role && RANK[role] >= NEED[need]) return role;
  if (isAdmin(ctx)) {
    const exists = await ctx.circles.members(circleId);
    if (exists.length > 0) return 'admin';
  }
  throw forbidden();
}

async function welcome(ctx: HandlerContext, circleId: string) {
  const userId = ctx.user!.id;
  const seq = await welcomeToCircle(ctx.db, ctx.storeKind, circleId, userId, new Date(ctx.clock()).toISOString());
  if (seq !== null) ctx.io.to(userRoom(userId)).emit('feed:changed', { seq });
}

export const circlesHandlers: Pick<
  Handlers,
  'circle:create' | 'circle:list' | 'circle:invite' | 'circle:join' | 'circle:leave' | 'circle:members' | 'circle:setRole' | 'circle:ban'
> = {
  'circle:create': async (ctx, { name, description }) => {
    const circle = await ctx.circles.create(ctx.user!.id, name, description);
    ctx.io.in(userRoom(ctx.user!.id)).socketsJoin(circleRoom(circle.id));
    await welcome(ctx, circle.id);
    return circle;
  },

  'circle:list': async (ctx) => ctx.circles.listFor(ctx.user!.id),

  'circle:invite': async (ctx, { circleId }) => {
    await authorize(ctx, circleId, 'moderator');
    return ctx.circles.createInvite(circleId, ctx.user!.id);
  },

  'circle:join': async (ctx, { code }) => {
    const invite = await ctx.circles.invite(code);
    if (!invite) throw new CommunityError('not_found', 'That invite is unknown or has expired.');
    const userId = ctx.user!.id;
    const role = await ctx.circles.role(invite.circle_id, userId);
    if (role === 'banned') throw forbidden('You cannot join this circle.');
    if (!role) {
      await ctx.circles.addMember(invite.circle_id, userId);
      ctx.io.in(userRoom(userId)).socketsJoin(circleRoom(invite.circle_id));
      const member = (await ctx.circles.member(invite.circle_id, userId))!;
      ctx.io.to(circleRoom(invite.circle_id)).emit('circle:memberJoined', { circleId: invite.circle_id, member });
      // Starting credits, and what the circle shared before they came, to read and critique.
      await welcome(ctx, invite.circle_id);
    }
    return (await ctx.circles.circleFor(invite.circle_id, userId))!;
  },

  'circle:leave': async (ctx, { circleId }) => {
    const role = await authorize(ctx, circleId, 'member');
    if (role === 'owner') throw new CommunityError('conflict', 'The owner cannot leave; make someone else owner first.');
    if (role === 'admin') throw forbidden(); // an admin is not a member: the same answer as for any circle
    await ctx.circles.removeMember(circleId, ctx.user!.id);
    ctx.io.in(userRoom(ctx.user!.id)).socketsLeave(circleRoom(circleId));
    ctx.io.to(circleRoom(circleId)).emit('circle:memberLeft', { circleId, userId: ctx.user!.id });
    return null;
  },

  'circle:members': async (ctx, { circleId }) => {
    await authorize(ctx, circleId, 'member');
    return ctx.circles.members(circleId);
  },

  'circle:setRole': async (ctx, { circleId, userId, role }): Promise<CircleMember> => {
    await authorize(ctx, circleId, 'owner');
    const current = await ctx.circles.role(circleId, userId);
    if (!current || current === 'banned') throw new CommunityError('not_found', 'That person is not a member of this circle.');
    if (current === 'owner') throw new CommunityError('conflict', 'The owner’s role cannot be changed.');
    await ctx.circles.setRole(circleId, userId, role);
    return (await ctx.circles.member(circleId, userId))!;
  },

  'circle:ban': async (ctx, { circleId, userId }) => {
    const actor = await authorize(ctx, circleId, 'moderator');
    const target = await ctx.circles.role(circleId, userId);
    if (userId === ctx.user!.id) throw new CommunityError('conflict', 'You cannot ban yourself.');
    // Moderators may ban members; only the owner (or an admin) may ban a moderator; nobody bans the owner.
    if (target === 'owner' || (target === 'moderator' && actor === 'moderator')) throw forbidden();
    await ctx.circles.setRole(circleId, userId, 'banned');
    ctx.io.in(userRoom(userId)).socketsLeave(circleRoom(circleId));
    ctx.io.to(circleRoom(circleId)).emit('circle:memberLeft', { circleId, userId });
    return null;
  },
};
