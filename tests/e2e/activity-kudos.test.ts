import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';
import { makeCircle, openSection, openStudio, useServer } from './community-setup';
import { useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });
const centre = (page: Page) => page.getByRole('dialog', { name: 'Notifications' });
const unread = async (page: Page) => Number(/(\d+) unread/.exec((await bell(page).getAttribute('aria-label')) ?? '')?.[1] ?? 0);

describe('kudos on a sprint result in Chromium', () => {
  it('a result in the feed takes kudos; the writer’s bell counts it and the centre shows it', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'community.db');
    const server = await startServerProcess(['--db', `sqlite:${dbFile}`]);
    onTestFinished(() => server.stop().then(() => undefined));
    const rosa = await openStudio(browser());
    const sami = await openStudio(browser());
    await useServer(rosa.page, server.url, 'rosa');
    await useServer(sami.page, server.url, 'sami');
    await makeCircle(rosa.page, 'Tidewater', [sami.page]);

    // Sami follows the circle (from its discussions).
    await openSection(sami.page, 'Discussions');
    const discussions = sami.page.getByRole('region', { name: 'Discussions' });
    const select = discussions.locator('label', { hasText: /^Circle/ }).locator('select');
    await select.focus();
    await expect.poll(() => select.locator('option').allTextContents()).toContain('Tidewater');
    await select.selectOption({ label: 'Tidewater' });
    await discussions.getByRole('button', { name: 'Follow Tidewater' }).click();
    await discussions.getByRole('button', { name: 'Following Tidewater' }).waitFor();

    // A sprint of Rosa's in the circle ended a while ago (written into the server's store, as
    // a sprint that ran would have left it); the server's sweep puts her result in the feed.
    const db = new Database(dbFile);
    onTestFinished(() => void db.close());
    const id = (name: string) => (db.prepare('SELECT id FROM users WHERE username = ?').get(name) as { id: string }).id;
    const circleId = (db.prepare('SELECT id FROM circles WHERE name = ?').get('Tidewater') as { id: string }).id;
    const sprintId = randomUUID();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    db.prepare('INSERT INTO sprints (id, circle_id, created_by, title, starts_at, ends_at, duration_min, goal_words, created_at) VALUES (?, ?, ?, ?, ?, ?, 10, NULL, ?)').run(sprintId, circleId, id('rosa'), 'Lunch sprint', at(20), at(10), at(20));
    db.prepare('INSERT INTO sprint_writers (sprint_id, user_id, joined_at, words, updated_at, flagged, left_at) VALUES (?, ?, ?, 321, ?, 0, NULL)').run(sprintId, id('rosa'), at(20), at(10));

    const feed = sami.page.getByRole('list', { name: 'Activity feed' });
    // The sweep runs every 15 s: once it recorded the result, the feed reads it when the Community tab opens again.
    await expect.poll(() => (db.prepare("SELECT count(*) AS n FROM activity WHERE kind = 'sprint_result'").get() as { n: number }).n, { timeout: 40_000, interval: 1000 }).toBe(1);
    await sami.page.getByRole('tab', { name: /^Sprint/ }).click();
    await openSection(sami.page, 'Activity');
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('rosa wrote 321 words in “Lunch sprint” in Tidewater');
    const before = await unread(rosa.page);
    await feed.getByRole('button', { name: 'Kudos to rosa' }).click();
    await expect.poll(() => feed.getByRole('button', { name: /^Kudos to rosa/ }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => feed.getByRole('button', { name: /^Kudos to rosa/ }).textContent(), { timeout: 15_000 }).toMatch(/Kudos to rosa · 1$/);

    // Rosa's bell counts it; her centre says who and for what.
    await expect.poll(() => unread(rosa.page), { timeout: 15_000 }).toBe(before + 1);
    await bell(rosa.page).click();
    await expect.poll(() => centre(rosa.page).getByRole('list', { name: 'Notification list' }).textContent(), { timeout: 15_000 }).toContain('sami gave kudos on your sprint: 321 words in “Lunch sprint”');
    expect(await db.prepare('SELECT count(*) AS n FROM kudos WHERE target_kind = ?').get('sprint_result')).toEqual({ n: 1 });

    // The settings, and the feed, in both themes and sizes.
    const showSettings = async () => {
      if ((await bell(rosa.page).getAttribute('aria-expanded')) !== 'true') await bell(rosa.page).click();
      const details = centre(rosa.page).locator('details.notification-settings');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
      await centre(rosa.page).getByLabel('Kudos I receive: on the desktop').focus();
    };
    expect(await checkScreens(rosa.page, 'notification-settings', '.notification-centre', showSettings)).toEqual({});
    const showFeed = async () => {
      // A narrower window shows the binder or the sidebar: the sidebar, here.
      const sidebar = sami.page.getByRole('button', { name: 'Sidebar', exact: true });
      if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
      await openSection(sami.page, 'Activity');
      await sami.page.getByRole('region', { name: 'Activity' }).scrollIntoViewIfNeeded();
    };
    expect(await checkScreens(sami.page, 'activity-feed', '.activity', showFeed)).toEqual({});

    expect(rosa.errors).toEqual([]);
    expect(sami.errors).toEqual([]);
  });
});
