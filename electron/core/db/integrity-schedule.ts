import fs from 'node:fs';
import path from 'node:path';

const CHECKED_FILE = 'margin.checked';
const EVERY_MS = 7 * 24 * 3600_000;

/**
 * When to run SQLite's whole-file quick_check on open: after an unclean shutdown (the lock was
 * left behind), when it has never run, or a week after the last time. A clean open in between
 * skips it, so a large studio opens without reading every page.
 */
export function integrityCheckDue(dataDir: string, recovered: boolean, now: Date): boolean {
  if (recovered) return true;
  try {
    const last = Date.parse(fs.readFileSync(path.join(dataDir, CHECKED_FILE), 'utf8').trim());
    return !Number.isFinite(last) || now.getTime() - last >= EVERY_MS || last > now.getTime();
  } catch {
    return true;
  }
}

export function recordIntegrityCheck(dataDir: string, now: Date): void {
  fs.writeFileSync(path.join(dataDir, CHECKED_FILE), `${now.toISOString()}\n`);
}
