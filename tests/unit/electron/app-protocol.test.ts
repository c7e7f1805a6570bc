import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, APP_SCHEME_PRIVILEGES, appProtocolHandler, resolveAppFile } from '../../../electron/main/app-protocol';
import { tempDir } from '../../helpers/temp-dir';

/** A renderer folder with a page and an asset, a secret beside it, and symlinks in and out. */
function layout() {
  const root = tempDir();
  const renderer = path.join(root, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Margin</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'drafts');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(renderer, 'assets', 'out.txt'));
  fs.symlinkSync(root, path.join(renderer, 'up'));
  fs.symlinkSync(path.join(renderer, 'assets', 'app.js'), path.join(renderer, 'inside.js'));
  return { root, renderer };
}

describe('the app:// protocol', () => {
  it('is a standard, secure scheme with no CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('serves files of the renderer folder', () => {
    const { renderer } = layout();
    const real = fs.realpathSync(renderer);
    expect(resolveAppFile(renderer, 'app://margin/')).toBe(path.join(real, 'index.html'));
    expect(resolveAppFile(renderer, 'app://margin/index.html')).toBe(path.join(real, 'index.html'));
    expect(resolveAppFile(renderer, 'app://margin/assets/app.js?v=1#x')).toBe(path.join(real, 'assets', 'app.js'));
    // A symlink whose target stays inside is fine.
    expect(resolveAppFile(renderer, 'app://margin/inside.js')).toBe(path.join(real, 'assets', 'app.js'));
  });

  it('refuses every way out of the renderer folder', () => {
    const { root, renderer } = layout();
    const refused = [
      'app://margin/../secret.txt',
      'app://margin/assets/../../secret.txt',
      'app://margin/%2e%2e/secret.txt',
      'app://margin/%2E%2E/%2e%2e/secret.txt',
      'app://margin/..%2fsecret.txt',
      'app://margin/assets%2f..%2f..%2fsecret.txt',
      'app://margin/..%5csecret.txt',
      'app://margin/%252e%252e/secret.txt',
      `app://margin/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
      `app://margin//${path.join(root, 'secret.txt')}`,
      'app://margin/C:%5cWindows%5cwin.ini',
      'app://margin/assets/out.txt', // symlink pointing out
      'app://margin/up/secret.txt', // symlinked folder pointing out
      'app://margin/assets/', // a folder
      'app://margin/missing.js',
      'app://margin/%00index.html',
      'app://margin/%E0%A4%A', // malformed escape
      'app://elsewhere/index.html', // another host
      'file:///etc/passwd',
      'https://margin/index.html',
      'not a url',
    ];
    for (const url of refused) expect(resolveAppFile(renderer, url), url).toBeUndefined();
  });

  it('answers with the CSP, refuses what is not there, and only reads', async () => {
    const { renderer } = layout();
    const handle = appProtocolHandler(renderer);
    const page = await handle({ url: 'app://margin/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await page.text()).toContain('<title>Margin</title>');
    expect((await handle({ url: 'app://margin/assets/app.js', method: 'GET' })).headers.get('content-type')).toContain('text/javascript');
    const out = await handle({ url: 'app://margin/%2e%2e/secret.txt', method: 'GET' });
    expect(out.status).toBe(404);
    expect(await out.text()).not.toContain('drafts');
    expect((await handle({ url: 'app://margin/index.html', method: 'POST' })).status).toBe(405);
  });

  it('has a CSP that runs only the app’s own scripts', () => {
    const directives = Object.fromEntries(APP_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(APP_CSP).not.toMatch(/unsafe-eval/);
    expect(directives['script-src']!.join(' ')).not.toMatch(/unsafe-inline|\*|http|data:|blob:/);
    expect(directives['connect-src']).toEqual(["'self'"]);
  });
});
