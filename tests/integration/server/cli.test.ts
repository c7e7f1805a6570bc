import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createCommunityServer } from '../../../server/app';
import { parseServerArgs } from '../../../server/cli-flags';
import { openStore } from '../../../server/store/open-store';
import { connect, must, newWriter } from '../../helpers/community';
import { tempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);
const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/index.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });

describe('server CLI', () => {
  it('admin grant-role gives a published author their role', async () => {
    const db = `sqlite:${path.join(tempDir(), 'community.db')}`;
    const server = createCommunityServer({ store: await openStore(db), logger: pino({ level: 'silent' }) });
    const url = `http://127.0.0.1:${await server.listen(0)}`;
    const writer = await newWriter(url, 'published_pat');
    const { stdout } = await cli(['admin', 'grant-role', 'published_pat', 'author', '--db', db]);
    expect(stdout.trim()).toBe('published_pat: writer, author');
    const again = await connect(url, writer.session.token);
    expect((await must(again, 'account:me', {})).roles).toEqual(['writer', 'author']);
    await server.close();
  });

  it.each([
    [['--port', 'http'], /--port must be/],
    [['--db', 'mysql://x'], /--db must be/],
    [['--redis', 'http://x'], /--redis must be/],
    [['--bogus'], /Unknown option/],
    [['admin', 'grant-role', 'someone', 'emperor'], /Not a role/],
    [['admin', 'delete-everything'], /Usage/],
  ])('refuses %j with a plain message', (args, message) => {
    expect(() => parseServerArgs(args)).toThrow(message);
  });

  it('exits with status 2 and a message for an unknown account', async () => {
    const db = `sqlite:${path.join(tempDir(), 'community.db')}`;
    await expect(cli(['admin', 'grant-role', 'nobody_here', 'author', '--db', db])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/No account named "nobody_here"/) });
  });
});
