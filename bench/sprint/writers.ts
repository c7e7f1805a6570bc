// One process of simulated writers for bench:sprint (why several: ../client-process.ts).
// Messages from the parent: `connect`; `start` (writing begins: the warm-up); `measure` (the
// steady state begins); `stop` (answered with the samples of both phases).
import { io, type Socket } from 'socket.io-client';
import type { SprintPlace, SprintTick, SprintTickShared } from '../../shared/protocol/community-events';
import { createSprintView } from '../../shared/protocol/sprint-view';

export interface WritersConfig {
  ports: number[];
  sprintId: string;
  /** This process's writers: their global index (for the port and the stagger) and token. */
  writers: Array<{ index: number; token: string }>;
  total: number;
}
export interface WritersSamples {
  fanout: number[];
  visible: number[];
  placeLatency: number[];
  placeMessages: number;
  ticks: number;
  cpuPercent: number;
}
type FromParent = { type: 'connect'; config: WritersConfig } | { type: 'start' } | { type: 'measure' } | { type: 'stop' };

const reply = (message: unknown) => process.send!(message);
const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];
const newSamples = (): WritersSamples => ({ fanout: [], visible: [], placeLatency: [], placeMessages: 0, ticks: 0, cpuPercent: 0 });
const warmup = newSamples();
const steady = newSamples();
let samples = warmup;
let config: WritersConfig;
let measuring = false;
let cpu0 = process.cpuUsage();
let t0 = 0;

async function connect() {
  const { ports, writers } = config;
  for (let i = 0; i < writers.length; i += 100) {
    await Promise.all(
      writers.slice(i, i + 100).map(({ index, token }, j) => {
        const k = i + j;
        const socket = io(`http://127.0.0.1:${ports[index % ports.length]}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
        // As the studio does: the shared tick, with this writer's place when it moved.
        const view = createSprintView();
        views[k] = view;
        socket.on('sprint:place', (place: SprintPlace) => {
          const tick = view.place(place);
          if (!measuring || !tick) return;
          samples.placeMessages++;
          samples.placeLatency.push(Date.now() - tick.serverNow);
          seen(k, tick);
        });
        socket.on('sprint:tick', (shared: SprintTickShared) => {
          const tick = view.tick(shared);
          if (!measuring) return;
          samples.ticks++;
          samples.fanout.push(Date.now() - tick.serverNow);
          seen(k, tick);
        });
        sockets[k] = socket;
        return new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
  }
}

const views: ReturnType<typeof createSprintView>[] = [];
const pending = new Map<number, { words: number; sentAt: number }>();
const seen = (k: number, tick: SprintTick) => {
  const p = pending.get(k);
  if (p && tick.me && tick.me.words >= p.words) {
    samples.visible.push(Date.now() - p.sentAt);
    pending.delete(k);
  }
};

/** Every writer sends its running total every 2 s, staggered over the 2 s by its global index. */
function start() {
  measuring = true;
  const words = new Array<number>(sockets.length).fill(0);
  config.writers.forEach(({ index }, k) => {
    timers[k] = setTimeout(() => {
      const send = () => {
        words[k]! += 5 + (index % 7);
        pending.set(k, { words: words[k]!, sentAt: Date.now() });
        sockets[k]!.emit('sprint:progress', { sprintId: config.sprintId, words: words[k] }, (result: { ok: boolean; data?: { place: SprintPlace | null } }) => {
          if (result.ok && result.data?.place) views[k]!.place(result.data.place);
        });
      };
      send();
      timers[k] = setInterval(send, 2000) as unknown as NodeJS.Timeout;
    }, (index / config.total) * 2000);
  });
}

process.on('message', (message: FromParent) => {
  if (message.type === 'connect') {
    config = message.config;
    connect().then(
      () => reply({ type: 'connected' }),
      (error: Error) => reply({ type: 'error', message: error.message }),
    );
  } else if (message.type === 'start') {
    start();
  } else if (message.type === 'measure') {
    samples = steady;
    cpu0 = process.cpuUsage();
    t0 = performance.now();
  } else if (message.type === 'stop') {
    measuring = false;
    for (const t of timers) clearInterval(t);
    const cpu = process.cpuUsage(cpu0);
    samples.cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
    for (const s of sockets) s.disconnect();
    reply({ type: 'samples', warmup, steady });
  }
});
