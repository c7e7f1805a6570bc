// One server process under test for bench:fanout and bench:sprint. `margin`: Margin's community
// server, optionally seeded with N accounts in one circle, joiners (accounts with a session who
// are not members yet, and an invite to the circle) and a running sprint; `bare`: a plain
// socket.io server whose clients join one room and whose `join` event broadcasts to it, the
// least a server can do for the same fanout. Commands on stdin: `baseline`, `begin`, `end`,
// `snapshot <file>` (a V8 heap snapshot, to see what each connection holds), `exit`.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import v8 from 'node:v8';
import pino from 'pino';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { createCommunityServer } from '../../server/app';
import { createAccountsRepo } from '../../server/features/accounts/accounts.repo';
import { createCirclesRepo } from '../../server/features/circles/circles.repo';
import { openStore } from '../../server/store/open-store';

export interface NodeConfig {
  db?: string;
  redis?: string;
  /** Circle members to seed (each with a session). */
  seed?: number;
  /** Accounts with a session who are not in the circle yet: one per `circle:join` the bench makes. */
  joiners?: number;
  /** Put every seeded member in one running sprint (bench:sprint). */
  sprint?: boolean;
}
export interface NodeSeed {
  circleId: string;
  sprintId: string;
  inviteCode: string;
  tokens: string[];
  joiners: Array<{ userId: string; token: string }>;
}

const [kind, configJson] = process.argv.slice(2) as ['margin' | 'bare', string];
const config = JSON.parse(configJson) as NodeConfig;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const out = (line: string) => process.stdout.write(`${line}\n`);

let connections: () => number;

if (kind === 'margin') {
  const store = await openStore(config.db!);
  if (config.seed) {
    // Seed accounts, sessions and one circle directly: registering 2,000 people through scrypt is not what is measured.
    const accounts = createAccountsRepo(store.db);
    const now = new Date().toISOString();
    const newUsers = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: randomUUID(), username: `${prefix}_${i}`, password_hash: 'x', display_name: `Writer ${prefix} ${i}`, bio: '', genres: '[]', links: '[]', roles: '["writer"]', created_at: now,
      }));
    const users = newUsers('bench', config.seed);
    const joiners = newUsers('joiner', config.joiners ?? 0);
    const all = [...users, ...joiners];
    for (let i = 0; i < all.length; i += 500) await store.db.insertInto('users').values(all.slice(i, i + 500)).execute();
    const circleId = randomUUID();
    await store.db.insertInto('circles').values({ id: circleId, name: 'Bench', description: '', owner_id: users[0]!.id, created_at: now }).execute();
    const members = users.map((u, i) => ({ circle_id: circleId, user_id: u.id, role: i === 0 ? ('owner' as const) : ('member' as const), joined_at: now }));
    for (let i = 0; i < members.length; i += 500) await store.db.insertInto('circle_members').values(members.slice(i, i + 500)).execute();
    const tokens: string[] = [];
    for (const u of users) tokens.push((await accounts.createSession(u.id, 'bench')).token);
    const joinerSessions = [];
    for (const u of joiners) joinerSessions.push({ userId: u.id, token: (await accounts.createSession(u.id, 'bench')).token });
    const inviteCode = (await createCirclesRepo(store.db).createInvite(circleId, users[0]!.id)).code;
    let sprintId = '';
    if (config.sprint) {
      // One running sprint with every seeded writer in it (bench:sprint).
      sprintId = randomUUID();
      const start = Date.now() - 60_000;
      await store.db.insertInto('sprints').values({ id: sprintId, circle_id: null, created_by: users[0]!.id, title: 'Bench sprint', starts_at: new Date(start).toISOString(), ends_at: new Date(start + 120 * 60_000).toISOString(), duration_min: 120, goal_words: null, created_at: now }).execute();
      const writers = users.map((u) => ({ sprint_id: sprintId, user_id: u.id, joined_at: now, words: 0, updated_at: now, flagged: 0, left_at: null }));
      for (let i = 0; i < writers.length; i += 500) await store.db.insertInto('sprint_writers').values(writers.slice(i, i + 500)).execute();
    }
    const seed: NodeSeed = { circleId, sprintId, inviteCode, tokens, joiners: joinerSessions };
    out(`SEED ${JSON.stringify(seed)}`);
  }
  const redis = config.redis ? createClient({ url: config.redis }) : undefined;
  await redis?.connect();
  const server = createCommunityServer({ store, redis, logger: pino({ level: 'silent' }), limits: { burst: 1000, perSecond: 1000 } });
  out(`PORT ${await server.listen(0)}`);
  connections = () => server.io.engine.clientsCount;
} else {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => {
    void socket.join('room');
    // The minimal equivalent of Margin's circle:join: one client's event, one broadcast to the room, an answer.
    socket.on('join', (payload: { id: string }, ack: (answer: unknown) => void) => {
      io.to('room').emit('joined', { id: payload.id });
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  out(`PORT ${(httpServer.address() as AddressInfo).port}`);
  connections = () => io.engine.clientsCount;
}

let baseHeap = 0;
let heapPerConnection = 0;
let cpu0 = process.cpuUsage();
let t0 = performance.now();
const heapPerConnectionNow = () => (gc(), (process.memoryUsage().heapUsed - baseHeap) / Math.max(1, connections()));
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(' ');
  if (command === 'baseline') {
    gc();
    baseHeap = process.memoryUsage().heapUsed;
    out('OK');
  } else if (command === 'begin') {
    heapPerConnection = heapPerConnectionNow();
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    out('OK');
  } else if (command === 'end') {
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    // The heap at the start of the measured window, and at its end (with what the window added: recovery buffers, caches).
    out(`STATS ${JSON.stringify({ cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100, heapPerConnection, heapPerConnectionEnd: heapPerConnectionNow(), connections: connections() })}`);
  } else if (command === 'snapshot') {
    gc();
    out(`SNAPSHOT ${v8.writeHeapSnapshot(arg)}`);
  } else if (command === 'exit') {
    process.exit(0);
  }
}
