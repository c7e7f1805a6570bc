import { describe, expect, it } from 'vitest';
import { discussionsOf, makeCircle, openSection, openStudio, pickCircle, startCommunity, useServer } from './community-setup';
import { useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const section = discussionsOf;
describe('muting a thread in Chromium', () => {
  it('the Mute button shows the thread’s state, and still does after the window is loaded again', async () => {
    const server = await startCommunity();
    const studio = await openStudio(browser());
    await useServer(studio.page, server.url, 'mira');
    await makeCircle(studio.page, 'Attic', []);
    await openSection(studio.page, 'Discussions');
    await pickCircle(studio.page, 'Attic');
    await section(studio.page).getByText('Start a thread').click();
    const form = studio.page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('Busy thread');
    await form.getByLabel(/^Post/).fill('Talk, talk, talk.');
    await form.getByRole('button', { name: 'Start thread' }).click();

    const thread = studio.page.getByRole('article', { name: 'Thread: Busy thread' });
    const mute = thread.getByRole('button', { name: 'Mute thread' });
    await mute.waitFor({ timeout: 15_000 });
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    await mute.click();
    const unmute = thread.getByRole('button', { name: 'Unmute thread' });
    await unmute.waitFor();
    expect(await unmute.getAttribute('aria-pressed')).toBe('true');

    // Loaded again: the state comes from the studio's copy of the thread, not from the button.
    await studio.page.reload();
    await openSection(studio.page, 'Discussions');
    await pickCircle(studio.page, 'Attic');
    const threads = section(studio.page).getByRole('list', { name: 'Threads' });
    await expect.poll(() => threads.textContent(), { timeout: 15_000 }).toContain('muted');
    await threads.getByRole('button', { name: /Busy thread/ }).click();
    await thread.getByRole('button', { name: 'Unmute thread' }).waitFor();
    expect(await thread.getByRole('button', { name: 'Unmute thread' }).getAttribute('aria-pressed')).toBe('true');

    const violations = await checkScreens(studio.page, 'thread-muted', '.thread-view', async () => {
      // The narrower window folds the sidebar away: open it, as the writer would.
      const sidebar = studio.page.getByRole('button', { name: 'Sidebar' });
      if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
      await thread.getByRole('button', { name: 'Unmute thread' }).scrollIntoViewIfNeeded();
    });
    expect(violations).toEqual({});
    // Unmuted: the button says so again.
    await thread.getByRole('button', { name: 'Unmute thread' }).click();
    await thread.getByRole('button', { name: 'Mute thread' }).waitFor();
    expect(studio.errors).toEqual([]);
  });
});
