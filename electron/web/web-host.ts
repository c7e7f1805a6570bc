import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../../shared/api/result';
import { resolveStatic, staticBytes } from './static-files';
import { START_METHODS, START_PATH, TOKEN_PROTOCOL_PREFIX, WIRE_PROTOCOL } from '../../shared/api/browser-mode';
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

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token among the subprotocols a WebSocket handshake offers, if any. */
function offeredToken(header: string | string[] | undefined): string | undefined {
  const offered = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
}

/**
 * Browser mode: serves the built renderer on 127.0.0.1 and carries StudioApi over a
 * WebSocket to the same core Electron would host.
 *
 * The one credential is a random token in the link's fragment (`#token=`), which browsers
 * never send to a server. The page keeps it in its own tab (sessionStorage, scoped by origin,
 * port included) and offers it in the WebSocket handshake. There is no cookie: cookies are
 * scoped by host, not port, so one set here reached every other server on 127.0.0.1, and a
 * second studio replaced the first one's. The static files are the public renderer and need
 * no credential; the API needs the token and our exact origin (scheme, host and port).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no index.html in ${rendererDir}). Run: npm run build`);
  }
  let origin = '';
  let hosts = new Set<string>();
  // A page on another origin (another port on this computer, or a site rebound to 127.0.0.1
  // by DNS) gets nothing: its Host or its Origin gives it away.
  const foreign = (req: http.IncomingMessage) => !hosts.has(req.headers.host ?? '') || (req.headers.origin !== undefined && req.headers.origin !== origin);

  const server = http.createServer((req, res) => {
    if (foreign(req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Margin: requests from another address or origin are refused.\n');
      return;
    }
    if (req.url === START_PATH) {
      void answerStart(req, res, options.core, token);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    const url = new URL(req.url ?? '/', origin);
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
    const bytes = staticBytes(found);
    res.writeHead(200, { 'Content-Type': found.type, 'Content-Length': bytes.length, ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  });

  const wss = new WebSocketServer({
    server,
    path: '/api',
    maxPayload: MAX_WIRE_BYTES,
    verifyClient: ({ req, origin: requestOrigin }: { req: http.IncomingMessage; origin: string }) =>
      requestOrigin === origin && hosts.has(req.headers.host ?? '') && sameToken(offeredToken(req.headers['sec-websocket-protocol']), token),
    // Answer with the plain protocol name: the token is never echoed back.
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });
  wss.on('connection', (socket) => serveSocket(socket, options.core));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`]);

  return {
    url: `${origin}/#token=${token}`,
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

/**
 * The page's start-up calls in one request (shared/api/browser-mode.ts): the same authority as
 * the socket (our origin, checked above, and the token), answered in order, each with its Result.
 */
async function answerStart(req: http.IncomingMessage, res: http.ServerResponse, core: StudioCore, token: string): Promise<void> {
  req.resume(); // no body is read
  if (req.method !== 'POST') {
    res.writeHead(405, SECURITY_HEADERS).end();
    return;
  }
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!sameToken(bearer, token)) {
    res.writeHead(401, { 'Content-Type': 'application/json', ...SECURITY_HEADERS });
    res.end(JSON.stringify(fail('unauthorized', 'Open the link browser mode printed when it started: it carries this studio’s private token.')));
    return;
  }
  const results: unknown[] = [];
  for (const method of START_METHODS) {
    try {
      results.push(await core.call(method, {}));
    } catch {
      results.push(fail('internal', 'The studio could not answer at start.')); // the page asks again over the socket
    }
  }
  const body = JSON.stringify(results);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...SECURITY_HEADERS });
  res.end(body);
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
