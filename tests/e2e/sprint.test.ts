import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { makeCircle, useServer } from './community-setup';
import { checkScreens } from './screens';
import { createProjectWithDocument, editorFor, openPage, resizeTo, signUp, startStudio, useChromium } from './harness';

const browser = useChromium();
const openAt = (url: string) => openPage(browser(), url, { viewport: { width: 1280, height: 900 } });

const leaderRow = (page: Page, name: string) => page.getByRole('list', { name: 'Leaderboard' }).getByRole('listitem', { name: new RegExp(`^${name}: `) });
const wordsIn = async (page: Page, name: string) => Number(/: (\d+) words/.exec((await leaderRow(page, name).getAttribute('aria-label')) ?? '')?.[1] ?? -1);

/**
 * Ana's studio runs the community server; Ben's (with none of its own) points at it from the
 * UI. Each has a project with a chapter and an account. Ana's studio can be stopped (its server goes with it).
 */
async function anaAndBen() {
  const studioA = await startStudio(tempDir());
  onTestFinished(() => studioA.stop().then(() => undefined));
  const communityUrl = /Community server on this computer: (\S+)/.exec(studioA.output())![1]!;
  const studioB = await startStudio(tempDir(), ['--community', 'off']);
  onTestFinished(() => studioB.stop().then(() => undefined));
  const a = await openAt(studioA.url);
  const b = await openAt(studioB.url);
  await createProjectWithDocument(a.page, 'Ana novel', 'Ana chapter');
  await createProjectWithDocument(b.page, 'Ben novel', 'Ben chapter');
  await signUp(a.page, 'ana');
  await useServer(b.page, communityUrl, 'ben');
  return { a, b, studioA };
}

describe('a sprint between two studios', () => {
  it('both writers see each other’s count rise as they write', async () => {
    const { a, b } = await anaAndBen();

    await a.page.getByRole('tab', { name: 'Sprint' }).click();
    await a.page.getByLabel('Sprint name').fill('Lunch break');
    await a.page.getByLabel('Word goal (optional)').fill('200');
    await a.page.getByRole('button', { name: 'Start sprint' }).click();
    await expect.poll(() => a.page.getByRole('timer', { name: 'Sprint time left' }).textContent()).toMatch(/^1[45]:\d\d$/);

    await b.page.getByRole('tab', { name: 'Sprint' }).click();
    await b.page.getByRole('button', { name: 'Join Lunch break' }).click();
    await expect.poll(() => b.page.getByRole('timer', { name: 'Sprint time left' }).textContent()).toMatch(/^1[45]:\d\d$/);

    await editorFor(a.page, 'Ana chapter').click();
    await a.page.keyboard.type('The river was high that spring and nobody crossed it.');
    await expect.poll(() => wordsIn(b.page, 'ana'), { timeout: 10_000 }).toBe(10);

    await editorFor(b.page, 'Ben chapter').click();
    await b.page.keyboard.type('Snow again.');
    await expect.poll(() => wordsIn(a.page, 'ben'), { timeout: 10_000 }).toBe(2);
    await b.page.keyboard.type(' Four more words here.');
    await expect.poll(() => wordsIn(a.page, 'ben'), { timeout: 10_000 }).toBe(6);
    await expect.poll(() => a.page.getByLabel('Your sprint words').textContent()).toBe('10 words');
    await expect.poll(() => b.page.getByRole('progressbar', { name: 'Progress to the sprint goal' }).getAttribute('value')).toBe('6');

    // A cheer reaches the other writer.
    await a.page.getByRole('button', { name: 'Cheer ben 🔥' }).click();
    await expect.poll(() => b.page.locator('.cheer-feed').textContent()).toContain('ana 🔥');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('a circle sprint appears live for the circle, its clock stays in the status bar on every tab, and offline it keeps running honestly', async () => {
    const { a, b, studioA } = await anaAndBen();
    await makeCircle(a.page, 'Night owls', [b.page]);

    // Ben waits on the Sprint tab; Ana plans a sprint for the circle. It appears for Ben without a reload.
    await b.page.getByRole('tab', { name: 'Sprint' }).click();
    await expect.poll(() => b.page.getByText(/No sprints right now/).count()).toBe(1);
    await a.page.getByRole('tab', { name: 'Sprint' }).click();
    await a.page.getByLabel('Sprint name').fill('Owl hour');
    await a.page.getByLabel('Who can join').selectOption({ label: 'Night owls only' });
    await a.page.getByRole('button', { name: 'Start sprint' }).click();
    await b.page.getByRole('button', { name: 'Join Owl hour' }).waitFor({ timeout: 10_000 });
    expect(await b.page.getByRole('list', { name: 'Sprints you can join' }).textContent()).toContain('Night owls');
    await b.page.getByRole('button', { name: 'Join Owl hour' }).click();

    // The sprint's name and clock stay in the status bar whatever tab is open.
    await b.page.getByRole('tab', { name: 'Community' }).click();
    const badge = b.page.getByRole('timer', { name: /^Owl hour: time left/ });
    await expect.poll(() => badge.textContent()).toMatch(/Owl hour · 1[45]:\d\d/);
    expect(await checkScreens(b.page, 'sprint-status-bar', '.statusbar', async () => undefined)).toEqual({});
    await resizeTo(b.page, { width: 1280, height: 900 });
    await b.page.getByRole('tab', { name: 'Sprint' }).click();
    expect(await checkScreens(b.page, 'sprint-active', '.sprints', async () => undefined)).toEqual({});
    await resizeTo(b.page, { width: 1280, height: 900 });

    // The community goes away: the countdown keeps running, and says so plainly.
    await b.page.getByRole('tab', { name: 'Sprint' }).click();
    await studioA.stop();
    await expect.poll(() => b.page.getByRole('status').filter({ hasText: /^Offline: the clock keeps running/ }).count(), { timeout: 20_000 }).toBe(1);
    const before = await b.page.getByRole('timer', { name: 'Sprint time left' }).textContent();
    await expect.poll(() => b.page.getByRole('timer', { name: 'Sprint time left' }).textContent(), { timeout: 5000 }).not.toBe(before);
    expect(await b.page.getByText('Sign in from the Community tab').count()).toBe(0);
    expect(b.errors).toEqual([]);
  });
});
