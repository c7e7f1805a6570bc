import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshStore } from '../../helpers/community';

describe('community store indexes (SQLite)', () => {
  it('lists and numbers a share’s versions from an index, never reading the drafts', async () => {
    const store = await freshStore('sqlite');
    const plan = async (query: string) => (await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`).execute(store.db)).rows.map((r) => r.detail).join('; ');
    expect(await plan("SELECT id, share_id, number, word_count, created_at FROM share_versions WHERE share_id IN ('a', 'b') ORDER BY number")).toMatch(/COVERING INDEX share_versions_listed/);
    expect(await plan("SELECT max(number) FROM share_versions WHERE share_id = 'a'")).toMatch(/COVERING INDEX/);
    expect(await plan("SELECT id FROM critiques WHERE share_id = 's' ORDER BY created_at")).toMatch(/INDEX critiques_by_share/);
    await store.close();
  });
});
