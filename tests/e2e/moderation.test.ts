import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCircle, openStudio, startCommunity, useServer } from './community-setup';
import { launchChromium } from './harness';
import { checkScreens } from './screens';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const discussions = (page: Page) => page.getByRole('region', { name: 'Discussions' });
async function pickCircle(page: Page, name: string) {
  const select = discussions(page).locator('label', { hasText: /^Circle/ }).locator('select');
  await select.focus();
  await expect.poll(() => select.locator('option').allTextContents()).toContain(name);
  await select.selectOption({ label: name });
}

describe('moderation in Chromium', () => {
  it('a post is reported, hidden from the queue with a reason, the reporter told; a block makes a writer’s posts disappear', async () => {
    const server = await startCommunity();
    const owner = await openStudio(browser);
    const writer = await openStudio(browser);
    await useServer(owner.page, server.url, 'hana');
    await useServer(writer.page, server.url, 'ivo');
    await makeCircle(owner.page, 'Lighthouse', [writer.page]);

    await pickCircle(owner.page, 'Lighthouse');
    await discussions(owner.page).getByText('Start a thread').click();
    const form = owner.page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('House rules');
    await form.getByLabel(/^Post/).fill('Be kind to each other.');
    await form.getByRole('button', { name: 'Start thread' }).click();

    await pickCircle(writer.page, 'Lighthouse');
    const writerThreads = discussions(writer.page).getByRole('list', { name: 'Threads' });
    await expect.poll(() => writerThreads.textContent(), { timeout: 15_000 }).toContain('House rules');
    await writerThreads.getByRole('button', { name: /House rules/ }).click();
    const writerThread = writer.page.getByRole('article', { name: 'Thread: House rules' });
    await writerThread.getByLabel('Reply').fill('Buy cheap watches at spam.example');
    await writerThread.getByRole('button', { name: 'Post reply' }).click();

    // The owner reads the reply, reports it, and works the queue.
    const ownerThread = owner.page.getByRole('article', { name: 'Thread: House rules' });
    await expect.poll(() => ownerThread.textContent(), { timeout: 15_000 }).toContain('cheap watches');
    await ownerThread.getByText('Report', { exact: true }).click();
    const report = ownerThread.getByRole('form', { name: 'Report the post by ivo' });
    await report.getByLabel('Note (optional)').fill('Advertising');
    await report.getByRole('button', { name: 'Send report' }).click();
    const queue = owner.page.getByRole('list', { name: 'Reports in Lighthouse' });
    await expect.poll(() => queue.textContent(), { timeout: 15_000 }).toContain('cheap watches');
    await queue.getByLabel('Why (for the log and the reporter)').fill('No advertising here.');
    await queue.getByRole('button', { name: 'Hide post' }).click();
    await owner.page.getByRole('list', { name: 'Your reports' }).getByText(/hidden by a moderator: No advertising here\./).waitFor({ timeout: 15_000 });
    await owner.page.getByText('Moderation log of Lighthouse').click();
    await expect.poll(() => owner.page.getByRole('list', { name: 'Moderation log of Lighthouse' }).textContent()).toContain('hana hid a post: No advertising here.');
    await expect.poll(() => writerThread.textContent(), { timeout: 15_000 }).toContain('Hidden by a moderator.');
    expect(await writerThread.textContent()).not.toContain('cheap watches');

    // The writer blocks the owner: the owner's posts are gone for them.
    await writerThread.getByRole('button', { name: 'Block hana' }).click();
    await expect.poll(() => writerThread.textContent(), { timeout: 15_000 }).not.toContain('Be kind to each other.');
    await writer.page.getByRole('button', { name: 'Unblock hana' }).waitFor();

    // The hub's sections, in both themes and both window sizes: no serious accessibility violation.
    const found = await checkScreens(owner.page, 'community-hub', '.directory, .discussions, .moderation, .activity', async () => {});
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));

    expect(owner.errors).toEqual([]);
    expect(writer.errors).toEqual([]);
  });
});
