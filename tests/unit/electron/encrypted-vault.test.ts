import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTokenVault } from '../../../electron/core/community/token-vault';
import { encryptedFileVault, TOKEN_FILE, type StringCipher } from '../../../electron/main/encrypted-vault';
import { TOKEN_FILE as CORE_TOKEN_FILE } from '../../../electron/core/studio-core';
import { tempDir } from '../../helpers/temp-dir';

/** Stands in for the OS key store (safeStorage cannot run without Electron): real AES-256-GCM. */
function aesCipher(available = true): StringCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('token vaults', () => {
  it('encrypts the token at rest in a 0600 file and reads it back', () => {
    const file = path.join(tempDir(), 'community-token.enc');
    const vault = encryptedFileVault(file, aesCipher(), fileTokenVault(`${file}.plain`));
    vault.write('secret-token-value-1234567890');
    expect(fs.readFileSync(file).includes(Buffer.from('secret-token-value'))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(vault.read()).toBe('secret-token-value-1234567890');
    vault.write(null);
    expect(fs.existsSync(file)).toBe(false);
    expect(vault.read()).toBeNull();
  });

  it('treats a token encrypted by another key as absent (sign in again), and falls back where the OS has no key store', () => {
    const file = path.join(tempDir(), 'community-token.enc');
    encryptedFileVault(file, aesCipher(), fileTokenVault(`${file}.plain`)).write('old');
    expect(encryptedFileVault(file, aesCipher(), fileTokenVault(`${file}.plain`)).read()).toBeNull();
    const fallback = fileTokenVault(`${file}.plain`);
    expect(encryptedFileVault(file, aesCipher(false), fallback)).toBe(fallback);
  });

  it('names the token file as the core does (main does not import the core to learn it)', () => {
    expect(TOKEN_FILE).toBe(CORE_TOKEN_FILE);
  });
});
