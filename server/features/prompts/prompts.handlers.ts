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
import type { PostingGate } from '../moderation/posting-gate';
import type { PromptsRepo } from './prompts.repo';

export interface PromptsDeps {
  io: CommunityIo;
  prompts: PromptsRepo;
  circles: Pick<CirclesRepo, 'role' | 'members'>;
  discussions: Pick<DiscussionsRepo, 'categories' | 'start' | 'threadCircle'>;
  /** Bans, suspensions and rate limits (moderation's posting gate): a suggestion is posted like a thread. */
  gate?: Pick<PostingGate, 'check'>;
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
export function promptsHandlers({ io, prompts, circles, discussions, gate, now = () => new Date() }: PromptsDeps): Pick<
  Handlers,
  'prompt:today' | 'prompt:library' | 'prompt:add' | 'prompt:edit' | 'prompt:retire' | 'prompt:suggest' | 'prompt:decide' | 'prompt:thread'
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

  /** A prompt's thread in a circle's first category, started once however many ask at once (the id is worked out, not made). */
  const startThread = async (threadId: string, circleId: string, authorId: string, title: string, body: string) => {
    const existing = await discussions.threadCircle(threadId);
    // The id can be worked out by anyone: a thread of that id in another circle is not this prompt's.
    if (existing && existing.circle_id !== circleId) throw new CommunityError('conflict', 'That prompt’s thread id is taken by another circle’s thread.');
    if (existing) return;
    const categoryId = (await discussions.categories(circleId))[0]?.id ?? null;
    try {
      await discussions.start({ threadId, postId: promptThreadId(threadId), circleId, categoryId, authorId, title: title.slice(0, DISCUSSION_LIMITS.title), body });
      io.to(circleRoom(circleId)).emit('discussion:changed', { circleId, threadId });
    } catch (err) {
      if ((await discussions.threadCircle(threadId))?.circle_id !== circleId) throw err; // not a race with another request: a real failure
    }
  };
  /** The day's prompt gets its thread in the circle's first category the first time it is shown. */
  const ensureThread = async (p: Prompt, day: string): Promise<Prompt> => {
    if (!p.circleId || p.threadId) return p;
    const threadId = promptThreadId(p.id);
    await startThread(threadId, p.circleId, p.authorId, `Prompt for ${day}: ${p.text}`, p.text);
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
      // Others read a suggestion (its curators, then every member): a suspension or ban stops it, and it counts towards the posting
      // limits (checked last: a suggestion refused for the five waiting does not use up the allowance).
      refuseIf(checkSuggestionAllowed(await prompts.waiting(user.id, circleId)));
      await gate?.check(user, circleId, 'suggestion');
      await prompts.insert({ id: promptId, circleId, text, status: 'suggested', authorId: user.id });
      announce(circleId);
      return (await prompts.get(promptId))!;
    },
    /**
     * An open prompt belongs to no circle, so its thread is in the circle a member shares their
     * response with: one per prompt and circle, started by the first member who asks (a start,
     * so the posting gate applies to it), read and answered like any thread of the circle.
     * A prompt that is not in the open library (or only suggested), or a circle the writer is
     * not a member of: `forbidden`, as for ones that do not exist.
     */
    'prompt:thread': async ({ user }, { promptId, circleId }) => {
      const found = await prompts.get(promptId);
      if (!found || found.circleId !== null || (found.status !== 'active' && found.status !== 'retired')) throw forbidden();
      await authorize(user, circleId, 'member');
      const threadId = promptThreadId(`${promptId}|${circleId}`);
      if (!(await discussions.threadCircle(threadId))) {
        await gate?.check(user, circleId, 'thread');
        await startThread(threadId, circleId, user.id, `Open prompt: ${found.text}`, found.text);
      }
      return { promptId, circleId, threadId };
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
