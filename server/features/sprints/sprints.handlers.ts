import { CommunityError, forbidden } from '../../socket/community-error';
import type { HandlerContext } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import type { SprintsTable } from '../../store/schema';
import { sprintStatus } from './sprint-rules';

export const sprintRoom = (sprintId: string) => `sprint:${sprintId}`;

/** A sprint is visible to everyone when open, and to the circle's members otherwise. Anyone else: forbidden, whether or not it exists. */
async function visibleSprint(ctx: HandlerContext, sprintId: string): Promise<SprintsTable> {
  const sprint = await ctx.sprints.get(sprintId);
  if (!sprint) throw forbidden();
  if (sprint.circle_id) {
    const role = await ctx.circles.role(sprint.circle_id, ctx.user!.id);
    if (!role || role === 'banned') throw forbidden();
  }
  return sprint;
}

async function joinedWriter(ctx: HandlerContext, sprintId: string) {
  const sprint = await visibleSprint(ctx, sprintId);
  const writer = await ctx.sprints.writer(sprintId, ctx.user!.id);
  if (!writer || writer.left_at) throw forbidden('Join the sprint first.');
  return { sprint, writer };
}

async function watch(ctx: Omit<HandlerContext, 'user'>, sprintId: string) {
  await ctx.socket.join(sprintRoom(sprintId));
  await ctx.ticker.watch(sprintId, ctx.socket);
}

/** A writer who reconnects (or whose node restarted) is back in the sprints they are writing in. */
export async function watchActiveSprints(ctx: Omit<HandlerContext, 'user'>, userId: string): Promise<void> {
  for (const sprintId of await ctx.sprints.activeFor(userId)) await watch(ctx, sprintId);
}

export const sprintsHandlers: Pick<
  Handlers,
  'time:sync' | 'sprint:create' | 'sprint:list' | 'sprint:join' | 'sprint:leave' | 'sprint:progress' | 'sprint:cheer' | 'sprint:results' | 'sprint:history'
> = {
  // NTP-style: t1 when the request arrived, t2 when the answer leaves.
  'time:sync': async (ctx, { t0 }) => {
    const t1 = ctx.clock();
    return { t0, t1, t2: ctx.clock() };
  },

  'sprint:create': async (ctx, input) => {
    if (input.circleId) {
      const role = await ctx.circles.role(input.circleId, ctx.user!.id);
      if (!role || role === 'banned') throw forbidden();
    }
    const row = await ctx.sprints.create(input, ctx.user!.id);
    await ctx.sprints.join(row.id, ctx.user!.id);
    await watch(ctx, row.id);
    return ctx.sprints.toSprint(row, ctx.user!.id);
  },

  'sprint:list': async (ctx) => {
    const circles = await ctx.circles.listFor(ctx.user!.id);
    const rows = await ctx.sprints.visible(circles.map((c) => c.id));
    return Promise.all(rows.map((row) => ctx.sprints.toSprint(row, ctx.user!.id)));
  },

  'sprint:join': async (ctx, { sprintId }) => {
    const sprint = await visibleSprint(ctx, sprintId);
    if (sprintStatus(sprint.starts_at, sprint.ends_at, ctx.clock()) === 'finished') throw new CommunityError('conflict', 'That sprint is over.');
    await ctx.sprints.join(sprintId, ctx.user!.id);
    await watch(ctx, sprintId);
    return ctx.sprints.toSprint(sprint, ctx.user!.id);
  },

  'sprint:leave': async (ctx, { sprintId }) => {
    await joinedWriter(ctx, sprintId);
    await ctx.sprints.leave(sprintId, ctx.user!.id);
    ctx.ticker.unwatch(sprintId, ctx.socket);
    await ctx.socket.leave(sprintRoom(sprintId));
    return null;
  },

  'sprint:progress': async (ctx, { sprintId, words }) => {
    const { sprint, writer } = await joinedWriter(ctx, sprintId);
    const status = sprintStatus(sprint.starts_at, sprint.ends_at, ctx.clock());
    if (status === 'upcoming') throw new CommunityError('conflict', 'The sprint has not started yet.');
    if (status === 'finished') throw new CommunityError('conflict', 'The sprint is over and its results are final.');
    const saved = await ctx.sprints.progress(sprint, ctx.user!.id, words, writer.joined_at);
    const place = ctx.ticker.placeAfterProgress(sprintId, ctx.socket, { userId: ctx.user!.id, displayName: ctx.user!.display_name, words, flagged: saved.flagged });
    return { ...saved, place };
  },

  'sprint:cheer': async (ctx, { sprintId, toUserId, reaction }) => {
    await joinedWriter(ctx, sprintId);
    const target = await ctx.sprints.writer(sprintId, toUserId);
    if (!target || target.left_at) throw new CommunityError('not_found', 'That writer is not in this sprint.');
    ctx.io.to(sprintRoom(sprintId)).emit('sprint:cheer', { sprintId, fromUserId: ctx.user!.id, from: ctx.user!.display_name, toUserId, reaction });
    return null;
  },

  'sprint:results': async (ctx, { sprintId }) => {
    const sprint = await visibleSprint(ctx, sprintId);
    const result = await ctx.sprints.result(sprint, ctx.user!.id);
    if (!result) throw forbidden('You did not write in that sprint.');
    return result;
  },

  'sprint:history': async (ctx) => ctx.sprints.history(ctx.user!.id),
};
