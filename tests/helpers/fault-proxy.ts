import net from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A loopback TCP proxy that breaks connections on purpose, for fault tests: on the next
 * large client frame (the request reaches the server, its answer never comes back), or at
 * random moments. Only 127.0.0.1, and it stops with the test.
 */
export async function faultProxy(targetPort: number) {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let armed = 0;
  let randomCuts: { minMs: number; maxMs: number } | null = null;
  let cuts = 0;

  const cut = (pair: { client: net.Socket; upstream: net.Socket }) => {
    if (!pairs.delete(pair)) return;
    cuts++;
    pair.client.destroy();
    pair.upstream.destroy();
  };
  const scheduleRandomCut = (pair: { client: net.Socket; upstream: net.Socket }) => {
    if (!randomCuts) return;
    const timer = setTimeout(() => cut(pair), randomCuts.minMs + Math.random() * (randomCuts.maxMs - randomCuts.minMs));
    pair.client.once('close', () => clearTimeout(timer));
  };

  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    let upgraded = false;
    upstream.on('data', (chunk) => {
      upgraded = true;
      client.write(chunk);
    });
    client.on('data', (chunk) => {
      // After the WebSocket upgrade, a chunk this big is a request with a payload, not a ping.
      if (armed > 0 && upgraded && chunk.length >= 300) {
        armed--;
        pairs.delete(pair);
        cuts++;
        upstream.end(chunk); // the server receives the whole request…
        client.destroy(); // …and the client never hears the answer
        return;
      }
      upstream.write(chunk);
    });
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    scheduleRandomCut(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxy = {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return cuts;
    },
    /** The next `n` large client frames go through, then their connection is cut before any answer. */
    cutAfterNextRequest(n = 1) {
      armed += n;
    },
    get armed() {
      return armed;
    },
    /** Every connection, present and future, lives a random time in [minMs, maxMs]; null stops it. */
    randomCuts(range: { minMs: number; maxMs: number } | null) {
      randomCuts = range;
      for (const pair of pairs) scheduleRandomCut(pair);
    },
    /** Down: every connection is cut and new ones are refused, as if the network were gone. */
    setDown(value: boolean) {
      down = value;
      if (down) for (const pair of pairs) cut(pair);
    },
    async close() {
      randomCuts = null;
      for (const pair of pairs) cut(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  onTestFinished(() => proxy.close());
  return proxy;
}
