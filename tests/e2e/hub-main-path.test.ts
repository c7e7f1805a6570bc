import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCircle, openSection, openStudio, startCommunity, useServer } from './community-setup';
import { createProjectWithDocument, editorFor, useChromium, waitSaved } from './harness';

const browser = useChromium();

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });
const centre = (page: Page) => page.getByRole('dialog', { name: 'Notifications' });
const unread = async (page: Page) => Number(/(\d+) unread/.exec((await bell(page).getAttribute('aria-label')) ?? '')?.[1] ?? 0);
const sectionTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Community sections' }).getByRole('tab', { name: new RegExp(`^${name}`) });

/** The owner lists `name` in the directory from its entry in "Your circles". */
async function list(page: Page, name: string, genres: string) {
  await openSection(page, 'Circles');
  const item = page.getByRole('list', { name: 'Your circles' }).getByRole('listitem').filter({ hasText: name });
  await item.getByText('Directory and requests').click();
  const form = page.getByRole('form', { name: `Directory listing of ${name}` });
  await form.getByLabel('Who may find it').selectOption('public');
  await form.getByLabel(/Genres/).fill(genres);
  await form.getByRole('button', { name: 'Save listing' }).click();
  await form.getByRole('status').filter({ hasText: 'listed in the directory' }).waitFor();
}

// 30 words, typed into the editor and counted from its saves.
const PAGES = 'The tram rattled past the harbour wall while I wrote the first pages of the novel, counting gulls and ferries and the small lights of the boats coming home late.';

