import type { Database } from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index';
import { assertNotNewer } from './schema-version';

/**
 * Applies each pending migration in its own transaction and records it. Returns the versions
 * applied. A database recording a version it does not know (a newer Margin's) is refused.
 */
export function migrate(db: Database, migrations: Migration[] = allMigrations, now = () => new Date()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  assertNotNewer(db, migrations);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        now().toISOString(),
      );
    })();
    done.push(migration.version);
  }
  return done;
}
