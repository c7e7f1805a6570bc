import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Account, Device, SiteRoleName } from '../../../shared/protocol/community-events';
import type { CommunityDatabase, UsersTable } from '../../store/schema';

export const SESSION_DAYS = 90;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export const toAccount = (row: UsersTable): Account => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  bio: row.bio,
  genres: JSON.parse(row.genres) as string[],
  links: JSON.parse(row.links) as string[],
  roles: JSON.parse(row.roles) as SiteRoleName[],
  createdAt: row.created_at,
});

export function createAccountsRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  return {
    byUsername: (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    byId: (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Returns undefined when the username is taken (the unique index decides, not a racy read). */
    async create(username: string, passwordHash: string): Promise<UsersTable | undefined> {
      const row: UsersTable = {
        id: randomUUID(),
        username,
        password_hash: passwordHash,
        display_name: username,
        bio: '',
        genres: '[]',
        links: '[]',
        roles: '["writer"]',
        created_at: now().toISOString(),
      };
      const inserted = await db.insertInto('users').values(row).onConflict((oc) => oc.column('username').doNothing()).executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? row : undefined;
    },

    async updateProfile(id: string, patch: { displayName?: string; bio?: string; genres?: string[]; links?: string[] }) {
      const values: Partial<UsersTable> = {};
      if (patch.displayName !== undefined) values.display_name = patch.displayName;
      if (patch.bio !== undefined) values.bio = patch.bio;
      if (patch.genres !== undefined) values.genres = JSON.stringify(patch.genres);
      if (patch.links !== undefined) values.links = JSON.stringify(patch.links);
      if (Object.keys(values).length > 0) await db.updateTable('users').set(values).where('id', '=', id).execute();
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },

    async setRoles(id: string, roles: SiteRoleName[]) {
      await db.updateTable('users').set({ roles: JSON.stringify([...new Set(roles)]) }).where('id', '=', id).execute();
    },

    /** A new session: the raw token goes to the client once; only its hash is stored. */
    async createSession(userId: string, device: string) {
      const token = randomBytes(32).toString('base64url');
      const created = now();
      const expires = new Date(created.getTime() + SESSION_DAYS * 86_400_000);
      const id = randomUUID();
      await db
        .insertInto('sessions')
        .values({
          id,
          user_id: userId,
          token_hash: hashToken(token),
          device,
          created_at: created.toISOString(),
          last_seen_at: created.toISOString(),
          expires_at: expires.toISOString(),
          revoked_at: null,
        })
        .execute();
      return { id, token, expiresAt: expires.toISOString() };
    },

    /** The live session for a token, or undefined if unknown, expired or revoked. */
    async sessionForToken(token: string) {
      const session = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
      if (!session || session.revoked_at || session.expires_at <= now().toISOString()) return undefined;
      await db.updateTable('sessions').set({ last_seen_at: now().toISOString() }).where('id', '=', session.id).execute();
      return session;
    },

    async devices(userId: string, currentSessionId: string | null): Promise<Device[]> {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now().toISOString())
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map((s) => ({
        id: s.id,
        device: s.device,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        expiresAt: s.expires_at,
        current: s.id === currentSessionId,
      }));
    },

    /** Revokes one of the user's own sessions; false if it is not theirs. */
    async revoke(userId: string, sessionId: string): Promise<boolean> {
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', sessionId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
