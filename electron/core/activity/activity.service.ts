import type { Database } from 'better-sqlite3';
import { StudioError, type Result } from '../../../shared/api/result';
import type { ActivityStudioOutputs, KudosCount } from '../../../shared/api/activity';
import type { KudosTargetKind } from '../../../shared/rules/kudos';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { CommunityClient } from '../community/community-client';
import type { Sync } from '../sync/sync';
import { registerActivityOps, type KudosOp } from './activity.ops';
import { createActivityStore } from './activity.store';

type Method = keyof ActivityStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<ActivityStudioOutputs[M]> | ActivityStudioOutputs[M] };

export interface ActivityDeps {
  db: Database;
  community: Pick<CommunityClient, 'request' | 'onServer'>;
  sync: Pick<Sync, 'kinds' | 'outbox' | 'owner' | 'requireOwner' | 'changed'>;
  /** Kudos given here changed (or settled), or a follow did. */
  onChanged(change: { targetId: string | null }): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};

/**
 * Kudos, follows and the activity feed. Kudos are kept here with their outbox operation in one
 * transaction (a click offline is sent when the studio is back); counts read from the server
 * are kept too, so the buttons show them offline. Follows and the feed are a window on the
 * server's (online only, as circles are managed).
 */
export function createActivity({ db, community, sync, onChanged }: ActivityDeps) {
  const store = createActivityStore(db);
  const owner = () => sync.owner()?.id ?? null;
  const dispose = registerActivityOps(sync.kinds, { store, community, owner, touched: (targetId) => onChanged({ targetId }) });
  // A notice (kudos received, a new follower, a milestone of someone followed) means the feed
  // has news: the panel reloads it.
  community.onServer('activity:notice', () => onChanged({ targetId: null }));
  const keep = (who: string, kind: KudosTargetKind, counts: KudosCount[]) => {
    const pending = new Set(sync.outbox.heads(who).filter((h) => h.kind === 'activity.kudos').map((h) => h.entity_id));
    // A click still waiting in the outbox wins over what the server counted before it.
    return counts.map((k) => {
      if (pending.has(k.targetId)) return store.kudos(who, kind, k.targetId) ?? k;
      store.putKudos(who, kind, k);
      return k;
    });
  };

  const handlers: Handlers = {
    'activity.kudos': ({ targetKind, targetId, given }) => {
      const who = sync.requireOwner().id;
      const before = store.kudos(who, targetKind, targetId) ?? { targetId, count: 0, mine: false };
      const after = { targetId, count: before.count + (given === before.mine ? 0 : given ? 1 : -1), mine: given };
      db.transaction(() => {
        store.putKudos(who, targetKind, after);
        sync.outbox.enqueue(who, targetId, { kind: 'activity.kudos', targetKind, targetId, given } satisfies KudosOp, before);
      })();
      sync.changed();
      onChanged({ targetId });
      return store.kudos(who, targetKind, targetId)!;
    },
    'activity.kudosOf': async ({ targetKind, targetIds }) => {
      const who = sync.requireOwner().id;
      const answer = await community.request('activity:kudosOf', { targetKind, targetIds });
      if (answer.ok) return keep(who, targetKind, answer.data);
      if (answer.error.code !== 'unavailable') orThrow(answer);
      return targetIds.map((id) => store.kudos(who, targetKind, id) ?? { targetId: id, count: 0, mine: false });
    },
    'activity.sprintResults': async (input) => {
      const who = sync.requireOwner().id;
      const results = orThrow(await community.request('activity:sprintResults', input));
      const shown = keep(who, 'sprint_result', results);
      return results.map((r, i) => ({ ...r, ...shown[i]! }));
    },
    'activity.follow': async (input) => {
      const follows = orThrow(await community.request('activity:follow', input));
      onChanged({ targetId: null });
      return follows;
    },
    'activity.follows': async () => orThrow(await community.request('activity:follows', {})),
    'activity.feed': async (input) => {
      const page = orThrow(await community.request('activity:feed', input));
      const who = owner();
      if (!who) return page;
      // The feed's kudos are the server's, unless a click here has not reached it yet.
      const local = new Map<string, KudosCount>();
      for (const kind of ['sprint_result', 'challenge_milestone'] as const) {
        for (const k of keep(who, kind, page.items.filter((i) => i.kind === kind).map((i) => ({ targetId: i.id, count: i.kudos, mine: i.kudosMine })))) local.set(k.targetId, k);
      }
      return { ...page, items: page.items.map((i) => (local.has(i.id) ? { ...i, kudos: local.get(i.id)!.count, kudosMine: local.get(i.id)!.mine } : i)) };
    },
  };
  return { handlers, close: dispose };
}
