import { fail, ok } from '../../shared/api/result';
import { communityEventNames, communityInputs, PUBLIC_EVENTS, type CommunityEvent, type CommunityParsedInput } from '../../shared/protocol/community-schemas';
import type { CommunityOutputs } from '../../shared/protocol/community-events';
import { CommunityError } from './community-error';
import type { HandlerContext } from './context';
import { TokenBucket } from './rate-limit';

export type Handler<E extends CommunityEvent> = (ctx: HandlerContext, input: CommunityParsedInput<E>) => Promise<CommunityOutputs[E]>;
export type Handlers = { [E in CommunityEvent]: Handler<E> };

const KNOWN = new Set<string>(communityEventNames);
const USER_CACHE_MS = 5000;

/**
 * Wires every protocol event on one socket through the same gate: a per-socket rate limit,
 * the signed-in check, the zod schema, then the handler; every answer is a `Result` through
 * the acknowledgement. Unknown events and handler failures answer errors and never throw.
 */
export function registerHandlers(ctx: Omit<HandlerContext, 'user'>, handlers: Handlers, limits = { burst: 40, perSecond: 20 }): void {
  const { socket, accounts, log } = ctx;
  const bucket = new TokenBucket(limits.burst, limits.perSecond);
  // The signed-in user's row, re-read at most every few seconds: a sprint sends a message
  // every two seconds per writer, and each one need not cost a read of the account.
  let cached: { user: NonNullable<HandlerContext['user']>; at: number } | null = null;
  const currentUser = async (userId: string) => {
    if (cached && cached.user.id === userId && performance.now() - cached.at < USER_CACHE_MS) return cached.user;
    const user = await accounts.byId(userId);
    cached = user ? { user, at: performance.now() } : null;
    return user ?? null;
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && KNOWN.has(event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') ack(fail('unknown_event', `There is no event "${String(event).slice(0, 60)}".`));
  });

  for (const event of communityEventNames) {
    socket.on(event, async (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return; // every request needs an acknowledgement to answer through
      const answer = (result: unknown) => {
        try {
          ack(result);
        } catch {
          /* client gone */
        }
      };
      if (!bucket.take()) return answer(fail('rate_limited', 'Too many requests; slow down a moment.'));
      const userId = socket.data.userId;
      if (!userId && !PUBLIC_EVENTS.has(event)) return answer(fail('forbidden', 'Sign in first.'));
      const parsed = communityInputs[event].safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return answer(fail('invalid_input', `${event}: ${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`.slice(0, 300)));
      }
      try {
        const user = userId ? await currentUser(userId) : null;
        if (userId && !user) return answer(fail('forbidden', 'This account no longer exists.'));
        const data = await (handlers[event] as Handler<CommunityEvent>)({ ...ctx, user }, parsed.data as never);
        if (event.startsWith('account:')) cached = null; // profile or session changed
        answer(ok(data));
      } catch (error) {
        if (error instanceof CommunityError) return answer(fail(error.code, error.message));
        log.error({ err: error, event }, 'handler failed');
        answer(fail('internal', 'The server could not do that. Try again.'));
      }
    });
  }
}
