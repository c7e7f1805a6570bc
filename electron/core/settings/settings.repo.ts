import type { Database } from 'better-sqlite3';
import type { Settings } from '../../../shared/api/studio-api';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings';

/** The writer's settings: one row per key, JSON values; what was never set comes from the defaults. */
export function createSettingsRepo(db: Database) {
  const select = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const repo = {
    get(): Settings {
      const stored = Object.fromEntries(select.all().map((row) => [row.key, JSON.parse(row.value) as unknown]));
      return { ...DEFAULT_SETTINGS, ...stored } as Settings;
    },
    set(patch: Partial<Settings>): Settings {
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined && key in DEFAULT_SETTINGS) upsert.run(key, JSON.stringify(value));
        }
      })();
      return repo.get();
    },
  };
  return repo;
}
