import { describe, expect, it } from 'vitest';
import { discussionsOf, makeCircle, openSection, openStudio, pickCircle, startCommunity, useServer } from './community-setup';
import { createProjectWithDocument, editorFor, useChromium, waitSaved } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const discussions = discussionsOf;
describe('writer profiles in Chromium', () => {
  it('a writer edits their profile and keeps the bio to themself; a circle-mate opens it from a post and sees the rest, not the bio', async () => {
    const server = await startCommunity();
    const rosa = await openStudio(browser());
    const sami = await openStudio(browser());
    // Rosa has a project with some words in it: the one she will show.
    await createProjectWithDocument(rosa.page, 'Salt Roads', 'Harbour');
    await editorFor(rosa.page, 'Harbour').click();
    await rosa.page.keyboard.type('The boats came in at dawn with nothing.');
    await waitSaved(rosa.page);
    await useServer(rosa.page, server.url, 'rosa');
    await useServer(sami.page, server.url, 'sami');
    await makeCircle(rosa.page, 'Lantern', [sami.page]);

    await openSection(rosa.page, 'Profile');
    const profile = rosa.page.getByRole('form', { name: 'Edit your profile' });
    await profile.getByLabel('Display name', { exact: true }).fill('Rosa Marsh');
    await profile.getByLabel('Bio', { exact: true }).fill('Sea stories, written before the ferry.');
    await profile.getByLabel(/^Genres/).fill('literary, sea');
    await expect.poll(() => profile.getByLabel('Project to show').locator('option').allTextContents()).toContain('Salt Roads');
    await profile.getByLabel('Project to show').selectOption({ label: 'Salt Roads' });
    await profile.getByLabel('Its genre').fill('literary');
    await profile.getByLabel('Who sees: Bio').selectOption({ label: 'Only me' });
    // The form says what each kind of viewer will see, by the rule the server applies.
    expect(await profile.getByLabel('Who sees what').textContent()).toBe('Anyone signed in sees Genres, Circles, Badges. People in your circles see Genres, What I’m working on, Circles, Badges, Activity.');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => profile.getByRole('status').textContent(), { timeout: 15_000 }).toBe('Profile saved.');
    await expect.poll(() => profile.textContent()).toContain('Showing “Salt Roads”, 8 words');

    // Rosa starts a thread; Sami opens it and clicks her name.
    await openSection(rosa.page, 'Discussions');
    await pickCircle(rosa.page, 'Lantern');
    await discussions(rosa.page).getByText('Start a thread').click();
    const form = rosa.page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('Harbour scenes');
    await form.getByLabel(/^Post/).fill('Who else writes the sea?');
    await form.getByRole('button', { name: 'Start thread' }).click();
    await openSection(sami.page, 'Discussions');
    await pickCircle(sami.page, 'Lantern');
    const threads = discussions(sami.page).getByRole('list', { name: 'Threads' });
    await expect.poll(() => threads.textContent(), { timeout: 15_000 }).toContain('Harbour scenes');
    await threads.getByRole('button', { name: /Harbour scenes/ }).click();
    await sami.page.getByRole('article', { name: 'Thread: Harbour scenes' }).getByRole('button', { name: 'Profile of Rosa Marsh' }).click();
    const seen = sami.page.getByRole('article', { name: 'Profile of Rosa Marsh' });
    await seen.waitFor();
    await expect.poll(() => seen.getByRole('region', { name: 'Working on' }).textContent()).toBe('Working onSalt Roads · literary · 8 words');
    expect(await seen.getByRole('list', { name: 'Genres' }).textContent()).toBe('literarysea');
    expect(await seen.textContent()).toContain('@rosa · you share a circle');
    expect(await seen.textContent()).not.toContain('Sea stories');

    // Rosa sees her own bio on her profile.
    await openSection(rosa.page, 'Profile');
    await rosa.page.getByRole('button', { name: 'See your profile' }).click();
    const own = rosa.page.getByRole('article', { name: 'Profile of Rosa Marsh' });
    await expect.poll(() => own.textContent()).toContain('Sea stories, written before the ferry.');

    expect(await checkScreens(sami.page, 'profile-view', '.profile-dialog', async () => undefined)).toEqual({});
    await rosa.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    // At 1024 wide the binder takes the room: the writer opens the sidebar to edit their profile.
    const showProfile = async () => {
      if (!(await profile.isVisible())) await rosa.page.getByRole('button', { name: 'Sidebar', exact: true }).click();
      await profile.scrollIntoViewIfNeeded();
    };
    expect(await checkScreens(rosa.page, 'profile-edit', '.profiles', showProfile)).toEqual({});
    expect(rosa.errors).toEqual([]);
    expect(sami.errors).toEqual([]);
  });
});
