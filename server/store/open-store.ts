import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, sql, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { accountsAndCircles } from './migrations/0001-accounts-and-circles';
import { sprints } from './migrations/0002-sprints';
import { critique } from './migrations/0003-critique';
import { critiqueIndexes } from './migrations/0004-critique-indexes';
import { appliedOpsByWriter } from './migrations/0005-applied-ops-by-writer';
import { attempts } from './migrations/0006-attempts';
import { directory } from './migrations/0007-directory';
import { discussions } from './migrations/0008-discussions';
import { moderation } from './migrations/0009-moderation';
import { activity } from './migrations/0010-activity';
import { profiles } from './migrations/0011-profiles';
import { challenges } from './migrations/0012-challenges';
import { prompts } from './migrations/0013-prompts';
import { siteModeration } from './migrations/0014-site-moderation';
import { encouragement } from './migrations/0015-encouragement';
import { noticesKept } from './migrations/0016-notices-kept';
import type { CommunityDatabase } from './schema';
import { withStatementCache } from './statement-cache';

export type StoreKind = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<CommunityDatabase>;
  kind: StoreKind;
  close(): Promise<void>;
}

/** Every migration, in order. Append; never edit one that has shipped. */
export const migrationsFor = (kind: StoreKind): Record<string, Migration> => ({
  '0001-accounts-and-circles': accountsAndCircles,
  '0002-sprints': sprints,
  '0003-critique': critique(kind),
  '0004-critique-indexes': critiqueIndexes,
  '0005-applied-ops-by-writer': appliedOpsByWriter,
  '0006-attempts': attempts(kind),
  '0007-directory': directory,
  '0008-discussions': discussions,
  '0009-moderation': moderation,
  '0010-activity': activity,
  '0011-profiles': profiles,
  '0012-challenges': challenges,
  '0013-prompts': prompts,
  '0014-site-moderation': siteModeration,
  '0015-encouragement': encouragement(kind),
  '0016-notices-kept': noticesKept,
});

export interface OpenStoreOptions {
  /** PostgreSQL only: a schema to create and use (tests isolate themselves this way). */
  schema?: string;
}

/** The advisory lock key under which PostgreSQL stores migrate (and tests drop their schemas). */
export const MIGRATION_LOCK = 0x6d617267; // 'marg'

/** Opens `sqlite:<file>` or `postgres://…`, applies pending migrations, and returns the store. */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  let db: Kysely<CommunityDatabase>;
  let kind: StoreKind;
  // Kysely finds its migration tables by introspecting every schema; naming ours keeps another
  // schema's tables (another app, another test) from being mistaken for them.
  let migrationTableSchema: string | undefined;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Under Electron (the desktop app's local server) better-sqlite3 needs its Electron build.
    const sqlite = new BetterSqlite3(file, { nativeBinding: process.env.MARGIN_NATIVE_BINDING || undefined });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    kind = 'sqlite';
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    // `?schema=name` in the URL selects (and creates) a schema, e.g. one per deployment or test.
    const parsed = new URL(url);
    const schemaParam = parsed.searchParams.get('schema');
    if (schemaParam) {
      options = { ...options, schema: schemaParam };
      parsed.searchParams.delete('schema');
      url = parsed.toString();
    }
    if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error('Invalid schema name.');
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
    migrationTableSchema = options.schema ?? 'public';
  } else {
    throw new Error(`--db must be sqlite:<file> or postgres://…, not "${url.slice(0, 80)}".`);
  }
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(kind) };
  const migrate = (on: Kysely<CommunityDatabase>) => new Migrator({ db: on, provider, migrationTableSchema }).migrateToLatest();
  // On PostgreSQL, one migration at a time in the whole database: Kysely takes its own lock only
  // after looking for its tables in every schema, and that look fails ("column … does not
  // exist") while another node or store is changing tables in the same database. Several nodes
  // starting together, or test stores made side by side, wait for each other here instead.
  const { error } =
    kind === 'postgres'
      ? await db.connection().execute(async (conn) => {
          await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
          try {
            return await migrate(conn);
          } finally {
            await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
          }
        })
      : await migrate(db);
  if (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, close: () => db.destroy() };
}
