import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCircle, openSection, openStudio, startCommunity, useServer } from './community-setup';
import { useChromium } from './harness';

const browser = useChromium();

/** The owner lists their circle from its entry in "Your circles". */
async function listCircle(page: Page, name: string, visibility: 'public' | 'closed', genres: string) {
  const item = page.getByRole('list', { name: 'Your circles' }).getByRole('listitem').filter({ hasText: name });
  await item.getByText('Directory and requests').click();
  const form = page.getByRole('form', { name: `Directory listing of ${name}` });
  await form.getByLabel('Who may find it').selectOption(visibility);
  await form.getByLabel(/Genres/).fill(genres);
  await form.getByLabel('Language').fill('en');
  await form.getByRole('button', { name: 'Save listing' }).click();
  await form.getByRole('status').filter({ hasText: 'listed in the directory' }).waitFor();
}

async function search(page: Page, query: string) {
  await openSection(page, 'Directory');
  const form = page.getByRole('search', { name: 'Search the circle directory' });
  await form.getByLabel('Name or description').fill(query);
  await form.getByRole('button', { name: 'Search' }).click();
}

describe('the circle directory in Chromium', () => {
  it('a writer finds a public circle and joins it, asks to join a closed one, and the owner lets them in', async () => {
    const server = await startCommunity();
    const owner = await openStudio(browser());
    const writer = await openStudio(browser());
    await useServer(owner.page, server.url, 'olive');
    await useServer(writer.page, server.url, 'wren');
    await makeCircle(owner.page, 'Night Owls', []);
    await makeCircle(owner.page, 'Quiet Table', []);
    await makeCircle(owner.page, 'Secret Owls', []);
    await listCircle(owner.page, 'Night Owls', 'public', 'fantasy, horror');
    await listCircle(owner.page, 'Quiet Table', 'closed', 'literary');

    // Search finds the public circle, not the private one with the same word in its name.
    await search(writer.page, 'owls');
    const directory = writer.page.getByRole('list', { name: 'Circle directory' });
    await expect.poll(() => directory.getByRole('listitem').filter({ has: writer.page.locator('strong') }).allTextContents()).toEqual([expect.stringContaining('Night Owls')]);
    await expect.poll(() => directory.textContent()).toContain('fantasy');
    await writer.page.getByRole('button', { name: 'Join Night Owls' }).click();
    await writer.page.getByText('You joined “Night Owls”.').waitFor();
    await openSection(writer.page, 'Circles');
    await writer.page.getByRole('list', { name: 'Your circles' }).getByText('Night Owls').waitFor();

    // A closed circle: ask, the owner sees the request and accepts, the writer is told and is in.
    await search(writer.page, 'quiet');
    await directory.getByLabel('A note to its moderators (optional)').fill('I write at lunch.');
    await writer.page.getByRole('button', { name: 'Ask to join Quiet Table' }).click();
    await writer.page.getByText('Request sent; waiting for its moderators.').waitFor();
    // The owner's queue updates live (directory:changed), without reopening anything.
    const requests = owner.page.getByRole('list', { name: 'Requests to join Quiet Table' });
    await expect.poll(() => requests.textContent(), { timeout: 15_000 }).toContain('I write at lunch.');
    await owner.page.getByRole('button', { name: 'Accept wren' }).click();
    await writer.page.getByText('You are in: “Quiet Table” accepted your request.').waitFor({ timeout: 15_000 });
    await openSection(writer.page, 'Circles');
    await writer.page.getByRole('list', { name: 'Your circles' }).getByText('Quiet Table').waitFor();
    expect(await writer.page.getByRole('list', { name: 'Your circles' }).textContent()).not.toContain('Secret Owls');

    expect(owner.errors).toEqual([]);
    expect(writer.errors).toEqual([]);
  });
});
