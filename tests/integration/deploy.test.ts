import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_DB } from '../../server/cli-flags';
import { connect, dropTestSchema, must } from '../helpers/community';
import { serviceAvailable, TEST_PG, TEST_REDIS } from '../helpers/services';

/**
 * deploy/ is kept correct without a Docker engine: the Dockerfile and compose file are parsed
 * and checked against the project (Node version, build, server file, port, health check, the
 * environment the start script reads), and the compose server's command is run for real, outside
 * Docker, against this machine's PostgreSQL and Redis.
 */
const read = (file: string) => fs.readFileSync(file, 'utf8');
const dockerfile = read('deploy/Dockerfile');
const compose = parseYaml(read('deploy/compose.yaml')) as {
  services: Record<string, { environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; ports?: string[]; volumes?: string[]; build?: { context: string; dockerfile: string }; image?: string; command?: string[]; profiles?: string[] }>;
  volumes: Record<string, unknown>;
};
const startScript = read('deploy/margin-server.sh');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };
const SERVER_FILE = 'out/main/community-server.cjs';

/** Dockerfile instructions, continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op!.toUpperCase(), args: rest.join(' ') };
  });
const all = (op: string) => instructions.filter((i) => i.op === op).map((i) => i.args);

/** The environment names the start script reads (`${NAME…}`), and the server's own LOG_LEVEL. */
const scriptEnv = new Set([...startScript.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));

/** ${NAME:-default} and ${NAME:?error} in compose values, resolved from `values`. */
function interpolate(value: string, values: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::[-?]([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => values[name] ?? fallback ?? '');
}

describe('deploy/: the Dockerfile and compose file against the project', () => {
  it('builds with the Node the project targets, runs the built server through the start script, exposes 4100 and checks /healthz', () => {
    const [major, minor] = pkg.engines.node.replace('>=', '').split('.').map(Number);
    const nodeTarget = /NODE_TARGET = 'node(\d+)'/.exec(read('electron.vite.config.ts'))?.[1];
    const froms = all('FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) {
      const version = /^node:(\d+)(?:\.(\d+))?/.exec(from);
      expect(version, from).not.toBeNull();
      const [m, n] = [Number(version![1]), Number(version![2] ?? 99)];
      expect(m > major! || (m === major && n >= minor!), `${from} satisfies engines ${pkg.engines.node}`).toBe(true);
      expect(String(m)).toBe(nodeTarget);
    }
    // The build stage runs the project's build, which writes the server the runtime stage copies.
    expect(all('RUN').some((r) => r.includes('npm run build'))).toBe(true);
    expect(pkg.scripts.build).toMatch(/electron-vite build/);
    expect(read('electron.vite.config.ts')).toMatch(/'community-server': at\('server', 'index\.ts'\)/);
    expect(all('COPY').some((c) => c.includes(SERVER_FILE))).toBe(true);
    for (const copy of all('COPY').filter((c) => !c.startsWith('--from'))) {
      for (const source of copy.split(/\s+/).slice(0, -1).filter((s) => s !== '.')) expect(fs.existsSync(source), `COPY ${source}`).toBe(true);
    }
    expect(startScript).toContain('out/main/community-server.cjs');
    expect(fs.statSync('deploy/margin-server.sh').mode & 0o111, 'the start script is executable').not.toBe(0);
    expect(all('ENTRYPOINT')).toEqual(['["/app/deploy/margin-server.sh"]']);

    const port = /--port (\d+)/.exec(read('server/cli-flags.ts'))![1];
    expect(all('EXPOSE')).toEqual([port]);
    expect(all('HEALTHCHECK').join(' ')).toContain('/healthz');
    expect(all('USER')).toEqual(['node']);
    // Every ENV it sets is one the start script or the server reads.
    const envNames = all('ENV').flatMap((e) => [...e.matchAll(/(\w+)=/g)].map((m) => m[1]!));
    expect(envNames.filter((n) => !scriptEnv.has(n) && !['NODE_ENV', 'LOG_LEVEL', 'ELECTRON_SKIP_BINARY_DOWNLOAD'].includes(n))).toEqual([]);
    expect(read('server/index.ts')).toContain('process.env.LOG_LEVEL');
    expect(startScript).toContain(DEFAULT_DB.replace('./data', '/data'));
  });

  it('runs server, PostgreSQL and Redis with health checks and volumes, the server waiting for both', () => {
    const { server, postgres, redis } = compose.services;
    expect(server && postgres && redis).toBeTruthy();
    expect(server!.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
    expect(server!.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    for (const [name, service] of Object.entries({ server, postgres, redis })) expect(service!.healthcheck?.test.length, `${name} has a health check`).toBeGreaterThan(0);
    expect(server!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:4100/healthz');
    expect(postgres!.healthcheck!.test.join(' ')).toContain('pg_isready');
    expect(redis!.healthcheck!.test.join(' ')).toContain('redis-cli');
    // Data survives a re-create: named volumes for each store.
    for (const [service, mount] of [['postgres', '/var/lib/postgresql/data'], ['redis', '/data'], ['server', '/data']] as const) {
      const volume = compose.services[service]!.volumes!.find((v) => v.endsWith(`:${mount}`))!;
      expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0]);
    }
    // The server reaches the other two by their service names, with PostgreSQL's own user and database.
    const env = server!.environment!;
    expect(Object.keys(env).filter((n) => !scriptEnv.has(n) && n !== 'LOG_LEVEL')).toEqual([]);
    const db = new URL(interpolate(env.MARGIN_DB!, { POSTGRES_PASSWORD: 'x' }));
    expect([db.hostname, db.username, db.pathname.slice(1)]).toEqual(['postgres', postgres!.environment!.POSTGRES_USER, postgres!.environment!.POSTGRES_DB]);
    expect(new URL(env.MARGIN_REDIS!).hostname).toBe('redis');
    expect(server!.ports).toEqual([`127.0.0.1:${env.MARGIN_PORT}:${env.MARGIN_PORT}`]);
    // The TLS proxy (a profile) points at the server's port, and the nginx example passes WebSocket upgrades.
    expect(compose.services.caddy!.environment!.MARGIN_UPSTREAM).toBe(`server:${env.MARGIN_PORT}`);
    const nginx = read('deploy/nginx.conf');
    for (const line of ['proxy_http_version 1.1', 'proxy_set_header Upgrade $http_upgrade', 'proxy_set_header Connection $connection_upgrade', `server 127.0.0.1:${env.MARGIN_PORT}`]) expect(nginx).toContain(line);
    expect(Number(/proxy_read_timeout (\d+)s/.exec(nginx)![1])).toBeGreaterThan(25);
    expect(read('deploy/Caddyfile')).toMatch(/reverse_proxy \{\$MARGIN_UPSTREAM:127\.0\.0\.1:4100\}[\s\S]*health_uri \/healthz/);
    expect(read('deploy/margin-server.service')).toMatch(/ExecStart=\/opt\/margin\/deploy\/margin-server\.sh/);
  });
});

// Skipped loudly where they are missing; under CI=true serviceAvailable throws instead.
const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));

