// One server process under test for bench:fanout. `margin`: Margin's community server with
// N seeded accounts in one circle (its room); `bare`: a plain socket.io server whose clients
// join one room. Commands on stdin: `baseline`, then `measure <broadcasts> <broadcaster 0|1>`.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import pino from 'pino';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { createCommunityServer } from '../../server/app';
import { createAccountsRepo } from '../../server/features/accounts/accounts.repo';
import { openStore } from '../../server/store/open-store';
import { circleRoom } from '../../server/socket/context';

const [kind, configJson] = process.argv.slice(2) as ['margin' | 'bare', string];
const config = JSON.parse(configJson) as { db?: string; redis?: string; seed?: number; circleId?: string; sprint?: boolean };
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const out = (line: string) => process.stdout.write(`${line}\n`);

let emitToRoom: (payload: unknown) => void;
let connections: () => number;

if (kind === 'margin') {
  const store = await openStore(config.db!);
  let circleId = config.circleId ?? '';
  if (config.seed) {
    // Seed accounts, sessions and one circle directly: registering 2,000 people through scrypt is not what is measured.
    const accounts = createAccountsRepo(store.db);
    const now = new Date().toISOString();
    const users = Array.from({ length: config.seed }, (_, i) => ({
      id: randomUUID(), username: `bench_${i}`, password_hash: 'x', display_name: `Writer ${i}`, bio: '', genres: '[]', links: '[]', roles: '["writer"]', created_at: now,
    }));
    for (let i = 0; i < users.length; i += 500) await store.db.insertInto('users').values(users.slice(i, i + 500)).execute();
    circleId = randomUUID();
    await store.db.insertInto('circles').values({ id: circleId, name: 'Bench', description: '', owner_id: users[0]!.id, created_at: now }).execute();
    const members = users.map((u, i) => ({ circle_id: circleId, user_id: u.id, role: i === 0 ? ('owner' as const) : ('member' as const), joined_at: now }));
    for (let i = 0; i < members.length; i += 500) await store.db.insertInto('circle_members').values(members.slice(i, i + 500)).execute();
    const tokens: string[] = [];
    for (const u of users) tokens.push((await accounts.createSession(u.id, 'bench')).token);
    let sprintId = '';
    if (config.sprint) {
      // One running sprint with every seeded writer in it (bench:sprint).
      sprintId = randomUUID();
      const start = Date.now() - 60_000;
      await store.db.insertInto('sprints').values({ id: sprintId, circle_id: null, created_by: users[0]!.id, title: 'Bench sprint', starts_at: new Date(start).toISOString(), ends_at: new Date(start + 120 * 60_000).toISOString(), duration_min: 120, goal_words: null, created_at: now }).execute();
      const writers = users.map((u) => ({ sprint_id: sprintId, user_id: u.id, joined_at: now, words: 0, updated_at: now, flagged: 0, left_at: null }));
      for (let i = 0; i < writers.length; i += 500) await store.db.insertInto('sprint_writers').values(writers.slice(i, i + 500)).execute();
    }
    out(`SEED ${JSON.stringify({ circleId, sprintId, tokens })}`);
  }
  const redis = config.redis ? createClient({ url: config.redis }) : undefined;
  await redis?.connect();
  const server = createCommunityServer({ store, redis, logger: pino({ level: 'silent' }), limits: { burst: 1000, perSecond: 1000 } });
  out(`PORT ${await server.listen(0)}`);
  emitToRoom = (payload) => server.io.to(circleRoom(circleId)).emit('circle:memberJoined', payload as never);
  connections = () => server.io.engine.clientsCount;
} else {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => void socket.join('room'));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  out(`PORT ${(httpServer.address() as AddressInfo).port}`);
  emitToRoom = (payload) => io.to('room').emit('tick', payload);
  connections = () => io.engine.clientsCount;
}

let baseHeap = 0;
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, count, broadcaster] = line.trim().split(' ');
  if (command === 'baseline') {
    gc();
    baseHeap = process.memoryUsage().heapUsed;
    out('OK');
  } else if (command === 'measure') {
    gc();
    const heapPerConnection = (process.memoryUsage().heapUsed - baseHeap) / Math.max(1, connections());
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < Number(count); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (broadcaster === '1') {
        emitToRoom({ circleId: 'bench', member: { userId: randomUUID(), username: 'someone', displayName: 'Someone new', role: 'member', joinedAt: new Date().toISOString() }, sentAt: Date.now() });
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    out(`STATS ${JSON.stringify({ cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100, heapPerConnection, connections: connections() })}`);
  } else if (command === 'exit') {
    process.exit(0);
  }
}
