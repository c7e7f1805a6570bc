import { fail, ok } from '../../shared/api/result';
import { communityEventNames, communityInputs, PUBLIC_EVENTS, type CommunityEvent, type CommunityParsedInput } from '../../shared/protocol/community-schemas';
import type { CommunityOutputs } from '../../shared/protocol/community-events';
import type { Logger } from 'pino';
import type { AccountsRepo } from '../features/accounts/accounts.repo';
import type { UsersTable } from '../store/schema';
import { CommunityError } from './community-error';
import type { CommunitySocket, EventContext } from './context';
import { REQUEST_LIMITS, TokenBucket } from '../../shared/rules/request-pace';

export type Handler<E extends CommunityEvent> = (ctx: EventContext<E>, input: CommunityParsedInput<E>) => Promise<CommunityOutputs[E]>;
export type Handlers = { [E in CommunityEvent]: Handler<E> };

export interface GateDeps {
  users: Pick<AccountsRepo, 'byId'>;
  log: Logger;
  limits?: { burst: number; perSecond: number };
}

const KNOWN = new Set<string>(communityEventNames);
const USER_CACHE_MS = 5000;

/**
 * Wires every protocol event on one socket through the same gate: a per-socket rate limit,
 * the signed-in check, the zod schema, then the handler; every answer is a `Result` through
 * the acknowledgement. Unknown events and handler failures answer errors and never throw.
 * One dispatcher per socket (`onAny`), not a listener per event: forty closures and a
 * forty-key listener table on each of 2,000 sockets were a good part of what a writer held.
 */
export function registerHandlers(socket: CommunitySocket, handlers: Handlers, { users, log, limits = REQUEST_LIMITS }: GateDeps): void {
  const bucket = new TokenBucket(limits.burst, limits.perSecond);
  // The signed-in user's row, re-read at most every few seconds: a sprint sends a message
  // every two seconds per writer, and each one need not cost a read of the account.
  let cached: { user: UsersTable; at: number } | null = null;

  socket.onAny(async (event: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return; // every request needs an acknowledgement to answer through
    const answer = (result: unknown) => {
      try {
        ack(result);
      } catch {
        /* client gone */
      }
    };
    if (typeof event !== 'string' || !KNOWN.has(event)) return answer(fail('unknown_event', `There is no event "${String(event).slice(0, 60)}".`));
    const name = event as CommunityEvent;
    if (!bucket.take()) return answer({ ok: false, error: { code: 'rate_limited', message: 'Too many requests; slow down a moment.', retryAfterMs: bucket.wait() } });
    const userId = socket.data.userId;
    if (!userId && !PUBLIC_EVENTS.has(name)) return answer(fail('forbidden', 'Sign in first.'));
    const parsed = communityInputs[name].safeParse(args.length > 1 ? args[0] : undefined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return answer(fail('invalid_input', `${name}: ${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`.slice(0, 300)));
    }
    try {
      let user: UsersTable | null = null;
      if (userId) {
        if (cached && cached.user.id === userId && performance.now() - cached.at < USER_CACHE_MS) user = cached.user;
        else {
          user = (await users.byId(userId)) ?? null;
          cached = user ? { user, at: performance.now() } : null;
        }
        if (!user) return answer(fail('forbidden', 'This account no longer exists.'));
      }
      // Checked above: a non-public event never reaches its handler without a user.
      const data = await (handlers[name] as (ctx: EventContext<CommunityEvent>, input: never) => Promise<unknown>)({ socket, user } as EventContext<CommunityEvent>, parsed.data as never);
      if (name.startsWith('account:')) cached = null; // profile or session changed
      answer(ok(data));
    } catch (error) {
      if (error instanceof CommunityError) {
        const refusal = fail(error.code, error.message);
        if (error.retryAfterMs !== undefined && !refusal.ok) refusal.error.retryAfterMs = error.retryAfterMs;
        return answer(refusal);
      }
      log.error({ err: error, event: name }, 'handler failed');
      answer(fail('internal', 'The server could not do that. Try again.'));
    }
  });
}
