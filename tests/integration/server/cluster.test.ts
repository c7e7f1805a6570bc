import pg from 'pg';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connect, must, newWriter, nextEvent } from '../../helpers/community';
import { startServerProcess } from '../../helpers/server-process';
import { serviceAvailable, TEST_PG, TEST_REDIS } from '../../helpers/services';

let available = false;
beforeAll(async () => {
  available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));
});

async function clusterDb(): Promise<string> {
  const schema = `margin_cluster_${Math.random().toString(36).slice(2, 10)}`;
  onTestFinished(async () => {
    const client = new pg.Client({ connectionString: TEST_PG });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  const url = new URL(TEST_PG);
  url.searchParams.set('schema', schema);
  return url.toString();
}

describe('two community server processes sharing PostgreSQL and Redis', () => {
  it('carries circle events and session revocations from one node to the other, and drains on SIGTERM', async ({ skip }) => {
    if (!available) skip();
    const db = await clusterDb();
    const a = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const b = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    for (const node of [a, b]) expect(await (await fetch(`${node.url}/healthz`)).json()).toMatchObject({ ok: true, store: 'postgres' });

    // The owner is on node A; the joiner on node B. The join happens on B; the event reaches A.
    const owner = await newWriter(a.url);
    const circle = await must(owner.socket, 'circle:create', { name: 'Across nodes' });
    const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
    const joiner = await newWriter(b.url);
    const joined = nextEvent(owner.socket, 'circle:memberJoined', 10_000);
    await must(joiner.socket, 'circle:join', { code });
    expect(await joined).toMatchObject({ circleId: circle.id, member: { userId: joiner.userId } });

    // A session used on node B is revoked from node A: B's socket is told and disconnected.
    const phone = await connect(b.url);
    const phoneSession = await must(phone, 'account:signIn', { username: owner.username, password: 'correct horse battery', device: 'Phone' });
    const phoneLive = await connect(b.url, phoneSession.token);
    const devices = await must(owner.socket, 'account:devices', {});
    const gone = new Promise((resolve) => phoneLive.once('disconnect', resolve));
    await must(owner.socket, 'account:revokeDevice', { id: devices.find((d) => d.device === 'Phone')!.id });
    expect(await gone).toBe('io server disconnect');

    // SIGTERM on A: its clients are disconnected, it exits cleanly; B keeps serving.
    const dropped = new Promise((resolve) => owner.socket.once('disconnect', resolve));
    expect(await a.stop('SIGTERM')).toBe(0);
    expect(await dropped).toMatch(/transport close|io server disconnect/);
    expect((await must(joiner.socket, 'circle:list', {})).map((c) => c.name)).toEqual(['Across nodes']);
  });

  it('runs one sprint across two nodes: writers on either node see the same leaderboard', async ({ skip }) => {
    if (!available) skip();
    const db = await clusterDb();
    const a = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const b = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const ana = await newWriter(a.url);
    const ben = await newWriter(b.url);
    const sprint = await must(ana.socket, 'sprint:create', { durationMin: 10 });
    await must(ben.socket, 'sprint:join', { sprintId: sprint.id });
    await must(ana.socket, 'sprint:progress', { sprintId: sprint.id, words: 30 });
    await must(ben.socket, 'sprint:progress', { sprintId: sprint.id, words: 45 });
    const seen = (socket: typeof ana.socket) =>
      new Promise<string>((resolve) => {
        const on = (tick: { totals: { words: number }; top: Array<{ userId: string; words: number }> }) => {
          if (tick.totals.words !== 75) return;
          socket.off('sprint:tick', on);
          resolve(tick.top.map((r) => `${r.userId}:${r.words}`).join(','));
        };
        socket.on('sprint:tick', on);
      });
    const [onA, onB] = await Promise.all([seen(ana.socket), seen(ben.socket)]);
    expect(onA).toBe(`${ben.userId}:45,${ana.userId}:30`);
    expect(onB).toBe(onA);
    // A cheer sent on node B reaches the writer on node A through Redis.
    const cheer = new Promise((resolve) => ana.socket.once('sprint:cheer', resolve));
    await must(ben.socket, 'sprint:cheer', { sprintId: sprint.id, toUserId: ana.userId, reaction: '👏' });
    expect(await cheer).toMatchObject({ fromUserId: ben.userId, reaction: '👏' });
  });
});
