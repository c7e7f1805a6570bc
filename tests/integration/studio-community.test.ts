import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import type { CommunityStatus, SyncStatus } from '../../shared/api/studio-api';
import { createStudioCore, TOKEN_FILE, type StudioCore } from '../../electron/core/studio-core';
import { createCommunityServer } from '../../server/app';
import { openStore } from '../../server/store/open-store';
import { connect, must } from '../helpers/community';
import { tempDir } from '../helpers/temp-dir';

async function serverOn(dbFile: string, port = 0) {
  const server = createCommunityServer({ store: await openStore(`sqlite:${dbFile}`), logger: pino({ level: 'silent' }) });
  const actual = await server.listen(port);
  return { server, port: actual, url: `http://127.0.0.1:${actual}` };
}

function studio(dataDir = tempDir()): StudioCore {
  const core = createStudioCore({ dataDir, host: 'browser', deviceName: 'Test studio', communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
  onTestFinished(() => core.close());
  return core;
}

const call = async <T>(core: StudioCore, method: string, input: unknown = {}) => unwrap((await core.call(method, input)) as Result<T>);

function waitForStatus(core: StudioCore, test: (s: SyncStatus) => boolean, timeoutMs = 8000): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    if (test(core.current('sync:status'))) return resolve(core.current('sync:status'));
    const timer = setTimeout(() => reject(new Error(`status still ${JSON.stringify(core.current('sync:status'))}`)), timeoutMs);
    const off = core.on('sync:status', (s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

describe('the studio core and a community server', () => {
  it('creates an account from the studio, keeps the token in a 0600 file and never hands it to the renderer', async () => {
    const dir = tempDir();
    const { server, url } = await serverOn(path.join(tempDir(), 'community.db'));
    onTestFinished(() => server.close());
    const core = studio(dir);
    expect(core.current('sync:status')).toMatchObject({ state: 'offline' });

    await call(core, 'community.setServer', { url });
    await waitForStatus(core, (s) => s.state === 'offline' && /Not signed in/.test(s.reason));
    const status = await call<CommunityStatus>(core, 'community.register', { username: 'studio_writer', password: 'a long enough password' });
    expect(status).toMatchObject({ url, isLocal: false, account: { username: 'studio_writer' }, sync: { state: 'online', server: url } });

    const tokenFile = path.join(dir, TOKEN_FILE);
    const kept = JSON.parse(fs.readFileSync(tokenFile, 'utf8')) as { token: string; server: string };
    expect(kept.server).toBe(url); // ended there, should the writer sign out while it is out of reach
    const token = kept.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(status)).not.toContain(token);
    const devices = await call<Array<{ device: string; current: boolean }>>(core, 'community.devices');
    expect(devices).toEqual([expect.objectContaining({ device: 'Test studio', current: true })]);
    expect(JSON.stringify(devices)).not.toContain(token);

    // A wrong password is a typed error, and the studio stays signed in.
    const wrong = (await core.call('community.signIn', { username: 'studio_writer', password: 'not my password at all' })) as Result<unknown>;
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const out = await call<CommunityStatus>(core, 'community.signOut');
    expect(out.account).toBeNull();
    expect(fs.existsSync(tokenFile)).toBe(false);
    await expect(connect(url, token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('works offline without piling up errors, and comes back online, still signed in, when the server returns', async () => {
    const dbFile = path.join(tempDir(), 'community.db');
    const first = await serverOn(dbFile);
    const core = studio();
    await call(core, 'community.setServer', { url: first.url });
    await waitForStatus(core, (s) => s.state === 'offline');
    await call(core, 'community.register', { username: 'train_writer', password: 'a long enough password' });

    await first.server.close();
    await waitForStatus(core, (s) => s.state !== 'online');
    const offline = (await core.call('community.devices', {})) as Result<unknown>;
    expect(offline).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // Local writing is untouched by the community being away.
    const project = await call<{ id: string }>(core, 'projects.create', { title: 'On the train' });
    expect(project.id).toBeTruthy();

    const second = await serverOn(dbFile, first.port);
    onTestFinished(() => second.server.close());
    await waitForStatus(core, (s) => s.state === 'online');
    expect((await call<CommunityStatus>(core, 'community.status')).account?.username).toBe('train_writer');
  });

  it('forgets a session revoked from another device and says so', async () => {
    const { server, url } = await serverOn(path.join(tempDir(), 'community.db'));
    onTestFinished(() => server.close());
    const core = studio();
    await call(core, 'community.setServer', { url });
    await waitForStatus(core, (s) => s.state === 'offline');
    await call(core, 'community.register', { username: 'two_devices', password: 'a long enough password' });

    const laptop = await connect(url);
    await must(laptop, 'account:signIn', { username: 'two_devices', password: 'a long enough password', device: 'Laptop' });
    const studioDevice = (await must(laptop, 'account:devices', {})).find((d) => d.device === 'Test studio')!;
    await must(laptop, 'account:revokeDevice', { id: studioDevice.id });
    // Reconnected, signed out, and the writer is told why.
    await waitForStatus(core, (s) => s.state === 'offline' && /signed out from another device\. Not signed in/.test(s.reason));
    expect((await call<CommunityStatus>(core, 'community.status')).account).toBeNull();
  });
});
