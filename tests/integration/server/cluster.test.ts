import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import { call, connect, must, newWriter, nextEvent, testSchemaUrl, type ClientSocket } from '../../helpers/community';
import { startServerProcess } from '../../helpers/server-process';
import { serviceAvailable, TEST_REDIS } from '../../helpers/services';

let available = false;
beforeAll(async () => {
  available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));
});

const clusterDb = async (): Promise<string> => testSchemaUrl('margin_cluster');

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

/** A client that reconnects by itself, recovering its connection state as a studio does. */
function recoveringClient(url: string, token: string): Promise<ClientSocket> {
  const socket: ClientSocket = connectClient(url, { transports: ['websocket'], auth: { token }, reconnectionDelay: 100, reconnectionDelayMax: 200, forceNew: true });
  onTestFinished(() => void socket.disconnect());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Counts the sprint's ticks a socket gets from now on. */
function tickCounter(socket: ClientSocket, sprintId: string) {
  let count = 0;
  socket.on('sprint:tick', (tick) => {
    if (tick.sprintId === sprintId) count++;
  });
  return { get count() { return count; }, reset: () => (count = 0) };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('limits and membership across nodes', () => {
  it('blocks on node B a username whose sign-ins failed on node A (Redis)', async ({ skip }) => {
    if (!available) skip();
    const db = await clusterDb();
    const a = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const b = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const victim = await newWriter(a.url);
    const guesser = await connect(a.url);
    for (let i = 0; i < 5; i++) expect(await call(guesser, 'account:signIn', { username: victim.username, password: `wrong guess ${i}`, device: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const elsewhere = await connect(b.url);
    expect(await call(elsewhere, 'account:signIn', { username: victim.username, password: 'correct horse battery', device: 'x' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  }, 60_000);

  it('takes a banned member off the circle sprint on every node, also after their socket recovers its connection', async ({ skip }) => {
    if (!available) skip();
    const db = await clusterDb();
    const a = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const b = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const owner = await newWriter(a.url);
    const circle = await must(owner.socket, 'circle:create', { name: 'Night shift' });
    const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
    const member = await newWriter(b.url);
    const stays = await newWriter(b.url); // keeps node B ticking this sprint
    for (const w of [member, stays]) await must(w.socket, 'circle:join', { code });
    const sprint = await must(owner.socket, 'sprint:create', { circleId: circle.id, durationMin: 10 });
    for (const w of [member, stays]) await must(w.socket, 'sprint:join', { sprintId: sprint.id });
    const live = await recoveringClient(b.url, member.session.token);
    const ticks = tickCounter(live, sprint.id);
    const staying = tickCounter(stays.socket, sprint.id);
    const oldSocket = tickCounter(member.socket, sprint.id);
    await sleep(1500);
    expect(ticks.count).toBeGreaterThan(0);

    // A broadcast through the adapter carries an offset: what connection state recovery resumes from.
    const cheered = new Promise<void>((resolve) => live.once('sprint:cheer', () => resolve()));
    await must(stays.socket, 'sprint:cheer', { sprintId: sprint.id, toUserId: member.userId, reaction: '🔥' });
    await cheered;
    // Dropped for a moment; banned from node A meanwhile; back with its connection state recovered.
    live.io.engine.close();
    await must(owner.socket, 'circle:ban', { circleId: circle.id, userId: member.userId });
    await new Promise<void>((resolve) => live.once('connect', () => resolve()));
    expect(live.recovered).toBe(true);
    await sleep(300);
    ticks.reset();
    oldSocket.reset();
    staying.reset();
    await sleep(2500);
    expect(staying.count).toBeGreaterThan(0);
    expect(ticks.count).toBe(0);
    expect(oldSocket.count).toBe(0);
    expect(await call(member.socket, 'sprint:progress', { sprintId: sprint.id, words: 10 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A fresh connection does not put them back either.
    const fresh = await connect(b.url, member.session.token);
    const freshTicks = tickCounter(fresh, sprint.id);
    await sleep(2000);
    expect(freshTicks.count).toBe(0);
  }, 60_000);

  it('signing out ends every socket of that session on every node, each told why', async ({ skip }) => {
    if (!available) skip();
    const db = await clusterDb();
    const a = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const b = await startServerProcess(['--db', db, '--redis', TEST_REDIS]);
    const writer = await newWriter(a.url);
    const onA = await connect(a.url, writer.session.token);
    const onB = await connect(b.url, writer.session.token);
    const told = nextEvent(onB, 'session:revoked', 10_000);
    const gone = new Promise((resolve) => onB.once('disconnect', resolve));
    await must(onA, 'account:signOut', {});
    expect(await told).toMatchObject({ reason: expect.stringContaining('signed out') });
    expect(await gone).toBe('io server disconnect');
    expect(onA.connected).toBe(true); // the socket that signed out stays, anonymous
    await expect(connect(b.url, writer.session.token)).rejects.toMatchObject({ code: 'unauthorized' });
  }, 60_000);
});
