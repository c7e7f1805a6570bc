import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCircle, openSection, openStudio, startCommunity, useServer } from './community-setup';
import { useChromium } from './harness';

const browser = useChromium();

const section = (page: Page) => page.getByRole('region', { name: 'Discussions' });

describe('a new display name in Chromium', () => {
  it('shows at once on the account and on the writer’s own posts, without signing in again', async () => {
    const server = await startCommunity();
    const studio = await openStudio(browser());
    const page = studio.page;
    await useServer(page, server.url, 'noor');
    await makeCircle(page, 'Attic', []);
    await openSection(page, 'Discussions');
    const select = section(page).locator('label', { hasText: /^Circle/ }).locator('select');
    await select.focus();
    await expect.poll(() => select.locator('option').allTextContents()).toContain('Attic');
    await select.selectOption({ label: 'Attic' });
    await section(page).getByText('Start a thread').click();
    const form = page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('Hello');
    await form.getByLabel(/^Post/).fill('My first post.');
    await form.getByRole('button', { name: 'Start thread' }).click();
    const thread = page.getByRole('article', { name: 'Thread: Hello' });
    await expect.poll(() => thread.locator('.post-meta').first().textContent(), { timeout: 15_000 }).toContain('noor');

    await openSection(page, 'Profile');
    const profile = page.getByRole('form', { name: 'Edit your profile' });
    await profile.getByLabel('Display name').fill('Noor Writes');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByText(/Signed in as/).textContent(), { timeout: 15_000 }).toContain('Noor Writes');

    await openSection(page, 'Discussions');
    await expect.poll(() => thread.locator('.post-meta').first().textContent(), { timeout: 15_000 }).toContain('Noor Writes');
    expect(studio.errors).toEqual([]);
  });
});