describe.skipIf(!available)('deploy/: the compose server command, run outside Docker against PostgreSQL and Redis', () => {
  const schema = `margin_deploy_${Math.random().toString(36).slice(2, 8)}`;
  afterAll(() => dropTestSchema(schema));

  /** The compose service's environment, with the hosts pointed at this machine's services. */
  const serverEnv = (): NodeJS.ProcessEnv => {
    const env = Object.fromEntries(Object.entries(compose.services.server!.environment!).map(([k, v]) => [k, interpolate(String(v), { POSTGRES_PASSWORD: 'unused' })]));
    const db = new URL(TEST_PG);
    db.searchParams.set('schema', schema);
    return { ...process.env, ...env, MARGIN_DB: db.toString(), MARGIN_REDIS: TEST_REDIS, MARGIN_HOST: '127.0.0.1', MARGIN_PORT: '0', LOG_LEVEL: 'warn' };
  };
  const run = (args: string[]) => spawn('sh', ['deploy/margin-server.sh', ...args], { env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });

  it('serves /healthz from PostgreSQL with Redis, makes the first admin from the command line, and stops cleanly on SIGTERM', async () => {
    expect(fs.existsSync(SERVER_FILE), `${SERVER_FILE}: run npm run build first`).toBe(true);
    const child = run([]);
    let log = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no port:\n${log}`)), 30_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const match = /MARGIN_SERVER_PORT (\d+)/.exec(log);
        if (!match) return;
        clearTimeout(timer);
        resolve(Number(match[1]));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${log}`)));
    });
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { ok: boolean; store: string };
      expect(health).toMatchObject({ ok: true, store: 'postgres' });

      const socket = await connect(`http://127.0.0.1:${port}`);
      await must(socket, 'account:register', { username: 'first_admin', password: 'a long enough password', device: 'Deploy test' });
      socket.disconnect();
      const admin = run(['admin', 'grant-role', 'first_admin', 'admin']);
      let out = '';
      admin.stdout.on('data', (c: Buffer) => (out += c.toString()));
      admin.stderr.on('data', (c: Buffer) => (out += c.toString()));
      expect(await new Promise((resolve) => admin.once('exit', resolve)), out).toBe(0);
      expect(out).toMatch(/first_admin: .*admin/);
      const client = new pg.Client({ connectionString: TEST_PG });
      await client.connect();
      const { rows } = await client.query(`SELECT roles FROM ${schema}.users WHERE username = 'first_admin'`);
      await client.end();
      expect(JSON.parse(rows[0].roles)).toContain('admin');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
  });
});
