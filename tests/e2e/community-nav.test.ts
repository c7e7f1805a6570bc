import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCircle, openSection, openStudio, startCommunity, useServer } from './community-setup';
import { resizeTo, useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const nav = (page: Page) => page.getByRole('tablist', { name: 'Community sections' });
const selected = (page: Page) => nav(page).getByRole('tab', { selected: true }).textContent();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('the Community tab’s sub-navigation in Chromium', () => {
  it('shows one section at a time, moves by keyboard, remembers the last one, and says offline what needs the server', async () => {
    const server = await startCommunity();
    const { page, errors } = await openStudio(browser());
    await useServer(page, server.url, 'nora');
    await makeCircle(page, 'Harbour Lights', []);

    expect(await nav(page).getByRole('tab').allTextContents()).toEqual(['Circles', 'Directory', 'Discussions', 'Challenges', 'Prompts', 'Activity', 'Profile', 'Moderation']);
    expect(await selected(page)).toBe('Circles');
    // One section shown: its region, and no other section's.
    await page.getByRole('region', { name: 'Circles' }).waitFor();
    expect(await page.getByRole('region', { name: 'Discussions' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Challenges' }).count()).toBe(0);
    expect(await page.getByRole('tabpanel', { name: 'Circles' }).getByRole('region', { name: 'Circles' }).count()).toBe(1);

    // Keyboard: the arrows move the selection and the focus, wrapping; Home and End.
    await nav(page).getByRole('tab', { name: 'Circles' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await selected(page)).toBe('Directory');
    expect(await focused(page)).toBe('Directory');
    await page.getByRole('region', { name: 'Find circles' }).waitFor();
    await page.keyboard.press('End');
    expect(await selected(page)).toBe('Moderation');
    await page.getByRole('region', { name: 'Moderation' }).waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await selected(page)).toBe('Circles');
    await page.keyboard.press('ArrowLeft');
    expect(await selected(page)).toBe('Moderation');
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe('Circles');
    // Only the open section's tab is in the Tab order.
    expect(await nav(page).locator('[role="tab"][tabindex="0"]').allTextContents()).toEqual(['Circles']);

    // Remembered: across another sidebar tab, and across a reload.
    await openSection(page, 'Discussions');
    await page.getByRole('region', { name: 'Discussions' }).waitFor();
    await page.getByRole('tab', { name: 'Sprint' }).click();
    await page.getByRole('tab', { name: 'Community' }).click();
    expect(await selected(page)).toBe('Discussions');
    await page.reload();
    await page.getByRole('tab', { name: 'Community' }).click();
    await expect.poll(() => selected(page)).toBe('Discussions');
    await page.getByRole('region', { name: 'Discussions' }).waitFor();

    // The sub-navigation stays on top of a long section (a short window here), and a control reached by the keyboard comes out below it, not under it.
    await resizeTo(page, { width: 1024, height: 520 });
    const sidebarButton = page.getByRole('button', { name: 'Sidebar', exact: true });
    if ((await sidebarButton.getAttribute('aria-pressed')) !== 'true') await sidebarButton.click();
    await openSection(page, 'Prompts');
    const library = page.getByRole('region', { name: 'Prompts' }).getByLabel('Prompt library', { exact: true });
    await library.waitFor();
    const panel = page.locator('.tabpanel');
    // Long once the library and its forms have been read (the section draws before they arrive).
    await expect.poll(() => panel.evaluate((el) => el.scrollHeight > el.clientHeight + 150), { timeout: 15_000 }).toBe(true);
    // Scrolled so that the library picker sits under the sub-navigation, then reached by the keyboard.
    await library.evaluate((select) => {
      const scroller = select.closest('.tabpanel')!;
      scroller.scrollTop += select.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 4;
    });
    await nav(page).getByRole('tab', { selected: true }).focus();
    for (let i = 0; i < 5 && !(await library.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await library.evaluate((el) => el === document.activeElement)).toBe(true);
    const navBottom = (await nav(page).boundingBox())!;
    const libraryBox = (await library.boundingBox())!;
    expect(libraryBox.y).toBeGreaterThanOrEqual(navBottom.y + navBottom.height);
    await resizeTo(page, { width: 1440, height: 900 });

    // Looked at in both themes and sizes: the Circles section under the sub-navigation.
    const showCircles = async () => {
      const sidebar = page.getByRole('button', { name: 'Sidebar', exact: true });
      if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
      await openSection(page, 'Circles');
      await page.getByRole('list', { name: 'Your circles' }).getByText('Harbour Lights').waitFor();
    };
    expect(await checkScreens(page, 'community-nav', '.community', showCircles)).toEqual({});
    await resizeTo(page, { width: 1440, height: 900 });

    // Offline: the sections that need the server stay in the list and say why they are empty.
    await server.stop();
    await expect.poll(() => page.getByRole('status', { name: 'Community connection' }).textContent(), { timeout: 15_000 }).toMatch(/^Not connected/);
    expect(await nav(page).getByRole('tab').count()).toBe(8);
    const circles = page.getByRole('region', { name: 'Circles' });
    await expect.poll(() => circles.textContent()).toContain('Your circles, invites and join requests come from the community server.');
    expect(await circles.textContent()).toContain('Not connected right now');
    expect(await page.getByRole('list', { name: 'Your circles' }).count()).toBe(0);
    await openSection(page, 'Activity');
    expect(await page.getByRole('region', { name: 'Activity' }).textContent()).toContain('The activity feed comes from the community server.');
    // Discussions keep what was read on this computer.
    await openSection(page, 'Discussions');
    await page.getByRole('region', { name: 'Discussions' }).getByText(/^Offline: showing what was read/).waitFor();
    expect(errors).toEqual([]);
  });
});
