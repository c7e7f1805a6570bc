import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, startStudio, useChromium } from './harness';
import { openSection } from './community-setup';

const browser = useChromium();

describe('the community from the studio (browser mode with its local server)', () => {
  it('creates an account from the app, shows it online, lists the device; the token never reaches the page', async () => {
    const dataDir = tempDir();
    const studio = await startStudio(dataDir);
    onTestFinished(() => studio.stop().then(() => undefined));
    expect(studio.output()).toMatch(/Community server on this computer: http:\/\/127\.0\.0\.1:\d+/);
    const context = await browser().newContext();
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(studio.url);
    await createProjectWithDocument(page, 'Shared', 'Chapter');

    await page.getByRole('tab', { name: 'Community' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Community connection' }).textContent()).toMatch(/Not signed in/);
    await page.getByLabel('Username').fill('night_owl');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Community connection' }).textContent()).toBe('Connected to the community server on this computer');
    await expect.poll(() => page.getByLabel('Sync state').textContent()).toContain('Online');
    // The devices are listed with the writer's profile.
    await openSection(page, 'Profile');
    await expect.poll(() => page.getByRole('list', { name: 'Signed-in devices' }).textContent()).toContain('this device');

    const token = fs.readFileSync(path.join(dataDir, 'community-token'), 'utf8');
    const pageStorage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + document.body.innerHTML);
    expect(pageStorage).not.toContain(token);

    await page.reload();
    await page.getByRole('tab', { name: 'Community' }).click();
    await expect.poll(() => page.getByText('Signed in as').textContent()).toContain('night_owl');

    // A wrong password is shown as a message, not a crash.
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByLabel('Username').fill('night_owl');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong username or password.');
    expect(errors).toEqual([]);
  });
});
