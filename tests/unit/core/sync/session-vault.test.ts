import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionVault } from '../../../../electron/core/community/session-vault';
import { fileTokenVault } from '../../../../electron/core/community/token-vault';
import { tempDir } from '../../../helpers/temp-dir';

describe('session vault', () => {
  it('reads a bare token an older Margin wrote', () => {
    const file = path.join(tempDir(), 'community-token');
    fs.writeFileSync(file, 'OLDTOKEN_abcdefghijklmnopqrstuvwxyz0123456789');
    const vault = createSessionVault(fileTokenVault(file));
    expect(vault.token()).toBe('OLDTOKEN_abcdefghijklmnopqrstuvwxyz0123456789');
    vault.setToken('NEW', 'local');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ token: 'NEW', server: 'local' });
  });
  it('remembers a session signed out offline, under the server that issued it, until it is ended there', () => {
    const file = path.join(tempDir(), 'community-token');
    let now = Date.parse('2026-11-24T10:00:00Z');
    const vault = createSessionVault(fileTokenVault(file), () => now);
    vault.setToken('T1', 'local');
    vault.endLater('https://elsewhere.example'); // pointed elsewhere when signing out: still ended where it was issued
    expect(vault.token()).toBeNull();
    vault.setToken('T2');
    expect(vault.ended('local').map((e) => e.token)).toEqual(['T1']);
    expect(vault.ended('https://other.example')).toEqual([]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    vault.forgetEnded('T1');
    expect(vault.ended('local')).toEqual([]);
    expect(vault.token()).toBe('T2');
    // Sessions expire on the server after 90 days: an older leftover is forgotten.
    vault.endLater('local');
    now += 91 * 24 * 3600_000;
    vault.setToken('T3');
    expect(vault.ended('local')).toEqual([]);
  });
});
