import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, editorFor, launchChromium, signUp, startStudio } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

const leaderRow = (page: Page, name: string) => page.getByRole('list', { name: 'Leaderboard' }).getByRole('listitem', { name: new RegExp(`^${name}: `) });
const wordsIn = async (page: Page, name: string) => Number(/: (\d+) words/.exec((await leaderRow(page, name).getAttribute('aria-label')) ?? '')?.[1] ?? -1);

describe('a sprint between two studios', () => {
  it('both writers see each other’s count rise as they write', async () => {
    const studioA = await startStudio(tempDir());
    onTestFinished(() => studioA.stop().then(() => undefined));
    const communityUrl = /Community server on this computer: (\S+)/.exec(studioA.output())![1]!;
    const studioB = await startStudio(tempDir(), ['--community', 'off']);
    onTestFinished(() => studioB.stop().then(() => undefined));

    const a = await openPage(studioA.url);
    const b = await openPage(studioB.url);
    await createProjectWithDocument(a.page, 'Ana novel', 'Ana chapter');
    await createProjectWithDocument(b.page, 'Ben novel', 'Ben chapter');

    await signUp(a.page, 'ana');
    // Ben's studio points at Ana's community server, from the UI.
    await b.page.getByRole('tab', { name: 'Community' }).click();
    await b.page.getByText('Community server', { exact: true }).click();
    await b.page.getByLabel(/Server address/).fill(communityUrl);
    await b.page.getByRole('button', { name: 'Use this server' }).click();
    await expect.poll(() => b.page.getByRole('status', { name: 'Community connection' }).textContent()).toMatch(/Not signed in/);
    await signUp(b.page, 'ben');

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
});
