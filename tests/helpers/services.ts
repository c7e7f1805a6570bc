import net from 'node:net';

export const TEST_PG = process.env.MARGIN_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS = process.env.MARGIN_TEST_REDIS ?? 'redis://127.0.0.1:6379';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port) || defaultPort });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1500, () => done(false));
  });
}

/**
 * Whether a service the tests need is there. Where it is not, the tests skip loudly, except
 * under CI=true, where a missing service is a failure (CI must not pass by skipping).
 */
export async function serviceAvailable(name: 'PostgreSQL' | 'Redis'): Promise<boolean> {
  const url = name === 'PostgreSQL' ? TEST_PG : TEST_REDIS;
  const ok = await reachable(url, name === 'PostgreSQL' ? 5432 : 6379);
  if (!ok && process.env.CI === 'true') throw new Error(`${name} is not reachable at ${url}, and CI=true requires it.`);
  if (!ok) console.warn(`\n*** SKIPPING ${name} tests: nothing answers at ${url} (set ${name === 'PostgreSQL' ? 'MARGIN_TEST_PG' : 'MARGIN_TEST_REDIS'}) ***\n`);
  return ok;
}
