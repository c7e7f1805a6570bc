import fs from 'node:fs';
import path from 'node:path';

/** Where the core keeps the community session token: never in the renderer. */
export interface TokenVault {
  read(): string | null;
  write(token: string | null): void;
}

/**
 * Browser mode's vault: a file readable only by the user (0600). The desktop app uses an
 * Electron safeStorage vault instead (electron/main), which encrypts with the OS keychain.
 */
export function fileTokenVault(file: string): TokenVault {
  return {
    read() {
      try {
        return fs.readFileSync(file, 'utf8').trim() || null;
      } catch {
        return null;
      }
    },
    write(token) {
      if (token === null) return void fs.rmSync(file, { force: true });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, token, { mode: 0o600 });
      fs.chmodSync(file, 0o600); // also when the file already existed with other bits
    },
  };
}
