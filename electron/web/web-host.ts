import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../../shared/api/result';
import { resolveStatic } from './static-files';
import { MAX_WIRE_BYTES, WireRequest, type WireMessage } from '../../shared/api/wire';
import { studioEventNames } from '../../shared/api/studio-api';
import type { StudioCore } from '../core/studio-core';

export interface WebHostOptions {
  core: StudioCore;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'margin_token';
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === COOKIE) return value;
  }
  return undefined;
}

/**
 * Browser mode: serves the built renderer on 127.0.0.1 and carries StudioApi over a
 * WebSocket to the same core Electron would host. The URL carries a random token; it is
 * traded for an HttpOnly cookie, and every request and WebSocket must present it. A
 * WebSocket from any other Origin is refused, so another site open in the same browser
 * cannot reach the writer's drafts.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no index.html in ${rendererDir}). Run: npm run build`);
  }
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fromQuery = url.searchParams.get('token') ?? undefined;
    const authorised = sameToken(fromQuery, token) || sameToken(cookieToken(req.headers.cookie), token);
    if (!authorised) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Margin: this address needs the link with its token, as printed when browser mode started.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json', ...SECURITY_HEADERS });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    const found = resolveStatic(rendererDir, url.pathname);
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Not found\n');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': found.type, ...SECURITY_HEADERS };
    if (fromQuery) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(found.file).pipe(res);
  });

  const wss = new WebSocketServer({
    server,
    path: '/api',
    maxPayload: MAX_WIRE_BYTES,
    verifyClient: ({ req, origin: requestOrigin }: { req: http.IncomingMessage; origin: string }) =>
      requestOrigin === origin && sameToken(cookieToken(req.headers.cookie), token),
  });
  wss.on('connection', (socket) => serveSocket(socket, options.core));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function serveSocket(socket: WebSocket, core: StudioCore): void {
  const send = (message: WireMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribes = studioEventNames.map((event) => {
    send({ event, payload: core.current(event) });
    return core.on(event, (payload) => send({ event, payload }));
  });
  socket.on('close', () => unsubscribes.forEach((off) => off()));
  socket.on('message', async (data, isBinary) => {
    let parsed: ReturnType<typeof WireRequest.safeParse>;
    try {
      parsed = WireRequest.safeParse(isBinary ? undefined : JSON.parse(data.toString()));
    } catch {
      parsed = WireRequest.safeParse(undefined);
    }
    if (!parsed.success) {
      send({ id: -1, result: fail('invalid_input', 'A message to the studio was not a well-formed request.') });
      return;
    }
    const { id, method, input } = parsed.data;
    send({ id, result: await core.call(method, input) });
  });
}
