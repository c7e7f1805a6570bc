import { describe, expect, it } from 'vitest';
import { discussionsOf, makeCircle, openSection, openStudio, pickCircle, startCommunity, useServer } from './community-setup';
import { useChromium } from './harness';

const browser = useChromium();

const discussions = discussionsOf;
describe('kudos, follows and the activity feed in Chromium', () => {
  it('kudos on a post and follows of a writer and a circle show in both activity feeds', async () => {
    const server = await startCommunity();
    const owner = await openStudio(browser());
    const writer = await openStudio(browser());
    await useServer(owner.page, server.url, 'rosa');
    await useServer(writer.page, server.url, 'sami');
    await makeCircle(owner.page, 'Tidewater', [writer.page]);

    // Sami follows the circle, then starts a thread.
    await openSection(writer.page, 'Discussions');
    await pickCircle(writer.page, 'Tidewater');
    await discussions(writer.page).getByRole('button', { name: 'Follow Tidewater' }).click();
    await discussions(writer.page).getByRole('button', { name: 'Following Tidewater' }).waitFor();
    await discussions(writer.page).getByText('Start a thread').click();
    const form = writer.page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('A scene a day');
    await form.getByLabel(/^Post/).fill('Day one: done.');
    await form.getByRole('button', { name: 'Start thread' }).click();

    // Rosa opens it, gives kudos and follows Sami; Sami's thread is in her feed.
    await openSection(owner.page, 'Discussions');
    await pickCircle(owner.page, 'Tidewater');
    const threads = discussions(owner.page).getByRole('list', { name: 'Threads' });
    await expect.poll(() => threads.textContent(), { timeout: 15_000 }).toContain('A scene a day');
    await threads.getByRole('button', { name: /A scene a day/ }).click();
    const thread = owner.page.getByRole('article', { name: 'Thread: A scene a day' });
    await thread.getByRole('button', { name: 'Kudos to sami' }).click();
    await expect.poll(() => thread.getByRole('button', { name: 'Kudos to sami' }).textContent()).toContain('Kudos · 1');
    await thread.getByRole('button', { name: 'Follow sami' }).click();
    await thread.getByRole('button', { name: 'Following sami' }).waitFor();
    await openSection(owner.page, 'Activity');
    const ownerFeed = owner.page.getByRole('list', { name: 'Activity feed' });
    await expect.poll(() => ownerFeed.textContent(), { timeout: 15_000 }).toContain('sami started “A scene a day” in Tidewater');

    // Sami, following the circle, sees Rosa's kudos.
    await openSection(writer.page, 'Activity');
    const writerFeed = writer.page.getByRole('list', { name: 'Activity feed' });
    await expect.poll(() => writerFeed.textContent(), { timeout: 15_000 }).toContain('rosa gave kudos in “A scene a day”');

    // Loaded again, straight to Discussions (the feed not opened): the buttons still know what Sami follows.
    await openSection(writer.page, 'Discussions'); // the section the tab opens at next time
    await writer.page.reload();
    await openSection(writer.page, 'Discussions');
    await pickCircle(writer.page, 'Tidewater');
    await discussions(writer.page).getByRole('button', { name: 'Following Tidewater' }).waitFor();

    expect(owner.errors).toEqual([]);
    expect(writer.errors).toEqual([]);
  });
});
