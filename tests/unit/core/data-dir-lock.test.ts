import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LOCK_FILE, lockDataDir } from '../../../electron/core/data-dir-lock';
import { createStudioCore } from '../../../electron/core/studio-core';
import { tempDir } from '../../helpers/temp-dir';

/** A real other process, alive until killed. */
async function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  onTestFinished(() => void child.kill('SIGKILL'));
  return child;
}

describe('one studio per data folder', () => {
  it('refuses a second studio on the same folder until the first closes', () => {
    const dir = tempDir();
    const first = createStudioCore({ dataDir: dir, host: 'browser' });
    expect(() => createStudioCore({ dataDir: dir, host: 'browser' })).toThrow(/already open with this data folder/);
    first.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    createStudioCore({ dataDir: dir, host: 'browser' }).close();
  });

  it('refuses while another live process holds the folder, and takes over once it is gone', async () => {
    const dir = tempDir();
    const holder = await otherProcess();
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${holder.pid}\n`);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`process ${holder.pid}`));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // A crashed studio leaves its lock behind; its process is gone, so the next studio takes over.
    const lock = lockDataDir(dir);
    expect(lock.recovered).toBe(true);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock file that is not a lock (empty or garbage)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), 'not a pid');
    lockDataDir(dir).release();
  });
});
