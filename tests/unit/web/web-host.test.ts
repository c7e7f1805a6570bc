import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudioCore } from '../../../electron/core/studio-core';
import { parseWebFlags } from '../../../electron/web/cli-flags';
import { startWebHost, type WebHost } from '../../../electron/web/web-host';
import { tempDir } from '../../helpers/temp-dir';

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Margin</title>');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'secret');
  const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
  host = await startWebHost({ core, rendererDir });
  return { host, core, origin: `http://127.0.0.1:${host.port}` };
}

function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function request(ws: WebSocket, message: unknown): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString());
      if ('event' in parsed) return;
      ws.off('message', onMessage);
      resolve(parsed);
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode host', () => {
  it('serves the renderer only with the token, then by cookie', async () => {
    const { host, origin } = await start();
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(403);
    const ok = await fetch(host.url);
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const again = await fetch(`${origin}/index.html`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('<title>Margin</title>');
    const escape = await fetch(`${origin}/..%2f..%2fetc%2fpasswd`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(escape.status).toBe(404);
  });

  it('carries StudioApi over a WebSocket from our origin with the cookie, and refuses others', async () => {
    const { host, origin } = await start();
    const cookie = `margin_token=${host.token}`;
    const wsUrl = `ws://127.0.0.1:${host.port}/api`;
    await expect(openSocket(wsUrl, { origin: 'http://evil.example', cookie })).rejects.toThrow(/401|403/);
    await expect(openSocket(wsUrl, { origin })).rejects.toThrow(/401|403/);

    const ws = await openSocket(wsUrl, { origin, cookie });
    const created = await request(ws, { id: 1, method: 'projects.create', input: { title: 'Over the wire' } });
    expect(created).toMatchObject({ id: 1, result: { ok: true, data: { title: 'Over the wire' } } });
    expect(await request(ws, { id: 2, method: 'nope.nope', input: {} })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown_method' } } });
    expect(await request(ws, '{garbage')).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, { id: 'x', method: 1 })).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, { id: 3, method: 'projects.list', input: {} })).toMatchObject({ result: { ok: true, data: [{ title: 'Over the wire' }] } });
    ws.close();
  });
});

describe('browser-mode flags', () => {
  it('parses --port and --data', () => {
    expect(parseWebFlags(['--port', '4100', '--data', 'x'])).toMatchObject({ port: 4100, dataDir: path.resolve('x') });
    expect(parseWebFlags([]).port).toBe(0);
  });
  it.each([[['--port', 'abc']], [['--port', '70000']], [['--port', '-1']], [['--data', '']], [['--bogus']], [['stray']]])(
    'refuses %j with a plain message',
    (argv) => {
      expect(() => parseWebFlags(argv)).toThrow(/port|data|Unknown|Usage|unexpected/i);
    },
  );
});
