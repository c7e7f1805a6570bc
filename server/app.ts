import { invitePage } from './features/circles/invite-page';
import { publicOrigin } from './socket/public-origin';
import { clientAddress, trustedProxies } from './socket/client-address';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import { accountsHandlers } from './features/accounts/accounts.handlers';
import { createAccountsRepo } from './features/accounts/accounts.repo';
import { sessionGate } from './features/accounts/session-gate';
import { createPasswordHasher, type HasherLimits } from './features/accounts/password';
import { circlesHandlers } from './features/circles/circles.handlers';
import { createCirclesRepo } from './features/circles/circles.repo';
import { critiqueHandlers } from './features/critique/critique.handlers';
import { directoryHandlers } from './features/directory/directory.handlers';
import { createDirectoryRepo } from './features/directory/directory.repo';
import { discussionsHandlers } from './features/discussions/discussions.handlers';
import { createDiscussionsRepo } from './features/discussions/discussions.repo';
import { moderationHandlers } from './features/moderation/moderation.handlers';
import { activityHandlers } from './features/activity/activity.handlers';
import { createActivityRepo } from './features/activity/activity.repo';
import { startSprintResults } from './features/activity/sprint-results';
import { challengesHandlers } from './features/challenges/challenges.handlers';
import { createChallengesRepo } from './features/challenges/challenges.repo';
import { createModerationRepo } from './features/moderation/moderation.repo';
import { createBadgesRepo } from './features/profiles/badges.repo';
import { profilesHandlers } from './features/profiles/profiles.handlers';
import { createProfilesRepo } from './features/profiles/profiles.repo';
import { promptsHandlers } from './features/prompts/prompts.handlers';
import { createPromptsRepo } from './features/prompts/prompts.repo';
import { createSprintTicker } from './features/sprints/sprint-ticker';
import { sprintsHandlers } from './features/sprints/sprints.handlers';
import { createSprintsRepo } from './features/sprints/sprints.repo';
import type { CommunityIo } from './socket/context';
import { RecoveryAdapter } from './socket/recovery-adapter';
import { redisAttemptCounter, redisWindowLimiter, storeAttemptCounter, storeWindowLimiter, type RedisCommands, type RedisWindowCommands, type WindowRule } from './socket/rate-limit';
import { createPostingGate } from './features/moderation/posting-gate';
import { registerHandlers, type Handlers } from './socket/register-handlers';
import { createRooms, sprintRoom } from './socket/rooms';
import type { Store } from './store/open-store';

export const SERVER_VERSION = '0.1.0';
/** Largest frame a client may send; bigger ones close the connection. */
export const MAX_FRAME_BYTES = 1_800_000; // a shared draft of up to 1.2 MB, escaped inside its operation

export interface CommunityServerOptions {
  store: Store;
  /** A connected node-redis client: enables the Redis Streams adapter for several nodes. */
  redis?: unknown;
  /** Names this deployment's keys in a Redis that others may share (the CLI derives it from --db). */
  clusterName?: string;
  logger?: Logger;
  now?: () => Date;
  limits?: { burst: number; perSecond: number };
  signInLimit?: { failures: number; windowMs: number };
  /** New accounts per address and in all, in a sliding window (shared by every node). */
  registrationLimit?: { perAddress: WindowRule; global: WindowRule };
  /** scrypt jobs at once, and how many of them registrations may hold. */
  hashing?: HasherLimits;
  /** How often sprint leaderboards go out (default 1000 ms). */
  tickMs?: number;
  /** How often finished sprints' results are looked for, for the activity feed (default 15 s). */
  resultsMs?: number;
  /** Multiplies every posting limit (shared/rules/limits.ts); tests not about limits raise them. Default 1. */
  postLimitScale?: number;
  /** The address writers reach this server at (behind a proxy, say): invites carry it. Default: what each request came to. */
  publicUrl?: string;
  /** Reverse proxies whose X-Forwarded-For names the writer (addresses, CIDR ranges, `loopback`, `private`). */
  trustProxy?: string[];
}

export interface CommunityServer {
  io: CommunityIo;
  http: http.Server;
  /** Starts listening; resolves with the port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Disconnects every client, stops listening and closes the store. */
  close(): Promise<void>;
}

