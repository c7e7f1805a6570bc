import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import { attachUser, accountsHandlers } from './features/accounts/accounts.handlers';
import { createAccountsRepo } from './features/accounts/accounts.repo';
import { circlesHandlers } from './features/circles/circles.handlers';
import { createCirclesRepo } from './features/circles/circles.repo';
import { critiqueHandlers } from './features/critique/critique.handlers';
import { createSprintTicker } from './features/sprints/sprint-ticker';
import { sprintRoom, sprintsHandlers, watchActiveSprints } from './features/sprints/sprints.handlers';
import { createSprintsRepo } from './features/sprints/sprints.repo';
import type { CommunityIo } from './socket/context';
import { FailureWindow } from './socket/rate-limit';
import { registerHandlers, type Handlers } from './socket/register-handlers';
import type { Store } from './store/open-store';

export const SERVER_VERSION = '0.1.0';
/** Largest frame a client may send; bigger ones close the connection. */
export const MAX_FRAME_BYTES = 1_800_000; // a shared draft of up to 1.2 MB, escaped inside its operation

export interface CommunityServerOptions {
  store: Store;
  /** A connected node-redis client: enables the Redis Streams adapter for several nodes. */
  redis?: unknown;
  logger?: Logger;
  now?: () => Date;
  limits?: { burst: number; perSecond: number };
  signInLimit?: { failures: number; windowMs: number };
  /** How often sprint leaderboards go out (default 1000 ms). */
  tickMs?: number;
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
  const accounts = createAccountsRepo(options.store.db, options.now);
  const circles = createCirclesRepo(options.store.db, options.now);
  const sprints = createSprintsRepo(options.store.db, options.now);
  const clock = () => (options.now ? options.now().getTime() : Date.now());
  const signInFailures = new FailureWindow(options.signInLimit?.failures ?? 5, options.signInLimit?.windowMs ?? 5 * 60_000);
  const handlers: Handlers = { ...accountsHandlers, ...circlesHandlers, ...sprintsHandlers, ...critiqueHandlers };

  const httpServer = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, version: SERVER_VERSION, store: options.store.kind, connections: io.engine.clientsCount }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  });

  const io: CommunityIo = new Server(httpServer, {
    transports: ['websocket'], // desktop clients only: no long-polling, so no sticky sessions
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    adapter: options.redis ? (createAdapter(options.redis) as never) : undefined,
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

  // A token, when given, must be a live session; without one a socket may only register or sign in.
  io.use(async (socket, next) => {
    socket.data.userId = null;
    socket.data.sessionId = null;
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (token === undefined || token === null) return next();
    const refuse = (message: string) => next(Object.assign(new Error(message), { data: { code: 'unauthorized' } }));
    if (typeof token !== 'string' || token.length > 200) return refuse('Malformed session token.');
    try {
      const session = await accounts.sessionForToken(token);
      if (!session) return refuse('Your session has expired or was signed out. Sign in again.');
      socket.data.userId = session.user_id;
      socket.data.sessionId = session.id;
      next();
    } catch (error) {
      log.error({ err: error }, 'session check failed');
      next(Object.assign(new Error('The server could not check your session.'), { data: { code: 'unavailable' } }));
    }
  });

  io.on('connection', async (socket) => {
    const ctx = { io, socket, accounts, circles, sprints, ticker, clock, signInFailures, log, db: options.store.db, storeKind: options.store.kind };
    registerHandlers(ctx, handlers, options.limits);
    socket.on('disconnect', (reason) => log.debug({ reason, socket: socket.id }, 'disconnect'));
    const { userId, sessionId } = socket.data;
    if (!userId || !sessionId) return;
    // A recovered socket has its rooms back; every signed-in socket is back in its running sprints.
    const attach = socket.recovered ? watchActiveSprints(ctx, userId) : attachUser(ctx, userId, sessionId);
    await attach.catch((err: unknown) => log.error({ err }, 'attach failed'));
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
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await options.store.close();
    },
  };
}
