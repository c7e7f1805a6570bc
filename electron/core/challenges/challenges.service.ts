import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError, type Result } from '../../../shared/api/result';
import type { ChallengeDayCell, ChallengesStudioOutputs, LocalChallengeView } from '../../../shared/api/challenges';
import type { ChallengeView } from '../../../shared/protocol/challenges-events';
import { addDays } from '../../../shared/goals/writing-days';
import { dayValue, paceOf } from '../../../shared/rules/challenges';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import { localDay, type Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { DailyWordsRepo } from '../stats/daily-words.repo';
import type { Sync } from '../sync/sync';
import { dayEntity, registerChallengesOps, type ProgressOp, type WithdrawOp } from './challenges.ops';
import { createChallengesStore, type JoinRow } from './challenges.store';

type Method = keyof ChallengesStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<ChallengesStudioOutputs[M]> | ChallengesStudioOutputs[M] };

export interface ChallengesDeps {
  db: Database;
  clock: Clock;
  daily: Pick<DailyWordsRepo, 'onAdd'>;
  community: Pick<CommunityClient, 'request' | 'url'>;
  sync: Pick<Sync, 'kinds' | 'outbox' | 'owner' | 'requireOwner' | 'changed'>;
  onChanged(challengeId: string | null): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};
/** The server's answer, or null when it cannot be reached (then this studio's copy answers). */
const orOffline = <T>(result: Result<T>): T | null => (!result.ok && result.error.code === 'unavailable' ? null : orThrow(result));

/**
 * Challenges in the studio. Progress is never typed in: after every save the day's net words
 * (every project) and writing minutes are counted from this computer's own daily totals, and for
 * each challenge the writer agreed to send them for, queued through the one outbox as that
 * day's running total. Days are the writer's local calendar days, so writing across midnight
 * counts on each; writing offline is sent when the studio is back.
 */
export function createChallenges({ db, clock, daily, community, sync, onChanged }: ChallengesDeps) {
  const store = createChallengesStore(db);
  const owner = () => sync.owner()?.id ?? null;
  const me = () => sync.requireOwner().id;
  const disposeOps = registerChallengesOps(sync.kinds, { community, touched: (id) => onChanged(id) });

  /** Queues a day's totals for one challenge (inside the caller's transaction). */
  const queueDay = (who: string, row: JoinRow, day: string) => {
    const { words, minutes } = store.days(day, day)[0] ?? { words: 0, minutes: 0 };
    sync.outbox.enqueue(who, dayEntity(row.challenge_id, day), { kind: 'challenge.progress', challengeId: row.challenge_id, day, words, minutes } satisfies ProgressOp);
  };

  // Every save's words: inside the save's transaction, so the total and its operation are kept together.
  const disposeWords = daily.onAdd(() => {
    const who = owner();
    if (!who) return;
    const now = clock();
    const day = localDay(now);
    const active = store.active(who, day);
    if (active.length === 0) return; // no challenge: no extra work on the save path
    store.wroteIn(day, now.getHours() * 60 + now.getMinutes());
    for (const row of active) queueDay(who, row, day);
    queueMicrotask(() => {
      sync.changed();
      for (const row of active) onChanged(row.challenge_id);
    });
  });

  const waiting = (who: string, challengeId: string) =>
    sync.outbox.heads(who).filter((h) => h.kind === 'challenge.progress' && h.entity_id.startsWith(`${challengeId}:`)).length;

  /** The server's view with the writer's own count, pace and heat map worked out here. */
  const local = (view: ChallengeView, offline: boolean): LocalChallengeView => {
    const who = owner();
    const joined = who ? store.get(who, view.challenge.id) : undefined;
    if (!joined) return { ...view, progress: null, offline };
    const c = view.challenge;
    const today = localDay(clock());
    const byDay = new Map(store.days(c.startDay, c.endDay).map((d) => [d.day, d]));
    const days: ChallengeDayCell[] = [];
    for (let day = c.startDay; day <= c.endDay; day = addDays(day, 1)) {
      const d = byDay.get(day) ?? { words: 0, minutes: 0 };
      const future = day > today;
      days.push({ day, words: future ? 0 : d.words, minutes: future ? 0 : d.minutes, value: future ? 0 : dayValue(c.goalKind, d), future });
    }
    const total = days.reduce((sum, d) => sum + d.value, 0);
    return { ...view, progress: { today, total, pace: paceOf(c, total, today), days, waiting: waiting(who!, c.id) }, offline };
  };
  const cached = (who: string, challengeId: string): ChallengeView => {
    const row = store.get(who, challengeId);
    if (!row?.view) throw new StudioError('not_found', 'That challenge has not been opened on this computer yet; it opens when Margin is back online.');
    return JSON.parse(row.view) as ChallengeView;
  };
  /** Remembers a joined challenge's view for reading offline. */
  const keep = (who: string, view: ChallengeView) => {
    if (store.get(who, view.challenge.id)) store.setView(who, view.challenge.id, view);
  };

  const handlers: Handlers = {
    'challenges.list': async (input) => {
      const who = me();
      const page = orOffline(await community.request('challenge:list', input));
      if (page) return { ...page, offline: false };
      const mine = store.all(who).flatMap((r) => (r.view ? [(JSON.parse(r.view) as ChallengeView).challenge] : []));
      return { challenges: mine, next: null, offline: true };
    },
    'challenges.create': async (input) => {
      me();
      const view = orThrow(await community.request('challenge:create', { ...input, challengeId: randomUUID(), today: localDay(clock()) }));
      onChanged(null);
      return local(view, false);
    },
    'challenges.get': async ({ challengeId }) => {
      const who = me();
      const view = orOffline(await community.request('challenge:get', { challengeId }));
      if (!view) return local(cached(who, challengeId), true);
      keep(who, view);
      return local(view, false);
    },
    /**
     * Joining is consenting: from now on this challenge's day totals are sent, starting with
     * those of its days already written on this computer.
     */
    'challenges.join': async ({ challengeId, cabinId, newCabinName }) => {
      const who = me();
      const view = orThrow(
        await community.request('challenge:join', { challengeId, consent: true, cabinId, newCabin: newCabinName ? { id: randomUUID(), name: newCabinName } : undefined }),
      );
      const c = view.challenge;
      const row: JoinRow = { owner: who, challenge_id: c.id, server: community.url ?? '', title: c.title, goal_kind: c.goalKind, goal: c.goal, start_day: c.startDay, end_day: c.endDay, view: JSON.stringify(view), joined_at: clock().toISOString() };
      const today = localDay(clock());
      db.transaction(() => {
        store.put(row);
        for (const d of store.days(c.startDay, today < c.endDay ? today : c.endDay)) queueDay(who, row, d.day);
      })();
      sync.changed();
      onChanged(null);
      return local(view, false);
    },
    /** Consent withdrawn: nothing more is sent, what waits is dropped, and the server removes the totals. */
    'challenges.withdraw': ({ challengeId }) => {
      const who = me();
      const row = store.get(who, challengeId);
      db.transaction(() => {
        if (row) for (let day = row.start_day; day <= row.end_day; day = addDays(day, 1)) sync.outbox.dropEntity(who, dayEntity(challengeId, day));
        store.remove(who, challengeId);
        sync.outbox.enqueue(who, challengeId, { kind: 'challenge.withdraw', challengeId } satisfies WithdrawOp);
      })();
      sync.changed();
      onChanged(null);
      return null;
    },
    'challenges.leaderboard': async (input) => orThrow(await community.request('challenge:leaderboard', input)),
  };
  return {
    handlers,
    close: () => {
      disposeWords();
      disposeOps();
    },
  };
}
