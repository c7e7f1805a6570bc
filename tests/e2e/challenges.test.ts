import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSection, openStudio, startCommunity, useServer } from './community-setup';
import { createProjectWithDocument, editorFor, useChromium, waitSaved } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const section = (page: Page) => page.getByRole('region', { name: 'Challenges' });

describe('challenges in Chromium', () => {
  it('start a challenge, join it with consent, write: the progress bar moves and today’s heat-map cell fills', async () => {
    const server = await startCommunity();
    const { page, errors } = await openStudio(browser());
    await createProjectWithDocument(page, 'November novel', 'Chapter one');
    await useServer(page, server.url, 'wren');
    await openSection(page, 'Challenges');

    const challenges = section(page);
    await challenges.getByText('Start a challenge').click();
    await challenges.getByRole('group', { name: 'Ready-made goals' }).getByRole('button', { name: '50,000 words in 30 days' }).click();
    const form = page.getByRole('form', { name: 'New challenge' });
    await form.getByLabel('Name').fill('Lunch-break words');
    await form.getByLabel('Goal').fill('200');
    await form.getByRole('button', { name: 'Start challenge' }).click();
    const detail = page.getByRole('article', { name: 'Lunch-break words' });
    await detail.waitFor();

    // Joining needs the writer's consent, worded plainly.
    const join = detail.getByRole('form', { name: 'Join this challenge' });
    const button = join.getByRole('button', { name: 'Join challenge' });
    expect(await button.isDisabled()).toBe(true);
    await join.getByRole('checkbox', { name: /Send my daily totals for this challenge/ }).check();
    await button.click();
    const bar = detail.getByRole('progressbar');
    await expect.poll(() => bar.getAttribute('aria-label')).toMatch(/0 words of 200 words \(0%\)/);
    const grid = detail.getByRole('grid', { name: 'Writing days' });
    const todayCell = grid.getByRole('gridcell', { name: /\(today\)/ });
    expect(await todayCell.getAttribute('aria-label')).toMatch(/no writing/);
    expect(await todayCell.getAttribute('data-level')).toBe('0');

    // Writing in the editor: counted from the saves, never typed into the challenge.
    await editorFor(page, 'Chapter one').click();
    await page.keyboard.type('The tide came in over the causeway while the village slept and nobody saw the boat.');
    await waitSaved(page);
    await expect.poll(() => bar.getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/16 words of 200 words \(8%\)/);
    expect(Number(await bar.getAttribute('value'))).toBe(16);
    await expect.poll(() => todayCell.getAttribute('aria-label')).toMatch(/16 words \(today\)/);
    expect(Number(await todayCell.getAttribute('data-level'))).toBeGreaterThan(0);
    // The server has it too: the leaderboard shows the writer's total.
    await expect.poll(() => detail.getByRole('list', { name: 'Leaderboard' }).textContent(), { timeout: 10_000 }).toMatch(/wren.*16 words/);

    // Keyboard: the heat map's cells are reached with the arrow keys.
    await todayCell.focus();
    await page.keyboard.press('Home');
    expect(await grid.getByRole('gridcell').first().evaluate((el) => el === document.activeElement)).toBe(true);

    // Each size and theme shows the open challenge (a narrower window folds the sidebar away).
    const showChallenge = async () => {
      if (!(await detail.isVisible())) {
        // A narrower window folds the sidebar away: open it as the writer would.
        const sidebar = page.getByRole('button', { name: 'Sidebar' });
        if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
        await openSection(page, 'Challenges');
        if (!(await detail.isVisible())) await challenges.getByRole('button', { name: /Lunch-break words/ }).click();
      }
      await grid.scrollIntoViewIfNeeded();
    };
    expect(await checkScreens(page, 'challenge', '.challenges', showChallenge)).toEqual({});
    expect(errors).toEqual([]);
  });
});
