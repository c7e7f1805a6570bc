import type { Kysely } from 'kysely';
import { retryAfter } from '../../shared/rules/limits';
import type { CommunityDatabase } from '../store/schema';

/**
 * Attempts per key in a sliding window: failed sign-ins by username and by address,
 * registrations by address and in all. `blocked` once `limit` attempts are in the window.
 */
export interface AttemptCounter {
  blocked(key: string): Promise<boolean>;
  fail(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface WindowRule {
  limit: number;
  windowMs: number;
}

/**
 * In this process only, bounded: beyond `capacity` keys the least recently used goes, but
 * never a blocked key while an unblocked one is left (spraying distinct usernames must not
 * wipe the block on the one being guessed; clearing everything at 100k keys once did).
 */
export class FailureWindow implements AttemptCounter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly rule: WindowRule,
    private readonly capacity = 100_000,
    private readonly now: () => number = () => Date.now(),
  ) {}
  async blocked(key: string): Promise<boolean> {
    return this.touch(key).length >= this.rule.limit;
  }
  async fail(key: string): Promise<void> {
    const list = this.touch(key);
    list.push(this.now());
    this.failures.set(key, list);
    this.evict();
  }
  async clear(key: string): Promise<void> {
    this.failures.delete(key);
  }
  get size(): number {
    return this.failures.size;
  }
  /** The key's recent attempts, now the most recently used (a Map keeps insertion order). */
  private touch(key: string): number[] {
    const cutoff = this.now() - this.rule.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    this.failures.delete(key);
    if (list.length > 0) this.failures.set(key, list);
    return list;
  }
  private evict(): void {
    let spared = 0;
    while (this.failures.size > this.capacity) {
      const [oldest, list] = this.failures.entries().next().value!;
      this.failures.delete(oldest);
      // A blocked key goes to the back instead, unless every key is blocked.
      const cutoff = this.now() - this.rule.windowMs;
      const recent = list.filter((t) => t > cutoff);
      if (recent.length >= this.rule.limit && spared++ < this.capacity) this.failures.set(oldest, recent);
    }
  }
}

/** The node-redis commands the Redis counter uses. */
export interface RedisCommands {
  zAdd(key: string, member: { score: number; value: string }): Promise<unknown>;
  zRemRangeByScore(key: string, min: number | string, max: number | string): Promise<unknown>;
  zCount(key: string, min: number | string, max: number | string): Promise<number>;
  pExpire(key: string, ms: number): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** Shared by every node through Redis: a sorted set of attempt times per key, expiring with the window. */
export function redisAttemptCounter(redis: RedisCommands, name: string, rule: WindowRule, now = () => Date.now()): AttemptCounter {
  const k = (key: string) => `margin:attempts:${name}:${key}`;
  return {
    async blocked(key) {
      return (await redis.zCount(k(key), `(${now() - rule.windowMs}`, '+inf')) >= rule.limit;
    },
    async fail(key) {
      const t = now();
      await redis.zAdd(k(key), { score: t, value: `${t}:${Math.random().toString(36).slice(2)}` });
      await redis.zRemRangeByScore(k(key), '-inf', t - rule.windowMs);
      await redis.pExpire(k(key), rule.windowMs);
    },
    async clear(key) {
      await redis.del(k(key));
    },
  };
}

/** Shared by every node through the store (no Redis): a row per attempt, old rows pruned now and then. */
export function storeAttemptCounter(db: Kysely<CommunityDatabase>, name: string, rule: WindowRule, now = () => Date.now()): AttemptCounter {
  let writes = 0;
  return {
    async blocked(key) {
      const row = await db
        .selectFrom('attempts')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('name', '=', name)
        .where('key', '=', key)
        .where('at', '>', now() - rule.windowMs)
        .executeTakeFirstOrThrow();
      return Number(row.n) >= rule.limit;
    },
    async fail(key) {
      await db.insertInto('attempts').values({ name, key, at: now() }).execute();
      if (++writes % 200 === 0) await db.deleteFrom('attempts').where('name', '=', name).where('at', '<=', now() - rule.windowMs).execute();
    },
    async clear(key) {
      await db.deleteFrom('attempts').where('name', '=', name).where('key', '=', key).execute();
    },
  };
}

/**
 * How much a person may post (shared/rules/limits.ts): `take` counts one more and answers 0,
 * or, when the window is full, counts nothing and answers how long until a slot frees (ms).
 * Shared by every node, like the attempt counters: in Redis, else in the store.
 */
export interface WindowLimiter {
  take(key: string, rule: WindowRule): Promise<number>;
}

export interface RedisWindowCommands extends RedisCommands {
  zRangeWithScores(key: string, min: number, max: number): Promise<{ value: string; score: number }[]>;
}

export function redisWindowLimiter(redis: RedisWindowCommands, name: string, now = () => Date.now()): WindowLimiter {
  return {
    async take(key, rule) {
      const k = `margin:limits:${name}:${key}`;
      const t = now();
      await redis.zRemRangeByScore(k, '-inf', t - rule.windowMs);
      if ((await redis.zCount(k, '-inf', '+inf')) >= rule.limit) {
        const [oldest] = await redis.zRangeWithScores(k, 0, 0);
        return retryAfter(oldest?.score ?? t, rule, t);
      }
      await redis.zAdd(k, { score: t, value: `${t}:${Math.random().toString(36).slice(2)}` });
      await redis.pExpire(k, rule.windowMs);
      return 0;
    },
  };
}

export function storeWindowLimiter(db: Kysely<CommunityDatabase>, name: string, now = () => Date.now()): WindowLimiter {
  let writes = 0;
  return {
    async take(key, rule) {
      const t = now();
      const row = await db
        .selectFrom('attempts')
        .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min('at').as('oldest')])
        .where('name', '=', name)
        .where('key', '=', key)
        .where('at', '>', t - rule.windowMs)
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= rule.limit) return retryAfter(Number(row.oldest), rule, t);
      await db.insertInto('attempts').values({ name, key, at: t }).execute();
      // A day is the longest window: older rows are pruned now and then.
      if (++writes % 200 === 0) await db.deleteFrom('attempts').where('name', '=', name).where('at', '<=', t - 86_400_000).execute();
      return 0;
    },
  };
}