/** The community server. A factory that never listens by itself, so tests and the CLI decide where. */
export function createCommunityServer(options: CommunityServerOptions): CommunityServer {
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const { store } = options;
  const accounts = createAccountsRepo(store.db, options.now);
  const circles = createCirclesRepo(store.db, options.now);
  const sprints = createSprintsRepo(store.db, options.now);
  const activity = createActivityRepo(store.db, options.now);
  // One badge store: profiles list it, and features that award badges (challenges) are handed it.
  const badges = createBadgesRepo(store.db, options.now);
  const clock = () => (options.now ? options.now().getTime() : Date.now());
  // Limits every node shares: in Redis when there is one, else in the store.
  const counter = (name: string, rule: WindowRule) =>
    options.redis ? redisAttemptCounter(options.redis as RedisCommands, `${options.clusterName ?? 'margin'}:${name}`, rule) : storeAttemptCounter(store.db, name, rule);
  const moderation = createModerationRepo(store.db, options.now);
  // Every posting path asks this one gate: bans and suspensions, then the rate limit, shared by every node.
  const gate = createPostingGate({
    moderation,
    limiter: options.redis ? redisWindowLimiter(options.redis as RedisWindowCommands, `${options.clusterName ?? 'margin'}:posts`, clock) : storeWindowLimiter(store.db, 'posts', clock),
    clock,
    scale: options.postLimitScale,
  });
  const signInRule = { limit: options.signInLimit?.failures ?? 5, windowMs: options.signInLimit?.windowMs ?? 5 * 60_000 };
  const registration = options.registrationLimit ?? { perAddress: { limit: 30, windowMs: 10 * 60_000 }, global: { limit: 300, windowMs: 60_000 } };

  const httpServer = http.createServer((req, res) => {
    // An invite opened from a chat: a page that opens Margin on it.
    const join = req.method === 'GET' ? /^\/join\/([A-Za-z0-9_-]{8,64})\/?$/.exec(req.url ?? '') : null;
    if (join) {
      const origin = publicOrigin(options.publicUrl, req.headers, 'encrypted' in req.socket && !!req.socket.encrypted);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'X-Content-Type-Options': 'nosniff' });
      res.end(invitePage(origin, join[1]!));
      return;
    }
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, version: SERVER_VERSION, store: store.kind, connections: io.engine.clientsCount }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  });

  const io: CommunityIo = new Server(httpServer, {
    transports: ['websocket'], // desktop clients only: no long-polling, so no sticky sessions
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    adapter: options.redis ? (createAdapter(options.redis) as never) : RecoveryAdapter,
  });

  const ticker = createSprintTicker(sprints, {
    intervalMs: options.tickMs,
    now: clock,
    onError: (err) => log.error({ err }, 'sprint tick failed'),
    // Each node ticks for its own sockets: `local` keeps the broadcast off Redis.
    broadcastLocal: (room, tick) => io.local.to(room).emit('sprint:tick', tick),
    roomOf: sprintRoom,
  });
  ticker.start();
  const stopSprintResults = startSprintResults(activity, { everyMs: options.resultsMs, onError: (err) => log.error({ err }, 'recording sprint results failed') });

  const rooms = createRooms({ io, circles, sprints, ticker });
  const proxies = options.trustProxy?.length ? trustedProxies(options.trustProxy) : null;
  const critique = critiqueHandlers({ io, store, clock, log, gate });
  const handlers: Handlers = {
    ...accountsHandlers({
      io,
      accounts,
      rooms,
      signInFailures: counter('sign-in', signInRule),
      registrations: { perAddress: counter('register-address', registration.perAddress), global: counter('register-all', registration.global) },
      passwords: createPasswordHasher(options.hashing),
      log,
      signInRefusal: gate.signInRefusal,
      addressOf: (socket) => clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], proxies),
    }),
    ...circlesHandlers({ io, circles, rooms, welcome: critique.welcome, originOf: (socket) => publicOrigin(options.publicUrl, socket.handshake.headers, socket.handshake.secure) }),
    ...sprintsHandlers({ io, sprints, circles, ticker, rooms, clock, blocks: { notBlockedBy: gate.notBlockedBy, blockedBy: moderation.blockedBy }, gate }),
    ...critique.handlers,
    ...directoryHandlers({ io, directory: createDirectoryRepo(store.db, options.now), circles, rooms, welcome: critique.welcome }),
    ...discussionsHandlers({
      io,
      discussions: createDiscussionsRepo(store.db, options.now),
      circles,
      started: (t) => activity.record({ actor_id: t.authorId, circle_id: t.circleId, kind: 'thread', ref_id: t.threadId, title: t.title }),
      gate,
      muted: moderation.mutedAmong,
      notice: activity.notice,
    }),
    ...moderationHandlers({ io, moderation, circles, accounts, rooms, gate, notice: activity.notice }),
    ...activityHandlers({ io, activity, circles, gate }),
    ...profilesHandlers({ profiles: createProfilesRepo(store.db, options.now), badges, clock }),
    ...promptsHandlers({ io, prompts: createPromptsRepo(store.db, options.now), circles, discussions: createDiscussionsRepo(store.db, options.now), gate, now: options.now }),
    ...challengesHandlers({
      challenges: createChallengesRepo(store.db, options.now),
      circles,
      clock,
      milestone: (m) => activity.record({ actor_id: m.accountId, circle_id: m.circleId, kind: 'challenge_milestone', ref_id: m.challengeId, title: `${m.milestone}% of ${m.title}` }),
      badges,
      gate,
    }),
  };

  io.use(sessionGate({ accounts, rooms, log }));

  io.on('connection', (socket) => {
    registerHandlers(socket, handlers, { users: accounts, log, limits: options.limits });
    socket.on('disconnect', (reason) => log.debug({ reason, socket: socket.id }, 'disconnect'));
    if (socket.data.userId) rooms.watchJoinedSprints(socket).catch((err: unknown) => log.error({ err }, 'watching sprints failed'));
  });

  return {
    io,
    http: httpServer,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    close: async () => {
      ticker.stop();
      stopSprintResults();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await store.close();
    },
  };
}
