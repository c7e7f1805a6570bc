import { createHash } from 'node:crypto';
import type { Prompt } from '../../../shared/protocol/prompts-events';
import { DISCUSSION_LIMITS } from '../../../shared/protocol/discussions-schemas';
import { checkSuggestionAllowed, mayCurate, pickDailyPrompt, promptDay, scopeOf } from '../../../shared/rules/prompts';
import { CommunityError, forbidden, refuseIf } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom } from '../../socket/rooms';
import type { UsersTable } from '../../store/schema';
import type { CirclesRepo } from '../circles/circles.repo';
import type { DiscussionsRepo } from '../discussions/discussions.repo';
import type { PromptsRepo } from './prompts.repo';

export interface PromptsDeps {
  io: CommunityIo;
  prompts: PromptsRepo;
  circles: Pick<CirclesRepo, 'role' | 'members'>;
  discussions: Pick<DiscussionsRepo, 'categories' | 'start' | 'threadCircle'>;
  now?: () => Date;
}

const siteRoles = (user: UsersTable) => JSON.parse(user.roles) as string[];
const taken = () => new CommunityError('conflict', 'That id is already used; make a new one.');

/**
 * A prompt's thread id, the same wherever it is worked out: two members opening the day's
 * prompt at once (on two nodes, even) start one thread, not two. A v5-shaped UUID of the prompt's id.
 */
export function promptThreadId(promptId: string): string {
  const h = createHash('sha1').update(`margin:prompt-thread:${promptId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Prompt libraries (a circle's, the open one), suggestions, and the daily prompt with its thread. */
export function promptsHandlers({ io, prompts, circles, discussions, now = () => new Date() }: PromptsDeps): Pick<
  Handlers,
  'prompt:today' | 'prompt:library' | 'prompt:add' | 'prompt:edit' | 'prompt:retire' | 'prompt:suggest' | 'prompt:decide'
> {
  /**
   * Reading and suggesting: a circle's members (the open library: every writer). Curating: see
   * shared/rules/prompts.ts. Everyone else, for a circle or prompt that exists or not: `forbidden`.
   */
  const authorize = async (user: UsersTable, circleId: string | null, need: 'member' | 'curator') => {
    const role = circleId ? ((await circles.role(circleId, user.id)) ?? null) : null;
    if (need === 'member') {
      if (circleId === null || (role && role !== 'banned')) return;
      throw forbidden();
    }
    if (!mayCurate(circleId, role, siteRoles(user))) throw forbidden();
    // A site admin curates circles that exist only.
    if (circleId && !role && (await circles.members(circleId)).length === 0) throw forbidden();
  };
  const promptFor = async (user: UsersTable, promptId: string, need: 'member' | 'curator') => {
    const found = await prompts.get(promptId);
    if (!found) throw forbidden();
    await authorize(user, found.circleId, need);
    return found;
  };
  const announce = (circleId: string | null) => (circleId ? io.to(circleRoom(circleId)) : io).emit('prompt:changed', { circleId });

  /** The day's prompt gets its thread in the circle's first category the first time it is shown. */
  const ensureThread = async (p: Prompt, day: string): Promise<Prompt> => {
    if (!p.circleId || p.threadId) return p;
    const threadId = promptThreadId(p.id);
    if (!(await discussions.threadCircle(threadId))) {
      const categoryId = (await discussions.categories(p.circleId))[0]?.id ?? null;
      const title = `Prompt for ${day}: ${p.text}`.slice(0, DISCUSSION_LIMITS.title);
      try {
        await discussions.start({ threadId, postId: promptThreadId(threadId), circleId: p.circleId, categoryId, authorId: p.authorId, title, body: p.text });
        io.to(circleRoom(p.circleId)).emit('discussion:changed', { circleId: p.circleId, threadId });
      } catch (err) {
        if (!(await discussions.threadCircle(threadId))) throw err; // not a race with another request: a real failure
      }
    }
    return { ...p, threadId: await prompts.setThread(p.id, threadId) };
  };

  const sentAgain = (existing: Prompt, user: UsersTable, circleId: string | null) => {
    if (existing.authorId === user.id && scopeOf(existing.circleId) === scopeOf(circleId)) return existing;
    throw taken();
  };

  return {
    'prompt:today': async ({ user }, { circleId }) => {
      await authorize(user, circleId, 'member');
      const day = promptDay(now(), circleId ? await prompts.circleTimeZone(circleId) : null);
      let id = await prompts.picked(circleId, day);
      if (!id) {
        const chosen = pickDailyPrompt(scopeOf(circleId), day, await prompts.active(circleId), await prompts.history(circleId, day));
        if (!chosen) return { circleId, day, prompt: null };
        id = await prompts.pick(circleId, day, chosen);
      }
      const found = await prompts.get(id);
      return { circleId, day, prompt: found ? await ensureThread(found, day) : null };
    },
    'prompt:library': async ({ user }, { circleId, status, ...page }) => {
      await authorize(user, circleId, status === 'active' ? 'member' : 'curator');
      return prompts.library(circleId, status, page);
    },
    'prompt:add': async ({ user }, { promptId, circleId, text }) => {
      await authorize(user, circleId, 'curator');
      const existing = await prompts.get(promptId);
      if (existing) return sentAgain(existing, user, circleId);
      await prompts.insert({ id: promptId, circleId, text, status: 'active', authorId: user.id });
      announce(circleId);
      return (await prompts.get(promptId))!;
    },
    'prompt:edit': async ({ user }, { promptId, text }) => {
      const found = await promptFor(user, promptId, 'curator');
      await prompts.update(promptId, { text });
      announce(found.circleId);
      return (await prompts.get(promptId))!;
    },
    'prompt:retire': async ({ user }, { promptId, retired }) => {
      const found = await promptFor(user, promptId, 'curator');
      if (found.status !== 'active' && found.status !== 'retired') throw new CommunityError('conflict', 'Only a prompt in the library can be retired or brought back.');
      await prompts.update(promptId, { status: retired ? 'retired' : 'active', decidedBy: user.id });
      announce(found.circleId);
      return (await prompts.get(promptId))!;
    },
    'prompt:suggest': async ({ user }, { promptId, circleId, text }) => {
      await authorize(user, circleId, 'member');
      // Sent again by the writer's outbox after a lost answer: answered as before.
      const existing = await prompts.get(promptId);
      if (existing) return sentAgain(existing, user, circleId);
      refuseIf(checkSuggestionAllowed(await prompts.waiting(user.id, circleId)));
      await prompts.insert({ id: promptId, circleId, text, status: 'suggested', authorId: user.id });
      announce(circleId);
      return (await prompts.get(promptId))!;
    },
    'prompt:decide': async ({ user }, { promptId, accept }) => {
      const found = await promptFor(user, promptId, 'curator');
      if (found.status !== 'suggested') throw new CommunityError('conflict', 'That suggestion was already decided.');
      await prompts.update(promptId, { status: accept ? 'active' : 'declined', decidedBy: user.id });
      announce(found.circleId);
      return (await prompts.get(promptId))!;
    },
  };
}
