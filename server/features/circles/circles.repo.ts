import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Circle, CircleMember, CircleRoleName } from '../../../shared/protocol/community-events';
import type { CircleMembersTable, CommunityDatabase } from '../../store/schema';

export const INVITE_DAYS = 14;
export type MembershipRole = CircleMembersTable['role'];

export function createCirclesRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  const circleFor = async (circleId: string, userId: string): Promise<Circle | undefined> => {
    const row = await db
      .selectFrom('circles')
      .innerJoin('circle_members', 'circle_members.circle_id', 'circles.id')
      .select(['circles.id', 'circles.name', 'circles.description', 'circles.created_at', 'circles.visibility', 'circle_members.role'])
      .where('circles.id', '=', circleId)
      .where('circle_members.user_id', '=', userId)
      .executeTakeFirst();
    if (!row || row.role === 'banned') return undefined;
    const count = await db
      .selectFrom('circle_members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('circle_id', '=', circleId)
      .where('role', '!=', 'banned')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      visibility: row.visibility,
      role: row.role as CircleRoleName,
      memberCount: Number(count.n),
      createdAt: row.created_at,
    };
  };

  const repo = {
    circleFor,
    /** The user's role in a circle: undefined for strangers; 'banned' for the banned. */
    async role(circleId: string, userId: string): Promise<MembershipRole | undefined> {
      const row = await db.selectFrom('circle_members').select('role').where('circle_id', '=', circleId).where('user_id', '=', userId).executeTakeFirst();
      return row?.role;
    },
    async create(ownerId: string, name: string, description: string): Promise<Circle> {
      const id = randomUUID();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('circles').values({ id, name, description, owner_id: ownerId, created_at: at }).execute();
        await trx.insertInto('circle_members').values({ circle_id: id, user_id: ownerId, role: 'owner', joined_at: at }).execute();
      });
      return (await circleFor(id, ownerId))!;
    },
    async listFor(userId: string): Promise<Circle[]> {
      const ids = await db.selectFrom('circle_members').select('circle_id').where('user_id', '=', userId).where('role', '!=', 'banned').execute();
      const circles = await Promise.all(ids.map((r) => circleFor(r.circle_id, userId)));
      return circles.filter((c): c is Circle => !!c).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async createInvite(circleId: string, userId: string) {
      const code = randomBytes(12).toString('base64url');
      const expires = new Date(now().getTime() + INVITE_DAYS * 86_400_000).toISOString();
      await db.insertInto('circle_invites').values({ code, circle_id: circleId, created_by: userId, created_at: now().toISOString(), expires_at: expires }).execute();
      return { code, circleId, expiresAt: expires };
    },
    async invite(code: string) {
      const row = await db.selectFrom('circle_invites').selectAll().where('code', '=', code).executeTakeFirst();
      return row && row.expires_at > now().toISOString() ? row : undefined;
    },
    /** Adds a member; an existing member keeps their role. */
    async addMember(circleId: string, userId: string) {
      await db
        .insertInto('circle_members')
        .values({ circle_id: circleId, user_id: userId, role: 'member', joined_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['circle_id', 'user_id']).doNothing())
        .execute();
    },
    async removeMember(circleId: string, userId: string) {
      await db.deleteFrom('circle_members').where('circle_id', '=', circleId).where('user_id', '=', userId).execute();
    },
    async setRole(circleId: string, userId: string, role: MembershipRole) {
      await db
        .insertInto('circle_members')
        .values({ circle_id: circleId, user_id: userId, role, joined_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['circle_id', 'user_id']).doUpdateSet({ role }))
        .execute();
    },
    async members(circleId: string): Promise<CircleMember[]> {
      const rows = await db
        .selectFrom('circle_members')
        .innerJoin('users', 'users.id', 'circle_members.user_id')
        .select(['users.id', 'users.username', 'users.display_name', 'circle_members.role', 'circle_members.joined_at'])
        .where('circle_members.circle_id', '=', circleId)
        .where('circle_members.role', '!=', 'banned')
        .orderBy('circle_members.joined_at')
        .execute();
      return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name, role: r.role as CircleRoleName, joinedAt: r.joined_at }));
    },
    async member(circleId: string, userId: string): Promise<CircleMember | undefined> {
      return (await repo.members(circleId)).find((m) => m.userId === userId);
    },
  };
  return repo;
}
export type CirclesRepo = ReturnType<typeof createCirclesRepo>;
