import fs from 'node:fs';
import path from 'node:path';
import type { TokenVault } from '../core/community/token-vault';

/**
 * The core's token file name (studio-core.ts TOKEN_FILE; a test keeps them equal). Main does
 * not import the core's entry, which would load the whole core (and SQLite) into main.
 */
export const TOKEN_FILE = 'community-token';

/** What Electron's safeStorage offers (the OS keychain / DPAPI / libsecret), as an interface. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop app's token vault: the token is encrypted with the OS's key store before it
 * touches the disk, in a file only the user can read. Where the OS offers no encryption
 * (some Linux desktops without a keyring), `fallback` is used and the caller is told.
 */
export function encryptedFileVault(file: string, cipher: StringCipher, fallback: TokenVault): TokenVault {
  if (!cipher.isEncryptionAvailable()) return fallback;
  return {
    read() {
      try {
        return cipher.decryptString(fs.readFileSync(file)) || null;
      } catch {
        return null; // unreadable or from another OS account: sign in again
      }
    },
    write(token) {
      if (token === null) return void fs.rmSync(file, { force: true });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, cipher.encryptString(token), { mode: 0o600 });
    },
  };
}
