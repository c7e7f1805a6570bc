import fs from 'node:fs';
import http from 'node:http';
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

function openSocket(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** What the page offers in its handshake: the protocol name and its token. */
const withToken = (token: string) => ['margin', `token.${token}`];

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

/** A raw HTTP GET with exactly these headers (fetch would not let a test set Host). */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

describe('browser-mode host', () => {
  it('prints a link whose token is in the fragment, and serves the renderer without any credential or cookie', async () => {
    const { host, origin } = await start();
    expect(host.url).toBe(`${origin}/#token=${host.token}`);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Margin</title>');
    // Issue 11, finding 6: a cookie is scoped by host, not port: it reached every server on 127.0.0.1.
    expect(page.headers.get('set-cookie')).toBeNull();
    const withQuery = await fetch(`${origin}/index.html?token=${host.token}`);
    expect(withQuery.headers.get('set-cookie')).toBeNull();
    const escape = await fetch(`${origin}/..%2f..%2fetc%2fpasswd`);
    expect(escape.status).toBe(404);
  });

  it("refuses requests from another port's origin or another host name", async () => {
    const { host, origin } = await start();
    const otherPort = `http://127.0.0.1:${host.port === 65535 ? 1 : host.port + 1}`;
    expect((await get(host.port, '/', { origin })).status).toBe(200);
    expect((await get(host.port, '/', { origin: otherPort })).status).toBe(403);
    expect((await get(host.port, '/', { origin: 'http://localhost:' + host.port })).status).toBe(403);
    // DNS rebinding: a site's own name pointed at 127.0.0.1.
    expect((await get(host.port, '/', { host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('carries StudioApi over a WebSocket that offers the token from our exact origin, and refuses others', async () => {
    const { host, origin } = await start();
    const wsUrl = `ws://127.0.0.1:${host.port}/api`;
    const otherPort = `http://127.0.0.1:${host.port === 65535 ? 1 : host.port + 1}`;
    await expect(openSocket(wsUrl, { origin: 'http://evil.example' }, withToken(host.token))).rejects.toThrow(/401|403/);
    await expect(openSocket(wsUrl, { origin: otherPort }, withToken(host.token))).rejects.toThrow(/401|403/);
    await expect(openSocket(wsUrl, { origin })).rejects.toThrow(/401|403/);
    await expect(openSocket(wsUrl, { origin }, withToken('wrong'))).rejects.toThrow(/401|403/);
    // The old credential, a cookie, opens nothing any more.
    await expect(openSocket(wsUrl, { origin, cookie: `margin_token=${host.token}` }, ['margin'])).rejects.toThrow(/401|403/);

    const ws = await openSocket(wsUrl, { origin }, withToken(host.token));
    expect(ws.protocol).toBe('margin'); // the token is never echoed back
    const created = await request(ws, { id: 1, method: 'projects.create', input: { title: 'Over the wire' } });
    expect(created).toMatchObject({ id: 1, result: { ok: true, data: { title: 'Over the wire' } } });
    expect(await request(ws, { id: 2, method: 'nope.nope', input: {} })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown_method' } } });
    expect(await request(ws, '{garbage')).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, { id: 'x', method: 1 })).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    expect(await request(ws, { id: 3, method: 'projects.list', input: {} })).toMatchObject({ result: { ok: true, data: [{ title: 'Over the wire' }] } });
    ws.close();
  });
});

describe('browser-mode start-up request', () => {
  /** A raw HTTP request with exactly these headers (fetch would not let a test set Host). */
  function post(port: number, pathname: string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers the start-up calls in one request, in order, to our origin with the token only', async () => {
    const { host, core, origin } = await start();
    const project = core.call('projects.create', { title: 'Left off' }) as { ok: true; data: { id: string } };
    const doc = core.call('documents.create', { projectId: project.data.id, title: 'Chapter' }) as { ok: true; data: { id: string } };
    const hostHeader = `127.0.0.1:${host.port}`;
    const auth = { host: hostHeader, origin, authorization: `Bearer ${host.token}` };

    const answered = await post(host.port, '/api/start', auth);
    expect(answered.status).toBe(200);
    const [reopened, info, settings, projects] = JSON.parse(answered.body);
    expect(reopened).toMatchObject({ ok: true, data: { projectId: project.data.id, document: { id: doc.data.id, title: 'Chapter' } } });
    expect(info).toMatchObject({ ok: true, data: { version: expect.any(String) } });
    expect(settings).toMatchObject({ ok: true, data: { theme: 'light' } });
    expect(projects).toMatchObject({ ok: true, data: [{ id: project.data.id, title: 'Left off' }] });

    // The same authority as the socket: the token, from our exact origin and host, by POST.
    expect((await post(host.port, '/api/start', { host: hostHeader, origin })).status).toBe(401);
    expect((await post(host.port, '/api/start', { ...auth, authorization: 'Bearer wrong' })).status).toBe(401);
    expect(JSON.parse((await post(host.port, '/api/start', { ...auth, authorization: 'Bearer wrong' })).body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await post(host.port, '/api/start', { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(host.port, '/api/start', { ...auth, host: 'evil.example' })).status).toBe(403);
    expect((await post(host.port, '/api/start', auth, 'GET')).status).toBe(405);
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
