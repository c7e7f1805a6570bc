import { describe, expect, it } from 'vitest';
import { call, connect, must, newWriter, nextEvent, startCommunity as start, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) describe.skipIf(kind === 'postgres' && !pg)(`community server on ${kind}: accounts`, () => {
  const startCommunity = (_kind?: StoreKind, options?: Parameters<typeof start>[1]) => start(kind, options);

  it('answers /healthz with version, store and connections', async () => {
    const { url } = await startCommunity();
    await newWriter(url);
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, version: expect.any(String), store: kind, connections: 1 });
  });

  it('registers, signs in on another device, refuses a wrong password and a taken name', async () => {
    const { url } = await startCommunity();
    const { session, username } = await newWriter(url, 'ada_writes');
    expect(session.account).toMatchObject({ username: 'ada_writes', roles: ['writer'] });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const other = await connect(url);
    const taken = await call(other, 'account:register', { username: username, password: 'another long password', device: 'Phone' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const wrong = await call(other, 'account:signIn', { username, password: 'not the password', device: 'Phone' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Wrong username or password.' } });
    const unknown = await call(other, 'account:signIn', { username: 'nobody_here', password: 'not the password', device: 'Phone' });
    expect(unknown).toEqual(wrong); // the same answer: nobody learns who has an account
    const signedIn = await must(other, 'account:signIn', { username: 'ADA_writes', password: 'correct horse battery', device: 'Phone' });
    expect(signedIn.account.id).toBe(session.account.id);
    expect(signedIn.token).not.toBe(session.token);
  });

  it('accepts a live token at connect and refuses expired, revoked and made-up ones', async () => {
    const { url, store } = await startCommunity();
    const { session, socket } = await newWriter(url);
    const again = await connect(url, session.token);
    expect((await must(again, 'account:me', {})).id).toBe(session.account.id);

    await expect(connect(url, 'made-up-token')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(connect(url, 'x'.repeat(5000))).rejects.toMatchObject({ code: 'unauthorized' });

    const devices = await must(socket, 'account:devices', {});
    expect(devices).toHaveLength(1);
    await store.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    await expect(connect(url, session.token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('lists devices and revokes one: that device is told and disconnected, and its token stops working', async () => {
    const { url } = await startCommunity();
    const { socket: laptop, username } = await newWriter(url);
    const phoneSocket = await connect(url);
    const phone = await must(phoneSocket, 'account:signIn', { username, password: 'correct horse battery', device: 'Phone' });
    const phoneLive = await connect(url, phone.token);

    const devices = await must(laptop, 'account:devices', {});
    expect(devices.map((d) => [d.device, d.current]).sort()).toEqual([['Phone', false], ['Test laptop', true]]);
    const revoked = nextEvent(phoneLive, 'session:revoked');
    const gone = new Promise((resolve) => phoneLive.once('disconnect', resolve));
    await must(laptop, 'account:revokeDevice', { id: devices.find((d) => d.device === 'Phone')!.id });
    expect(await revoked).toMatchObject({ reason: expect.any(String) });
    expect(await gone).toBe('io server disconnect');
    await expect(connect(url, phone.token)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await must(laptop, 'account:devices', {})).toHaveLength(1);

    // Someone else's device id is not yours to revoke.
    const stranger = await newWriter(url);
    const laptopId = (await must(laptop, 'account:devices', {}))[0]!.id;
    expect(await call(stranger.socket, 'account:revokeDevice', { id: laptopId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('signs out: the token is revoked and the socket is anonymous again', async () => {
    const { url } = await startCommunity();
    const { socket, session } = await newWriter(url);
    await must(socket, 'account:signOut', {});
    expect(await call(socket, 'account:me', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(connect(url, session.token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('updates a profile, refusing links that are not http(s)', async () => {
    const { url } = await startCommunity();
    const { socket } = await newWriter(url);
    const me = await must(socket, 'account:updateProfile', { displayName: 'Ada L.', bio: 'Night-shift novelist.', genres: ['literary', 'mystery'], links: ['https://ada.example'] });
    expect(me).toMatchObject({ displayName: 'Ada L.', genres: ['literary', 'mystery'], links: ['https://ada.example'] });
    const bad = await call(socket, 'account:updateProfile', { links: ['javascript:alert(1)'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('rate-limits failed sign-ins for a username', async () => {
    const { url } = await startCommunity(kind, { signInLimit: { failures: 3, windowMs: 60_000 } });
    const { username } = await newWriter(url);
    const s = await connect(url);
    for (let i = 0; i < 3; i++) {
      expect(await call(s, 'account:signIn', { username, password: 'wrong password!!', device: 'x' })).toMatchObject({ error: { code: 'unauthorized' } });
    }
    const limited = await call(s, 'account:signIn', { username, password: 'correct horse battery', device: 'x' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
