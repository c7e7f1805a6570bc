import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Debian tools some tests check our files with (LibreOffice, epubcheck, pandoc). Missing,
 * the test is skipped loudly; on CI (CI=true, where .ci/run installs them) it fails instead.
 */
export function externalTool(binary: string): { available: boolean; path: string } {
  const found = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, binary)).find((p) => fs.existsSync(p));
  if (!found) {
    if (process.env.CI === 'true') throw new Error(`${binary} is missing: .ci/run installs it, and on CI its checks must run.`);
    console.warn(`\n*** SKIPPING the ${binary} checks: ${binary} is not installed (apt-get install it; CI fails without it) ***\n`);
  }
  return { available: Boolean(found), path: found ?? binary };
}

/** epubcheck as Debian ships it is a jar under /usr/bin (run by binfmt where that is set up): run it with java. */
export function epubcheck(file: string): { ok: boolean; output: string } {
  const jar = fs.realpathSync(externalTool('epubcheck').path);
  try {
    const output = execFileSync('java', ['-jar', jar, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** LibreOffice converts `file` into `outDir` as `format` (its own profile there, so parallel runs do not collide). */
export function sofficeConvert(file: string, format: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(outDir, 'lo-profile')}`, '--headless', '--convert-to', format, '--outdir', outDir, file],
    { stdio: 'ignore', timeout: 180_000 },
  );
  const base = path.basename(file, path.extname(file));
  const ext = format.split(':')[0]!;
  return path.join(outDir, `${base}.${ext}`);
}
