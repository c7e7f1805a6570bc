// The registration flood of bench:auth, in its own process (so its sockets do not share the
// measuring client's event loop; see ../client-process.ts). One message from the parent,
// `flood`; answered with `done` and what the server said to each attempt.
import { io, type Socket } from 'socket.io-client';

export interface FloodConfig {
  url: string;
  sockets: number;
  /** Registrations in flight per socket. */
  perSocket: number;
  durationMs: number;
  maxAttempts: number;
}
export interface FloodResult {
  attempts: number;
  created: number;
  refused: number;
  other: number;
  ms: number;
}

const reply = (message: unknown) => process.send!(message);

process.on('message', async (message: { type: 'flood'; config: FloodConfig }) => {
  if (message.type !== 'flood') return;
  const { url, sockets: count, perSocket, durationMs, maxAttempts } = message.config;
  const sockets: Socket[] = await Promise.all(
    Array.from({ length: count }, () => new Promise<Socket>((resolve) => {
      const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      s.once('connect', () => resolve(s));
    })),
  );
  reply({ type: 'connected' });
  const result: FloodResult = { attempts: 0, created: 0, refused: 0, other: 0, ms: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  const tag = Math.random().toString(36).slice(2, 7);
  // Each lane registers one account after another, on a fresh socket-level request each time.
  const lane = async (socket: Socket) => {
    while (performance.now() < deadline && result.attempts < maxAttempts) {
      const n = result.attempts++;
      const answer = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
        socket.timeout(60_000).emit('account:register', { username: `f_${tag}_${n}`, password: 'flood password 123', device: 'bot' }, (err: unknown, r: { ok: boolean; error?: { code: string } }) =>
          resolve(err ? { ok: false, error: { code: 'timeout' } } : r),
        ),
      );
      if (answer.ok) {
        result.created++;
        // Signed in now: the next registration needs an anonymous socket again.
        await new Promise((r) => socket.emit('account:signOut', {}, r));
      } else if (answer.error?.code === 'rate_limited') result.refused++;
      else result.other++;
    }
  };
  await Promise.all(sockets.flatMap((s) => Array.from({ length: perSocket }, () => lane(s))));
  result.ms = Math.round(performance.now() - started);
  for (const s of sockets) s.disconnect();
  reply({ type: 'done', result });
});
