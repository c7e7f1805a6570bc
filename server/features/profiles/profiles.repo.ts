import type { Kysely } from 'kysely';
import type { ProfileActivityItem, WorkingOn } from '../../../shared/protocol/profiles-events';
import { DEFAULT_PRIVACY, PROFILE_LIMITS, readPrivacy, type ProfilePrivacy, type ViewerRelation } from '../../../shared/rules/profiles';
import type { CommunityDatabase } from '../../store/schema';

/** Below every real stamp: a writer who never updated their profile. */
const NO_STAMP = '';

export interface ProfileRow {
  accountId: string;
  username: string;
  displayName: string;
  bio: string;
  genres: string[];
  workingOn: WorkingOn | null;
  privacy: ProfilePrivacy;
  stamp: string;
  privacyStamp: string;
}

/**
 * Profiles: the account's name, bio and genres (on `users`) with what `profiles` adds: privacy
 * per field and the work shown. Updates are last-writer-wins on the studio's clock stamps.
 */
export function createProfilesRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  /** The circles a writer is in (not banned), as a subquery. */
  const active = (userId: string) =>
    db.selectFrom('circle_members').select('circle_id').where('user_id', '=', userId).where('role', '!=', 'banned');

  /** Makes the writer's profiles row if they have none yet (defaults), so updates are plain UPDATEs. */
  const ensure = async (on: Kysely<CommunityDatabase>, accountId: string) => {
    await on
      .insertInto('profiles')
      .values({ account_id: accountId, privacy: JSON.stringify(DEFAULT_PRIVACY), working_title: null, working_genre: null, working_words: null, stamp: NO_STAMP, privacy_stamp: NO_STAMP, updated_at: now().toISOString() })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .execute();
  };

  return {
    async get(accountId: string): Promise<ProfileRow | undefined> {
      const row = await db
        .selectFrom('users as u')
        .leftJoin('profiles as p', 'p.account_id', 'u.id')
        .select(['u.id', 'u.username', 'u.display_name', 'u.bio', 'u.genres', 'p.privacy', 'p.working_title', 'p.working_genre', 'p.working_words', 'p.stamp', 'p.privacy_stamp'])
        .where('u.id', '=', accountId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        accountId: row.id,
        username: row.username,
        displayName: row.display_name,
        bio: row.bio,
        genres: JSON.parse(row.genres) as string[],
        workingOn: row.working_title ? { title: row.working_title, genre: row.working_genre ?? '', words: Number(row.working_words ?? 0) } : null,
        privacy: row.privacy ? readPrivacy(JSON.parse(row.privacy)) : { ...DEFAULT_PRIVACY },
        stamp: row.stamp ?? NO_STAMP,
        privacyStamp: row.privacy_stamp ?? NO_STAMP,
      };
    },

    /** Whether `writerId` blocked `viewerId` (then the writer's profile is not there for them). */
    async blocked(writerId: string, viewerId: string): Promise<boolean> {
      return !!(await db.selectFrom('blocks').select('user_id').where('user_id', '=', writerId).where('blocked_id', '=', viewerId).executeTakeFirst());
    },

    /** How the viewer stands to the writer: themself, sharing a circle (neither banned), or a stranger. */
    async relation(writerId: string, viewerId: string): Promise<ViewerRelation> {
      if (writerId === viewerId) return 'self';
      const shared = await db
        .selectFrom('circle_members')
        .select('circle_id')
        .where('user_id', '=', writerId)
        .where('role', '!=', 'banned')
        .where('circle_id', 'in', active(viewerId))
        .limit(1)
        .executeTakeFirst();
      return shared ? 'circle' : 'stranger';
    },

    /** The writer's circles the viewer may see: public ones, or ones the viewer is in too. */
    async circles(writerId: string, viewerId: string): Promise<{ id: string; name: string }[]> {
      const rows = await db
        .selectFrom('circle_members as m')
        .innerJoin('circles as c', 'c.id', 'm.circle_id')
        .select(['c.id', 'c.name'])
        .where('m.user_id', '=', writerId)
        .where('m.role', '!=', 'banned')
        .where((eb) => eb.or([eb('c.visibility', '=', 'public'), eb('c.id', 'in', active(viewerId))]))
        .orderBy('c.name')
        .orderBy('c.id')
        .execute();
      return rows;
    },

    /** The writer's latest activity the viewer may see (no circle, a public one, or one the viewer is in), newest first. */
    async activity(writerId: string, viewerId: string): Promise<ProfileActivityItem[]> {
      const rows = await db
        .selectFrom('activity as a')
        .innerJoin('users as u', 'u.id', 'a.actor_id')
        .leftJoin('circles as c', 'c.id', 'a.circle_id')
        .select(['a.id', 'a.kind', 'a.actor_id', 'u.display_name', 'a.circle_id', 'c.name', 'a.ref_id', 'a.title', 'a.created_at'])
        .where('a.actor_id', '=', writerId)
        .where((eb) => eb.or([eb('a.circle_id', 'is', null), eb('c.visibility', '=', 'public'), eb('a.circle_id', 'in', active(viewerId))]))
        // activity_by_actor (actor_id, created_at, id) serves this order.
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(PROFILE_LIMITS.activity)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as ProfileActivityItem['kind'],
        actorId: r.actor_id,
        actorName: r.display_name,
        circleId: r.circle_id,
        circleName: r.name,
        refId: r.ref_id,
        title: r.title,
        createdAt: r.created_at,
      }));
    },

    /** Applies a whole profile if its stamp is newer than the last applied; answers whether it was. */
    async update(accountId: string, p: { displayName: string; bio: string; genres: string[]; workingOn: WorkingOn | null; stamp: string }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await ensure(trx, accountId);
        const applied = await trx
          .updateTable('profiles')
          .set({
            working_title: p.workingOn?.title ?? null,
            working_genre: p.workingOn?.genre ?? null,
            working_words: p.workingOn?.words ?? null,
            stamp: p.stamp,
            updated_at: now().toISOString(),
          })
          .where('account_id', '=', accountId)
          .where('stamp', '<', p.stamp)
          .executeTakeFirst();
        if (Number(applied.numUpdatedRows) === 0) return false;
        await trx.updateTable('users').set({ display_name: p.displayName, bio: p.bio, genres: JSON.stringify(p.genres) }).where('id', '=', accountId).execute();
        return true;
      });
    },

    /** Applies a privacy choice if its stamp is newer than the last applied; answers whether it was. */
    async setPrivacy(accountId: string, privacy: ProfilePrivacy, stamp: string): Promise<boolean> {
      await ensure(db, accountId);
      const applied = await db
        .updateTable('profiles')
        .set({ privacy: JSON.stringify(privacy), privacy_stamp: stamp, updated_at: now().toISOString() })
        .where('account_id', '=', accountId)
        .where('privacy_stamp', '<', stamp)
        .executeTakeFirst();
      return Number(applied.numUpdatedRows) > 0;
    },
  };
}
export type ProfilesRepo = ReturnType<typeof createProfilesRepo>;
