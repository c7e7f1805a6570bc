import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCommunityServer, type CommunityServerOptions } from '../../../server/app';
import { createPasswordHasher } from '../../../server/features/accounts/password';
import { openStore } from '../../../server/store/open-store';
import { call, connect, newWriter, startCommunity } from '../../helpers/community';
import { tempDir } from '../../helpers/temp-dir';

/** Two server nodes on one SQLite file and no Redis: limits go through the store. */
async function twoNodesOnOneStore(options: Partial<CommunityServerOptions> = {}) {
  const file = path.join(tempDir(), 'community.db');
  const nodes = [];
  for (let i = 0; i < 2; i++) {
    const server = createCommunityServer({ store: await openStore(`sqlite:${file}`), logger: pino({ level: 'silent' }), ...options });
    const port = await server.listen(0);
    onTestFinished(() => server.close());
    nodes.push(`http://127.0.0.1:${port}`);
  }
  return nodes as [string, string];
}
const register = (socket: Awaited<ReturnType<typeof connect>>, username: string) =>
  call(socket, 'account:register', { username, password: 'correct horse battery', device: 'Laptop' });

describe('sign-in and registration limits', () => {
  it('blocks on node B a username whose sign-ins failed on node A, through the store when there is no Redis', async () => {
    const [a, b] = await twoNodesOnOneStore();
    const victim = await newWriter(a);
    const guesser = await connect(a);
    for (let i = 0; i < 5; i++) await call(guesser, 'account:signIn', { username: victim.username, password: `wrong guess ${i}`, device: 'x' });
    expect(await call(await connect(b), 'account:signIn', { username: victim.username, password: 'correct horse battery', device: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
  });

  it('limits registrations per address, on every node', async () => {
    const [a, b] = await twoNodesOnOneStore({ registrationLimit: { perAddress: { limit: 3, windowMs: 60_000 }, global: { limit: 100, windowMs: 60_000 } } });
    for (let i = 0; i < 3; i++) expect((await register(await connect(i % 2 ? a : b), `flood_${i}_${Date.now() % 1e6}`)).ok).toBe(true);
    expect(await register(await connect(b), `flood_x_${Date.now() % 1e6}`)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('behind a trusted proxy, counts each writer by the address it names; from anyone else, X-Forwarded-For is ignored', async () => {
    const limits = { registrationLimit: { perAddress: { limit: 2, windowMs: 60_000 }, global: { limit: 100, windowMs: 60_000 } } };
    const behindProxy = (await startCommunity('sqlite', { ...limits, trustProxy: ['loopback'] })).url;
    const as = (url: string, address: string) => connect(url, undefined, { 'x-forwarded-for': `${address}, 127.0.0.1` });
    const name = (n: string) => `${n}_${Date.now() % 1e6}`;
    // Two writers behind the proxy: one's registrations do not use up the other's.
    for (const n of ['a1', 'a2']) expect((await register(await as(behindProxy, '203.0.113.7'), name(n))).ok).toBe(true);
    expect(await register(await as(behindProxy, '203.0.113.7'), name('a3'))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect((await register(await as(behindProxy, '198.51.100.20'), name('b1'))).ok).toBe(true);
    // A server that trusts no proxy counts the peer: a forged header does not buy more registrations.
    const direct = (await startCommunity('sqlite', limits)).url;
    for (const [i, forged] of ['203.0.113.1', '203.0.113.2'].entries()) expect((await register(await as(direct, forged), name(`d${i}`))).ok).toBe(true);
    expect(await register(await as(direct, '203.0.113.3'), name('d3'))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('limits registrations in all, whatever the address', async () => {
    const { url } = await startCommunity('sqlite', { registrationLimit: { perAddress: { limit: 100, windowMs: 60_000 }, global: { limit: 2, windowMs: 60_000 } } });
    await register(await connect(url), `g_one_${Date.now() % 1e6}`);
    await register(await connect(url), `g_two_${Date.now() % 1e6}`);
    expect(await register(await connect(url), `g_three_${Date.now() % 1e6}`)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('hashes with bounded concurrency: a sign-in waiting behind a queue of registrations goes first', async () => {
    const hasher = createPasswordHasher({ slots: 1, registerSlots: 1, registerQueue: 2 });
    const order: string[] = [];
    const stored = await hasher.hash('a long password', 'register');
    const registrations = Array.from({ length: 3 }, (_, i) => hasher.hash(`password ${i}`, 'register').then(() => order.push(`register ${i}`)));
    const signIn = hasher.verify('a long password', stored).then((ok) => order.push(`sign-in ${ok}`));
    await expect(hasher.hash('one too many', 'register')).rejects.toMatchObject({ code: 'rate_limited' });
    await Promise.all([...registrations, signIn]);
    // The first registration had the slot already; the sign-in came next, ahead of the other two.
    expect(order).toEqual(['register 0', 'sign-in true', 'register 1', 'register 2']);
  });
});
