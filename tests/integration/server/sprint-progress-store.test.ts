import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSprintsRepo } from '../../../server/features/sprints/sprints.repo';
import { freshStore, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) describe.skipIf(kind === 'postgres' && !pg)(`sprint totals stored in batches on ${kind}`, () => {
  it('stores many concurrent totals, the latest per writer, each answered only once stored', async () => {
    const store = await freshStore(kind);
    const sprints = createSprintsRepo(store.db);
    const now = new Date().toISOString();
    const users = Array.from({ length: 60 }, (_, i) => ({ id: randomUUID(), username: `w${i}`, password_hash: 'x', display_name: `Writer ${i}`, bio: '', genres: '[]', links: '[]', roles: '["writer"]', created_at: now }));
    await store.db.insertInto('users').values(users).execute();
    const sprint = await sprints.create({ circleId: null, title: 'Batch', durationMin: 30, startsInMin: 0, goalWords: null }, users[0]!.id);
    for (const u of users) await sprints.join(sprint.id, u.id);
    const joined = (await sprints.writer(sprint.id, users[0]!.id))!.joined_at;
    // Sixty writers at once, and writer 0 three times in a row (its running total grows).
    const sent = [
      ...users.map((u, i) => sprints.progress(sprint, u.id, 10 + i, joined)),
      sprints.progress(sprint, users[0]!.id, 40, joined),
      sprints.progress(sprint, users[0]!.id, 55, joined),
    ];
    const answers = await Promise.all(sent);
    expect(answers.at(-1)).toEqual({ words: 55, flagged: false });
    const stored = new Map((await sprints.writers(sprint.id)).map((w) => [w.userId, w]));
    expect(stored.get(users[0]!.id)).toMatchObject({ words: 55, flagged: false });
    users.slice(1).forEach((u, i) => expect(stored.get(u.id)?.words).toBe(11 + i));
    // An absurd total in the same kind of batch is stored flagged.
    await Promise.all([sprints.progress(sprint, users[1]!.id, 500_000, joined), sprints.progress(sprint, users[2]!.id, 30, joined)]);
    const after = new Map((await sprints.writers(sprint.id)).map((w) => [w.userId, w]));
    expect(after.get(users[1]!.id)).toMatchObject({ words: 500_000, flagged: true });
    expect(after.get(users[2]!.id)).toMatchObject({ words: 30, flagged: false });
  });
});
