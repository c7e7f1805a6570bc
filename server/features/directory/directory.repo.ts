import { sql, type Kysely } from 'kysely';
import type { CircleListing, DirectoryCircle, DirectoryPage, JoinRequest } from '../../../shared/protocol/directory-events';
import type { CircleVisibilityName } from '../../../shared/protocol/directory-schemas';
import type { CommunityDatabase } from '../../store/schema';

export const ACTIVITY_DAYS = 30;

export interface DirectoryQuery {
  query: string;
  genre?: string;
  language?: string;
  visibility?: 'public' | 'closed';
  after?: string;
  limit: number;
}

/** LIKE pattern for a writer's words: their % and _ are literal. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createDirectoryRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  const listingOf = (row: { id: string; visibility: CircleVisibilityName; genres: string; language: string | null; time_zone: string | null }): CircleListing => ({
    circleId: row.id,
    visibility: row.visibility,
    genres: JSON.parse(row.genres) as string[],
    language: row.language,
    timeZone: row.time_zone,
  });

  const circle = (circleId: string) =>
    db.selectFrom('circles').select(['id', 'name', 'visibility', 'genres', 'language', 'time_zone']).where('id', '=', circleId).executeTakeFirst();

  return {
    circle,
    /**
     * One page of listed circles, newest first, resuming after `after` (created_at|id) so a page
     * costs the same however deep. Size and activity (shares, sprints and discussion posts in
     * the last 30 days) are counted per circle on the page only.
     */
    async search(userId: string, q: DirectoryQuery): Promise<DirectoryPage> {
      const since = new Date(now().getTime() - ACTIVITY_DAYS * 86_400_000).toISOString();
      let query = db
        .selectFrom('circles')
        .select((eb) => [
          'circles.id',
          'circles.name',
          'circles.description',
          'circles.visibility',
          'circles.genres',
          'circles.language',
          'circles.time_zone',
          'circles.created_at',
          eb.selectFrom('circle_members').select(eb.fn.countAll<string>().as('n')).whereRef('circle_members.circle_id', '=', 'circles.id').where('circle_members.role', '!=', 'banned').as('members'),
          eb.selectFrom('shares').select(eb.fn.countAll<string>().as('n')).whereRef('shares.circle_id', '=', 'circles.id').where('shares.created_at', '>=', since).as('shares'),
          eb.selectFrom('sprints').select(eb.fn.countAll<string>().as('n')).whereRef('sprints.circle_id', '=', 'circles.id').where('sprints.created_at', '>=', since).as('sprints'),
          eb
            .selectFrom('discussion_posts')
            .innerJoin('discussion_threads', 'discussion_threads.id', 'discussion_posts.thread_id')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('discussion_threads.circle_id', '=', 'circles.id')
            .where('discussion_posts.created_at', '>=', since)
            .as('posts'),
          eb.selectFrom('circle_members').select('circle_members.role').whereRef('circle_members.circle_id', '=', 'circles.id').where('circle_members.user_id', '=', userId).as('role'),
          eb.selectFrom('circle_join_requests').select('circle_join_requests.user_id').whereRef('circle_join_requests.circle_id', '=', 'circles.id').where('circle_join_requests.user_id', '=', userId).as('requested'),
        ])
        .where('circles.visibility', 'in', q.visibility ? [q.visibility] : ['public', 'closed']);
      if (q.query) {
        const pattern = containing(q.query);
        query = query.where((eb) => eb.or([eb(sql`lower(circles.name)`, 'like', sql`${pattern} escape '\\'`), eb(sql`lower(circles.description)`, 'like', sql`${pattern} escape '\\'`)]));
      }
      // Genres are kept as a JSON list of lower-case words: a genre matches its quoted form.
      if (q.genre) query = query.where('circles.genres', 'like', containing(JSON.stringify(q.genre)));
      if (q.language) query = query.where(sql`lower(circles.language)`, '=', q.language.toLowerCase());
      if (q.after) {
        const [at, id] = q.after.split('|') as [string, string];
        query = query.where((eb) => eb.or([eb('circles.created_at', '<', at), eb.and([eb('circles.created_at', '=', at), eb('circles.id', '<', id)])]));
      }
      const rows = await query.orderBy('circles.created_at', 'desc').orderBy('circles.id', 'desc').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      const circles: DirectoryCircle[] = page.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        visibility: r.visibility as DirectoryCircle['visibility'],
        genres: JSON.parse(r.genres) as string[],
        language: r.language,
        timeZone: r.time_zone,
        memberCount: Number(r.members ?? 0),
        activity30d: Number(r.shares ?? 0) + Number(r.sprints ?? 0) + Number(r.posts ?? 0),
        createdAt: r.created_at,
        standing: r.role && r.role !== 'banned' ? 'member' : r.requested ? 'requested' : 'none',
      }));
      const last = page.at(-1);
      return { circles, next: rows.length > q.limit && last ? `${last.created_at}|${last.id}` : null };
    },

    async listing(circleId: string): Promise<CircleListing | undefined> {
      const row = await circle(circleId);
      return row && listingOf(row);
    },
    async setListing(listing: CircleListing): Promise<void> {
      await db
        .updateTable('circles')
        .set({ visibility: listing.visibility, genres: JSON.stringify([...new Set(listing.genres)]), language: listing.language, time_zone: listing.timeZone })
        .where('id', '=', listing.circleId)
        .execute();
    },

    /** Asks to join; asking again keeps the first request (and its place in the queue). */
    async request(circleId: string, userId: string, note: string): Promise<void> {
      await db
        .insertInto('circle_join_requests')
        .values({ circle_id: circleId, user_id: userId, note, created_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['circle_id', 'user_id']).doNothing())
        .execute();
    },
    async requests(circleId: string, userId?: string): Promise<JoinRequest[]> {
      let query = db
        .selectFrom('circle_join_requests')
        .innerJoin('users', 'users.id', 'circle_join_requests.user_id')
        .select(['circle_join_requests.circle_id', 'circle_join_requests.user_id', 'circle_join_requests.note', 'circle_join_requests.created_at', 'users.username', 'users.display_name'])
        .where('circle_join_requests.circle_id', '=', circleId);
      if (userId) query = query.where('circle_join_requests.user_id', '=', userId);
      const rows = await query.orderBy('circle_join_requests.created_at').execute();
      return rows.map((r) => ({ circleId: r.circle_id, userId: r.user_id, username: r.username, displayName: r.display_name, note: r.note, createdAt: r.created_at }));
    },
    /** Removes a request; says whether there was one. */
    async settle(circleId: string, userId: string): Promise<boolean> {
      const result = await db.deleteFrom('circle_join_requests').where('circle_id', '=', circleId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
export type DirectoryRepo = ReturnType<typeof createDirectoryRepo>;
