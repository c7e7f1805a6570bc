import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { io as connectClient, type Socket } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import type { Result } from '../../shared/api/result';
import type { ClientToServerEvents, CommunityOutputs, ServerToClientEvents, SprintTick } from '../../shared/protocol/community-events';
import { createSprintView } from '../../shared/protocol/sprint-view';
import type { CommunityEvent } from '../../shared/protocol/community-schemas';
import { createCommunityServer, type CommunityServerOptions } from '../../server/app';
import { MIGRATION_LOCK, openStore, type Store } from '../../server/store/open-store';
import { TEST_PG } from './services';
import { tempDir } from './temp-dir';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type StoreKind = 'sqlite' | 'postgres';

/** A fresh store: a SQLite file in a temp folder, or a throwaway PostgreSQL schema. */
export async function freshStore(kind: StoreKind = 'sqlite'): Promise<Store> {
  if (kind === 'sqlite') return openStore(`sqlite:${path.join(tempDir(), 'community.db')}`);
  const schema = `margin_test_${Math.random().toString(36).slice(2, 10)}`;
  const store = await openStore(TEST_PG, { schema });
  onTestFinished(() => dropTestSchema(schema));
  return store;
}

/** Drops a test's PostgreSQL schema, under the lock stores migrate by (a schema dropped meanwhile broke another file's migration). */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end(); // ends the session, and the lock with it
  }
}

/** The test PostgreSQL's URL with a throwaway schema (`?schema=`), dropped when the test finishes. */
export function testSchemaUrl(prefix: string): string {
  const schema = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  onTestFinished(() => dropTestSchema(schema));
  const url = new URL(TEST_PG);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** A real community server on 127.0.0.1, port 0, closed when the test finishes. */
export async function startCommunity(kind: StoreKind = 'sqlite', options: Partial<CommunityServerOptions> = {}) {
  const store = await freshStore(kind);
  // Posting limits (shared/rules/limits.ts) raised for tests that are not about them; those that are pass postLimitScale: 1.
  const server = createCommunityServer({ store, logger: pino({ level: 'silent' }), postLimitScale: 1000, ...options });
  const port = await server.listen(0);
  onTestFinished(() => server.close());
  return { server, store, port, url: `http://127.0.0.1:${port}` };
}

/**
 * Each test socket puts its sprint view together from the moment it exists, as the studio
 * does: the shared tick every second, and its own place only when that changed.
 */
const sprintViews = new WeakMap<ClientSocket, { view: ReturnType<typeof createSprintView>; latest: SprintTick | null; listeners: Set<(t: SprintTick) => void> }>();
function watchSprintView(socket: ClientSocket) {
  const view = createSprintView();
  const state = { view, latest: null as SprintTick | null, listeners: new Set<(t: SprintTick) => void>() };
  const update = (tick: SprintTick) => {
    state.latest = tick;
    for (const listener of [...state.listeners]) listener(tick);
  };
  socket.on('sprint:tick', (tick) => update(view.tick(tick)));
  socket.on('sprint:place', (place) => {
    const tick = view.place(place);
    if (tick) update(tick);
  });
  sprintViews.set(socket, state);
}

/** The socket's sprint view that first passes `test` (the current one included). */
export function nextSprintView(socket: ClientSocket, test: (t: SprintTick) => boolean, timeoutMs = 5000): Promise<SprintTick> {
  const state = sprintViews.get(socket)!;
  return new Promise((resolve, reject) => {
    if (state.latest && test(state.latest)) return resolve(state.latest);
    const timer = setTimeout(() => (state.listeners.delete(on), reject(new Error('no matching sprint view'))), timeoutMs);
    const on = (tick: SprintTick) => {
      if (!test(tick)) return;
      clearTimeout(timer);
      state.listeners.delete(on);
      resolve(tick);
    };
    state.listeners.add(on);
  });
}

/** A real socket.io client over WebSocket; resolves once connected, rejects with the server's reason. */
export function connect(url: string, token?: string, extraHeaders?: Record<string, string>): Promise<ClientSocket> {
  const socket: ClientSocket = connectClient(url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true, extraHeaders });
  watchSprintView(socket);
  onTestFinished(() => void socket.disconnect());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(Object.assign(error, { code: (error as { data?: { code?: string } }).data?.code })));
  });
}

/** Emits a request and resolves with its Result. */
export async function call<E extends CommunityEvent>(socket: ClientSocket, event: E, payload: unknown): Promise<Result<CommunityOutputs[E]>> {
  const result = await new Promise<Result<CommunityOutputs[E]>>((resolve) => (socket.emit as (...a: unknown[]) => void)(event, payload, resolve));
  // As the studio does: a progress answer carries the writer's place.
  if (event === 'sprint:progress' && result.ok) {
    const place = (result.data as CommunityOutputs['sprint:progress']).place;
    if (place) sprintViews.get(socket)?.view.place(place); // shown with the next tick
  }
  return result;
}

export async function must<E extends CommunityEvent>(socket: ClientSocket, event: E, payload: unknown): Promise<CommunityOutputs[E]> {
  const result = await call(socket, event, payload);
  if (!result.ok) throw new Error(`${event} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

let counter = 0;
/** Registers a new account on a fresh socket; returns the signed-in socket and its session. */
export async function newWriter(url: string, name = `writer_${++counter}_${Math.random().toString(36).slice(2, 6)}`) {
  const socket = await connect(url);
  const session = await must(socket, 'account:register', { username: name, password: 'correct horse battery', device: 'Test laptop' });
  return { socket, session, username: name, userId: session.account.id };
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, timeoutMs = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket.once as (e: string, l: (p: unknown) => void) => void)(event, (payload) => {
      clearTimeout(timer);
      resolve(payload as never);
    });
  });
}
