import { io, type Socket } from 'socket.io-client';
import { fail, type Result } from '../../../shared/api/result';
import type { SyncStatus } from '../../../shared/api/studio-api';
import type { Account, ClientToServerEvents, CommunityOutputs, Device, ServerToClientEvents } from '../../../shared/protocol/community-events';
import type { CommunityEvent } from '../../../shared/protocol/community-schemas';
import { QUEUE_AT_MOST_MS, REQUEST_LIMITS, RETRY_QUIETLY_MS, TokenBucket } from '../../../shared/rules/request-pace';
import { estimateOffset, type ClockSample } from '../../../shared/text/clock-offset';
import { createSessionVault } from './session-vault';
import type { TokenVault } from './token-vault';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface CommunityClientOptions {
  vault: TokenVault;
  deviceName: string;
  onStatus: (status: SyncStatus) => void;
  /** Reconnect backoff; tests shorten it. */
  backoff?: { delayMs: number; maxDelayMs: number };
  requestTimeoutMs?: number;
  /** This machine's clock (the core's), against which the server's offset is measured. */
  now?: () => number;
}

/**
 * The studio's one connection to a community server (socket.io-client, WebSocket only).
 * It reconnects by itself with growing, randomised delays; offline is a state, not an
 * error, so nothing piles up while the writer is on a train.
 */
