import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCircle, openStudio, selectPhrase, startCommunity, useServer } from './community-setup';
import { must, newWriter } from '../helpers/community';
import { createProjectWithDocument, editorFor, useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

/** A studio whose page may show desktop notifications; each one shown is recorded (Chromium's own Notification underneath). */
async function studioWithNotifications() {
  const studio = await openStudio(browser());
  await studio.context.grantPermissions(['notifications'], { origin: new URL(studio.page.url()).origin });
  await studio.page.addInitScript(() => {
    const Real = window.Notification;
    const shown: string[] = [];
    Object.assign(window, { __shown: shown });
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title} | ${options?.body ?? ''}`);
      }
    };
  });
  await studio.page.reload();
  return studio;
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });
const centre = (page: Page) => page.getByRole('dialog', { name: 'Notifications' });
const tabName = (page: Page, tab: string) => page.getByRole('tab', { name: new RegExp(`^${tab}`) }).textContent();

async function openCentre(page: Page) {
  if ((await bell(page).getAttribute('aria-expanded')) !== 'true') await bell(page).click();
  await centre(page).waitFor();
}
async function closeCentre(page: Page) {
  if ((await bell(page).getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
  await centre(page).waitFor({ state: 'detached' });
}

describe('the notification centre', () => {
  it('rings for comments, replies, critiques, shares, joins and circle sprints: bell, tab badges, title, desktop, per-kind settings', async () => {
    const server = await startCommunity();
    const a = await studioWithNotifications();
    const b = await studioWithNotifications();
    await createProjectWithDocument(a.page, 'Keeper', 'Chapter one');
    await useServer(a.page, server.url, 'ada');
    await useServer(b.page, server.url, 'cal');

    // Someone joins Ada's circle: her bell, the Community tab's badge, the title, the desktop.
    const code = await makeCircle(a.page, 'Tuesday critiquers', [b.page]);
    await expect.poll(() => bell(a.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 1 unread');
    expect(await tabName(a.page, 'Community')).toBe('Community1, 1 unread');
    expect(await a.page.title()).toBe('Margin (1)');
    await expect.poll(() => shown(a.page)).toEqual(['cal joined Tuesday critiquers | ']);
    expect(await b.page.title()).toBe('Margin');

    // Ada shares: a share received, in Cal's Inbox.
    await editorFor(a.page, 'Chapter one').click();
    await a.page.keyboard.type('The lighthouse keeper counted the ships that never came.');
    await a.page.getByRole('tab', { name: 'Comments' }).click();
    await a.page.getByRole('button', { name: 'Share “Chapter one”' }).click();
    await expect.poll(() => bell(b.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 1 unread');
    expect(await tabName(b.page, 'Inbox')).toBe('Inbox1, 1 unread');
    await expect.poll(() => shown(b.page)).toEqual(['ada shared “Chapter one” with you | ']);

    // Cal comments and critiques: Ada hears of both, on her Comments tab.
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await expect.poll(() => tabName(b.page, 'Inbox')).toBe('Inbox'); // opening the tab saw its news
    await expect.poll(() => bell(b.page).getAttribute('aria-label')).toBe('Notifications');
    await b.page.getByRole('button', { name: /Chapter one by ada/ }).click();
    await expect.poll(() => b.page.getByLabel('Shared draft Chapter one').textContent()).toContain('lighthouse');
    await selectPhrase(b.page, 'Shared draft Chapter one', 'counted the ships');
    await b.page.getByRole('button', { name: 'Comment on selection' }).click();
    await b.page.getByLabel('Your comment').fill('How many ships?');
    await b.page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => bell(a.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 2 unread');
    await expect.poll(() => shown(a.page)).toContain('cal commented on “Chapter one” | How many ships?');
    await b.page.getByLabel('What worked').fill('The ships.');
    await b.page.getByRole('button', { name: 'Submit critique' }).click();
    await expect.poll(() => bell(a.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 3 unread');
    expect(await tabName(a.page, 'Comments')).toBe('Comments2, 2 unread');
    expect(await a.page.title()).toBe('Margin (3)');

    // Cal turns desktop notifications off for replies; Ada replies: in the centre, not on the desktop.
    await openCentre(b.page);
    await centre(b.page).getByText('Notification settings').click();
    await centre(b.page).getByLabel('Replies: on the desktop').uncheck();
    await closeCentre(b.page);
    const before = (await shown(b.page)).length;
    await openCentre(a.page);
    await centre(a.page).getByRole('button', { name: 'Unread: cal commented on “Chapter one”' }).click();
    // Opening it showed the comment: Ada replies there.
    const thread = a.page.locator('[data-thread]', { hasText: 'How many ships?' }).first();
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.closest('[data-thread]')?.textContent ?? '')).toContain('How many ships?');
    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByLabel('Reply to cal').fill('Seven.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => bell(b.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 1 unread');
    await openCentre(b.page);
    await expect.poll(() => centre(b.page).getByRole('list', { name: 'Notification list' }).textContent()).toContain('ada replied on “Chapter one”Seven.');
    expect((await shown(b.page)).length).toBe(before);
    await closeCentre(b.page);
    await expect.poll(() => bell(a.page).getAttribute('aria-label')).toBe('Notifications, 2 unread');

    // Someone else joins the circle and plans a sprint in it (over the protocol, as any studio
    // would): Cal hears of both, on the Community and Sprint tabs.
    const dee = await newWriter(server.url, 'dee');
    const circle = await must(dee.socket, 'circle:join', { code });
    await expect.poll(() => bell(b.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 2 unread');
    await must(dee.socket, 'sprint:create', { circleId: circle.id, title: 'Lunch break', durationMin: 15, startsInMin: 5 });
    await expect.poll(() => bell(b.page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 3 unread');
    await expect.poll(async () => (await shown(b.page)).at(-1)).toBe('dee planned the sprint “Lunch break” in Tuesday critiquers | Starts in 5 min: join it from the Sprint tab.');
    expect(await tabName(b.page, 'Sprint')).toBe('Sprint1, 1 unread');
    expect(await tabName(b.page, 'Community')).toBe('Community1, 1 unread');
    // Opening it brings up the Sprint tab.
    await openCentre(b.page);
    await centre(b.page).getByRole('button', { name: /^Unread: dee planned the sprint/ }).click();
    await expect.poll(() => b.page.getByRole('tab', { name: /^Sprint/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => bell(b.page).getAttribute('aria-label')).toBe('Notifications, 2 unread');

    // Kept in the studio's database: a reloaded window has the same count, and shows no old alert again.
    const alerts = (await shown(b.page)).length;
    await b.page.reload();
    await expect.poll(() => bell(b.page).getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(await b.page.title()).toBe('Margin (2)');
    expect(await shown(b.page)).toEqual([]);
    expect(alerts).toBeGreaterThan(0);

    // Both themes, both sizes, with the centre open: screenshots and axe-core.
    const found = await checkScreens(b.page, 'notifications', '.pane-editor, .pane-sidebar, .projectbar', async () => {
      await openCentre(b.page);
    });
    expect(found).toEqual({});

    // Mark all read: the bell, the badges and the title are quiet again.
    await centre(b.page).getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell(b.page).getAttribute('aria-label')).toBe('Notifications');
    expect(await b.page.title()).toBe('Margin');

    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
