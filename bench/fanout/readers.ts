// One process of simulated readers for bench:fanout (why several: ../client-process.ts). Each
// reader notes when every broadcast reached it, by the broadcast's id; the parent knows when
// it started each one. Messages from the parent: `connect`; `stop` (answered with the samples).
import { io, type Socket } from 'socket.io-client';

export interface ReadersConfig {
  ports: number[];
  /** This process's readers: their global index (for the port) and token (none for bare socket.io). */
  readers: Array<{ index: number; token?: string }>;
  /** The broadcast event, and where its id is in the payload. */
  event: 'circle:memberJoined' | 'joined';
}
/** Broadcast id to the times (Date.now()) it reached each reader here. */
export type ReadersSamples = Record<string, number[]>;
type FromParent = { type: 'connect'; config: ReadersConfig } | { type: 'stop' };

const sockets: Socket[] = [];
const received: ReadersSamples = {};
const idOf = (payload: { member?: { userId: string }; id?: string }) => payload.member?.userId ?? payload.id ?? '?';

async function connect({ ports, readers, event }: ReadersConfig) {
  for (let i = 0; i < readers.length; i += 100) {
    await Promise.all(
      readers.slice(i, i + 100).map(({ index, token }) => {
        const socket = io(`http://127.0.0.1:${ports[index % ports.length]}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
        socket.on(event, (payload: { member?: { userId: string }; id?: string }) => {
          const at = Date.now();
          (received[idOf(payload)] ??= []).push(at);
        });
        sockets.push(socket);
        return new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
  }
}

process.on('message', (message: FromParent) => {
  if (message.type === 'connect') {
    connect(message.config).then(
      () => process.send!({ type: 'connected' }),
      (error: Error) => process.send!({ type: 'error', message: error.message }),
    );
  } else if (message.type === 'stop') {
    for (const s of sockets) s.disconnect();
    process.send!({ type: 'samples', received });
  }
});