describe('the community hub’s main path in Chromium', () => {
  it('directory → join → post → challenge progress → notification, two studios on one server', async () => {
    const server = await startCommunity();
    const rosa = await openStudio(browser());
    const sami = await openStudio(browser());
    await createProjectWithDocument(sami.page, 'Harbour novel', 'Chapter one');
    await useServer(rosa.page, server.url, 'rosa');
    await useServer(sami.page, server.url, 'sami');

    // Rosa owns two listed circles, and starts a challenge in the one for sea stories.
    await makeCircle(rosa.page, 'Harbour Writers', []);
    await makeCircle(rosa.page, 'Mountain Poets', []);
    await list(rosa.page, 'Harbour Writers', 'sea, literary');
    await list(rosa.page, 'Mountain Poets', 'poetry');
    await openSection(rosa.page, 'Challenges');
    const rosaChallenges = rosa.page.getByRole('region', { name: 'Challenges' });
    await rosaChallenges.getByText('Start a challenge').click();
    const newChallenge = rosa.page.getByRole('form', { name: 'New challenge' });
    await newChallenge.getByLabel('Name').fill('Harbour words');
    await newChallenge.getByLabel('Goal').fill('100');
    await expect.poll(() => newChallenge.getByLabel('Who may join').locator('option').allTextContents()).toContain('Harbour Writers (circle)');
    await newChallenge.getByLabel('Who may join').selectOption({ label: 'Harbour Writers (circle)' });
    await newChallenge.getByRole('button', { name: 'Start challenge' }).click();
    await rosa.page.getByRole('article', { name: 'Harbour words' }).waitFor();

    // Sami finds it in the directory by genre (the other circle is filtered out) and joins.
    await openSection(sami.page, 'Directory');
    const search = sami.page.getByRole('search', { name: 'Search the circle directory' });
    await search.getByLabel('Genre').fill('sea');
    await search.getByLabel('Who may join').selectOption('public');
    await search.getByRole('button', { name: 'Search' }).click();
    const directory = sami.page.getByRole('list', { name: 'Circle directory' });
    await expect.poll(() => directory.locator('strong').allTextContents()).toEqual(['Harbour Writers']);
    await directory.getByRole('button', { name: 'Join Harbour Writers' }).click();
    await sami.page.getByText('You joined “Harbour Writers”.').waitFor();
    await openSection(sami.page, 'Circles');
    await expect.poll(() => sami.page.getByRole('list', { name: 'Your circles' }).textContent()).toContain('Harbour Writers · 2 members');
    // Rosa hears of it on the Community tab (she is on it): the count sits on the tab, and every
    // sidebar tab stays whole on its one line.
    await expect.poll(() => rosa.page.getByRole('tab', { name: /^Community/ }).textContent(), { timeout: 15_000 }).toBe('Community1, 1 unread');
    const sidebar = (await rosa.page.locator('.pane-sidebar').boundingBox())!;
    const tablist = rosa.page.getByRole('tablist', { name: 'Sidebar' });
    for (const box of await tablist.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(sidebar.x - 0.5);
      expect(box.right).toBeLessThanOrEqual(sidebar.x + sidebar.width + 0.5);
    }
    expect(await tablist.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // Sami starts a thread in it.
    await openSection(sami.page, 'Discussions');
    const samiDiscussions = sami.page.getByRole('region', { name: 'Discussions' });
    const circlePicker = samiDiscussions.locator('label', { hasText: /^Circle/ }).locator('select');
    await circlePicker.focus();
    await expect.poll(() => circlePicker.locator('option').allTextContents()).toContain('Harbour Writers');
    await circlePicker.selectOption({ label: 'Harbour Writers' });
    await samiDiscussions.getByText('Start a thread').click();
    const thread = sami.page.getByRole('form', { name: 'New thread' });
    await thread.getByLabel('Title').fill('First pages on the tram');
    await thread.getByLabel(/^Post/).fill('Twenty minutes each way: who else writes on the commute?');
    await thread.getByRole('button', { name: 'Start thread' }).click();
    await sami.page.getByRole('article', { name: 'Thread: First pages on the tram' }).waitFor();

    // Rosa, in another section, sees Discussions marked; she reads the thread and follows Sami.
    await expect.poll(() => sectionTab(rosa.page, 'Discussions').textContent(), { timeout: 15_000 }).toBe('Discussions1, 1 unread');
    await openSection(rosa.page, 'Discussions');
    const rosaThreads = rosa.page.getByRole('region', { name: 'Discussions' }).getByRole('list', { name: 'Threads' });
    await rosaThreads.getByRole('button', { name: /First pages on the tram/ }).click();
    const rosaThread = rosa.page.getByRole('article', { name: 'Thread: First pages on the tram' });
    await rosaThread.getByRole('button', { name: 'Follow sami' }).click();
    await rosaThread.getByRole('button', { name: 'Following sami' }).waitFor();
    await expect.poll(() => sectionTab(rosa.page, 'Discussions').textContent()).toBe('Discussions');

    // Sami joins the challenge, consenting to send daily totals, and writes in the editor.
    await openSection(sami.page, 'Challenges');
    await sami.page.getByRole('region', { name: 'Challenges' }).getByRole('button', { name: /Harbour words/ }).click();
    const detail = sami.page.getByRole('article', { name: 'Harbour words' });
    const join = detail.getByRole('form', { name: 'Join this challenge' });
    await join.getByRole('checkbox', { name: /Send my daily totals for this challenge/ }).check();
    await join.getByRole('button', { name: 'Join challenge' }).click();
    const bar = detail.getByRole('progressbar');
    await expect.poll(() => bar.getAttribute('aria-label')).toMatch(/0 words of 100 words \(0%\)/);
    const before = await unread(rosa.page);
    await editorFor(sami.page, 'Chapter one').click();
    await sami.page.keyboard.type(PAGES);
    await waitSaved(sami.page);
    await expect.poll(() => bar.getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/30 words of 100 words \(30%\)/);
    await expect.poll(() => detail.getByRole('list', { name: 'Leaderboard' }).textContent(), { timeout: 10_000 }).toMatch(/sami.*30 words/);

    // Rosa follows Sami: his first milestone rings her bell, and the centre says what it was.
    await expect.poll(() => unread(rosa.page), { timeout: 15_000 }).toBe(before + 1);
    await bell(rosa.page).click();
    const entry = centre(rosa.page).getByRole('list', { name: 'Notification list' }).getByRole('listitem').filter({ hasText: 'sami reached 25% of Harbour words' });
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(/^Unread: /);
    // Opening it brings up where it happened: the Challenges section, not Discussions where she was.
    await expect.poll(() => sectionTab(rosa.page, 'Discussions').getAttribute('aria-selected')).toBe('true');
    await entry.getByRole('button').click();
    await expect.poll(() => sectionTab(rosa.page, 'Challenges').getAttribute('aria-selected')).toBe('true');
    await rosa.page.getByRole('region', { name: 'Challenges' }).waitFor();

    expect(rosa.errors).toEqual([]);
    expect(sami.errors).toEqual([]);
  });
});
