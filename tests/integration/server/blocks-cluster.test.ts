import { beforeAll, describe, expect, it } from 'vitest';
import type { Circle, Sprint } from '../../../shared/protocol/community-events';
import { testSchemaUrl } from '../../helpers/community';
import { startServerProcess } from '../../helpers/server-process';
import { serviceAvailable, TEST_REDIS } from '../../helpers/services';
import { call, studioFor } from '../../helpers/studio';

let available = false;
beforeAll(async () => {
  available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));
});

const clusterDb = async (): Promise<string> => testSchemaUrl('margin_blocks');

describe('a block across a two-node cluster (PostgreSQL and Redis), a studio on each node', () => {
  it('takes effect on the other node within a second: the blocked writer’s attempt there is refused', async ({ skip }) => {
    if (!available) skip();
    const db = await clusterDb();
    const a = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const b = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const ann = await studioFor(a.url, `ann_${Math.random().toString(36).slice(2, 6)}`);
    const bo = await studioFor(b.url, `bo_${Math.random().toString(36).slice(2, 6)}`);
    const circle = await call<Circle>(ann.core, 'circles.create', { name: 'Two nodes' });
    await call(ann.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    await call(bo.core, 'directory.join', { circleId: circle.id });
    const sprint = await call<Sprint>(ann.core, 'sprints.create', { circleId: circle.id, durationMin: 30, title: 'Evening sprint' });
    const second = await call<Sprint>(ann.core, 'sprints.create', { circleId: circle.id, durationMin: 30, title: 'Late sprint' });
    // Before the block, Bo on node B may join Ann's sprint.
    expect((await bo.core.call('sprints.join', { sprintId: second.id })).ok).toBe(true);

    // Ann blocks Bo on node A; on node B, Bo's next attempt is refused. Polled for at most a second.
    await call(ann.core, 'moderation.block', { userId: bo.userId, blocked: true });
    const blockedAt = Date.now();
    let answer = await bo.core.call('sprints.join', { sprintId: sprint.id });
    while (answer.ok && Date.now() - blockedAt < 1000) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await bo.core.call('sprints.join', { sprintId: sprint.id });
    }
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This writer has blocked you.' } });
    // Bo's sprint, made on node B, is not in Ann's list on node A.
    const bos = await call<Sprint>(bo.core, 'sprints.create', { circleId: circle.id, durationMin: 30, title: 'Bo’s sprint' });
    expect((await call<Sprint[]>(ann.core, 'sprints.list', {})).map((s) => s.id)).not.toContain(bos.id);

    // Unblocked on node A: Bo may join again on node B.
    await call(ann.core, 'moderation.block', { userId: bo.userId, blocked: false });
    expect((await bo.core.call('sprints.join', { sprintId: sprint.id })).ok).toBe(true);
  }, 60_000);
});