export function createCommunityClient(options: CommunityClientOptions) {
  const sessions = createSessionVault(options.vault);
  let socket: ClientSocket | null = null;
  let url: string | null = null;
  /** The server's stable name for sessions to end later: its address, or "local" for the one on this computer. */
  let serverKey = '';
  let account: Account | null = null;
  let status: SyncStatus = { state: 'offline', reason: 'No community server is set.' };
  /** Why the last session ended (revoked, expired), kept for the writer until they sign in again. */
  let endedBecause: string | null = null;
  /** How far the server's clock is ahead of ours (NTP-style estimate, refreshed on each connect). */
  let offsetMs = 0;
  const serverListeners = new Map<string, Set<(payload: never) => void>>();
  const connectedListeners = new Set<() => void>();

  const setStatus = (next: SyncStatus) => {
    status = next;
    options.onStatus(next);
  };
  const signedOutStatus = (): SyncStatus => ({ state: 'offline', signedOut: true, reason: `${endedBecause ? `${endedBecause} ` : ''}Not signed in to ${url}.` });
  const sessionEnded = (s: ClientSocket, reason: string) => {
    sessions.setToken(null);
    account = null;
    endedBecause = reason;
    setStatus({ state: 'error', reason });
    setTimeout(() => s.connect(), 0); // carry on, signed out
  };

  // The server's per-connection request limit, kept here too: one bucket per socket.
  let pace = { socket: null as ClientSocket | null, bucket: new TokenBucket(REQUEST_LIMITS.burst, REQUEST_LIMITS.perSecond) };
  const notConnected = () => fail('unavailable', 'Not connected to the community server. Margin keeps trying in the background.');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const send = async <E extends CommunityEvent>(event: E, payload: unknown): Promise<Result<CommunityOutputs[E]>> => {
    if (!socket?.connected) return notConnected();
    if (pace.socket !== socket) pace = { socket, bucket: new TokenBucket(REQUEST_LIMITS.burst, REQUEST_LIMITS.perSecond) };
    // A flood (a page stuck reloading) queues no further than this: beyond, it is refused here,
    // as the server would refuse it, and nothing is booked for it.
    const queued = pace.bucket.wait();
    if (queued > QUEUE_AT_MOST_MS) return { ok: false, error: { code: 'rate_limited', message: 'Too many requests at once; try again in a moment.', retryAfterMs: queued } };
    const booked = socket;
    const wait = pace.bucket.reserve();
    if (wait > 0) await sleep(wait);
    const s = socket;
    // Booked on a socket since replaced: that one's bucket never counted it.
    if (!s?.connected || s !== booked) return notConnected();
    return new Promise((resolve) => {
      (s.timeout(options.requestTimeoutMs ?? 10_000).emit as (...args: unknown[]) => void)(event, payload, (err: unknown, result: Result<CommunityOutputs[E]>) =>
        resolve(err ? fail('unavailable', 'The community server did not answer in time.') : result),
      );
    });
  };
  const request = async <E extends CommunityEvent>(event: E, payload: unknown): Promise<Result<CommunityOutputs[E]>> => {
    for (let attempt = 0; ; attempt++) {
      const answer = await send(event, payload);
      // Refused by a limit: nothing was done, so a short wait and the same request again is safe.
      const retryAfter = !answer.ok && answer.error.code === 'rate_limited' ? (answer.error.retryAfterMs ?? 1000) : null;
      if (retryAfter === null || retryAfter > RETRY_QUIETLY_MS || attempt === 3) return answer;
      await sleep(retryAfter + 50);
    }
  };

  const syncClock = async () => {
    const samples: ClockSample[] = [];
    const now = options.now ?? Date.now;
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      const answer = await request('time:sync', { t0 });
      if (!answer.ok) return;
      samples.push({ t0, t1: answer.data.t1, t2: answer.data.t2, t3: now() });
    }
    offsetMs = estimateOffset(samples).offsetMs;
  };

  const onConnected = async () => {
    await syncClock();
    if (!sessions.token()) return setStatus(signedOutStatus());
    const me = await request('account:me', {});
    if (me.ok) {
      account = me.data;
      setStatus({ state: 'online', server: url! });
      for (const listener of connectedListeners) listener();
    } else {
      setStatus({ state: 'error', reason: me.error.message });
    }
  };

  /** Ends, on this server, each session signed out while it could not be reached (one short-lived socket each). */
  const endLeftoverSessions = async (target: string, key: string) => {
    for (const { token } of sessions.ended(key)) {
      await new Promise<void>((resolve) => {
        const s: ClientSocket = io(target, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: 10_000 });
        const done = () => {
          s.disconnect();
          resolve();
        };
        s.once('connect', () =>
          (s.timeout(10_000).emit as (...args: unknown[]) => void)('account:signOut', {}, (err: unknown, result?: Result<null>) => {
            if (!err && result?.ok) sessions.forgetEnded(token);
            done();
          }),
        );
        s.once('connect_error', (error) => {
          // Not a live session there (ended already, or expired): nothing is left to end.
          if ((error as { data?: { code?: string } }).data?.code === 'unauthorized') sessions.forgetEnded(token);
          done();
        });
      });
    }
  };

  const client = {
    get status() {
      return status;
    },
    get account() {
      return account;
    },
    /** The signed-in writer changed their display name: the account kept here says so until the server is asked again. */
    renamed(id: string, displayName: string) {
      if (account?.id !== id) return;
      account = { ...account, displayName };
      // The same status again: whatever shows the account (the Community tab) reads it afresh.
      setStatus({ ...status });
    },
    get url() {
      return url;
    },
    get offsetMs() {
      return offsetMs;
    },
    request,
    /** Subscribes to a server event (on this and every later connection). */
    onServer<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]) {
      const set = serverListeners.get(event) ?? new Set();
      if (set.size === 0) {
        serverListeners.set(event, set);
        (socket?.on as ((e: string, l: (p: never) => void) => void) | undefined)?.call(socket, event, (payload) => set.forEach((l) => l(payload)));
      }
      set.add(listener as (payload: never) => void);
    },
    /** Called each time the studio is connected and signed in (to resend what waited offline). */
    onSignedIn(listener: () => void) {
      connectedListeners.add(listener);
    },

    /** Connects to `next` (or disconnects, for null), with the stored token if there is one. */
    connect(next: string | null, key: string = next ?? '') {
      socket?.disconnect();
      socket = null;
      account = null;
      url = next;
      serverKey = key;
      if (!next) return setStatus({ state: 'offline', reason: 'No community server is set.' });
      setStatus({ state: 'connecting' });
      const s: ClientSocket = io(next, {
        transports: ['websocket'],
        auth: (cb) => {
          const token = sessions.token();
          cb(token ? { token } : {});
        },
        reconnectionDelay: options.backoff?.delayMs ?? 1000,
        reconnectionDelayMax: options.backoff?.maxDelayMs ?? 30_000,
        randomizationFactor: 0.5,
        timeout: 10_000,
      });
      socket = s;
      s.on('connect', () => {
        void onConnected();
        void endLeftoverSessions(next, key);
      });
      s.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return;
        setStatus({ state: 'connecting' });
      });
      s.on('connect_error', (error) => {
        const code = (error as { data?: { code?: string } }).data?.code;
        if (code === 'unauthorized') return sessionEnded(s, 'Your session has ended.');
        setStatus({ state: 'offline', reason: `Cannot reach ${next}; retrying.` });
      });
      s.on('session:revoked', ({ reason }) => sessionEnded(s, reason));
      for (const [event, listeners] of serverListeners) {
        (s.on as (e: string, l: (p: never) => void) => void)(event, (payload) => listeners.forEach((l) => l(payload)));
      }
    },

    async register(username: string, password: string): Promise<Result<Account>> {
      return client.startSession(await request('account:register', { username, password, device: options.deviceName }));
    },
    async signIn(username: string, password: string): Promise<Result<Account>> {
      return client.startSession(await request('account:signIn', { username, password, device: options.deviceName }));
    },
    startSession(result: Result<CommunityOutputs['account:signIn']>): Result<Account> {
      if (!result.ok) return result;
      sessions.setToken(result.data.token, serverKey);
      account = result.data.account;
      endedBecause = null;
      queueMicrotask(() => connectedListeners.forEach((l) => l()));
      setStatus({ state: 'online', server: url! });
      return { ok: true, data: result.data.account };
    },
    /** Ends the session here and on the server; offline, the server is told when the studio reaches it again. */
    async signOut(): Promise<void> {
      const told = account && socket?.connected ? (await request('account:signOut', {})).ok : false;
      if (told) sessions.setToken(null);
      else sessions.endLater(serverKey);
      endedBecause = null;
      account = null;
      setStatus(socket?.connected ? signedOutStatus() : { state: 'offline', reason: 'Signed out.' });
    },
    devices: (): Promise<Result<Device[]>> => request('account:devices', {}),
    revokeDevice: (id: string) => request('account:revokeDevice', { id }),
    close() {
      socket?.disconnect();
      socket = null;
    },
  };
  return client;
}
export type CommunityClient = ReturnType<typeof createCommunityClient>;
