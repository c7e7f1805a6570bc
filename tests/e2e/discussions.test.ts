import { describe, expect, it } from 'vitest';
import { discussionsOf, makeCircle, openSection, openStudio, pickCircle, startCommunity, useServer } from './community-setup';
import { useChromium } from './harness';

const browser = useChromium();

const section = discussionsOf;
describe('discussions in Chromium', () => {
  it('directory -> join -> post a thread -> the other studio sees it (Markdown rendered safely) and the reply comes back live', async () => {
    const server = await startCommunity();
    const owner = await openStudio(browser());
    const writer = await openStudio(browser());
    await useServer(owner.page, server.url, 'olga');
    await useServer(writer.page, server.url, 'pim');
    await makeCircle(owner.page, 'Night Owls', []);
    const item = owner.page.getByRole('list', { name: 'Your circles' }).getByRole('listitem').filter({ hasText: 'Night Owls' });
    await item.getByText('Directory and requests').click();
    await item.getByLabel('Who may find it').selectOption('public');
    await item.getByRole('button', { name: 'Save listing' }).click();
    await item.getByText('Saved: listed in the directory.').waitFor();

    await openSection(writer.page, 'Directory');
    await writer.page.getByRole('search', { name: 'Search the circle directory' }).getByRole('button', { name: 'Search' }).click();
    await writer.page.getByRole('button', { name: 'Join Night Owls' }).click();
    await writer.page.getByText('You joined “Night Owls”.').waitFor();

    await openSection(writer.page, 'Discussions');
    await pickCircle(writer.page, 'Night Owls');
    await section(writer.page).getByText('Start a thread').click();
    const form = writer.page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('Openings that hook');
    await form.getByLabel(/^Post/).fill('What makes a **first line** work? <script>window.__pwned = 1</script> See [this](https://example.org/lines).');
    await form.getByRole('button', { name: 'Start thread' }).click();
    await writer.page.getByRole('article', { name: 'Thread: Openings that hook' }).waitFor();

    // The owner sees it, unread, and opens it: Markdown as elements, the script as text.
    await openSection(owner.page, 'Discussions');
    await pickCircle(owner.page, 'Night Owls');
    const threads = section(owner.page).getByRole('list', { name: 'Threads' });
    await expect.poll(() => threads.textContent(), { timeout: 15_000 }).toContain('Openings that hook');
    await threads.getByLabel('unread').waitFor();
    await threads.getByRole('button', { name: /Openings that hook/ }).click();
    const thread = owner.page.getByRole('article', { name: 'Thread: Openings that hook' });
    await expect.poll(() => thread.locator('.post-body strong').first().textContent()).toBe('first line');
    expect(await thread.locator('.post-body').first().textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await thread.locator('.post-body script').count()).toBe(0);
    expect(await thread.locator('.post-body a').first().getAttribute('href')).toBe('https://example.org/lines');
    expect(await owner.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await thread.getByLabel('Reply').fill('Start with a *question*, @pim.');
    await thread.getByRole('button', { name: 'Post reply' }).click();
    const writerThread = writer.page.getByRole('article', { name: 'Thread: Openings that hook' });
    await expect.poll(() => writerThread.getByRole('list', { name: 'Posts' }).textContent(), { timeout: 15_000 }).toContain('Start with a question, @pim.');
    expect(await writerThread.locator('.post-body em').textContent()).toBe('question');

    expect(owner.errors).toEqual([]);
    expect(writer.errors).toEqual([]);
  });
});
