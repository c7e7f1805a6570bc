import type { Browser, Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { startServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';
import { signUp, startStudio } from './harness';

/** A studio in browser mode on its own data folder, opened in a fresh browser context; page errors are collected. */
export async function openStudio(browser: Browser, size = { width: 1440, height: 900 }) {
  const studio = await startStudio(tempDir(), ['--community', 'off']);
  onTestFinished(() => studio.stop().then(() => undefined));
  const context = await browser.newContext({ viewport: size });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(studio.url);
  return { page, errors, context };
}

/** A community server of its own (SQLite in a temporary folder), stopped after the test. */
export async function startCommunity() {
  const server = await startServerProcess(['--db', `sqlite:${tempDir()}/community.db`]);
  onTestFinished(() => server.stop().then(() => undefined));
  return server;
}

/** Points the studio at `url` and creates the account `username` there. */
export async function useServer(page: Page, url: string, username: string) {
  await page.getByRole('tab', { name: 'Community' }).click();
  await page.getByText('Community server', { exact: true }).click();
  await page.getByLabel(/Server address/).fill(url);
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect.poll(() => page.getByRole('status', { name: 'Community connection' }).textContent()).toMatch(/Not signed in/);
  await signUp(page, username);
}

/**
 * Opens the Community tab (unless it is open: clicking it again would mark its notifications
 * seen) and its section `name` from the sub-navigation, as the writer does.
 */
export async function openSection(page: Page, name: 'Circles' | 'Directory' | 'Discussions' | 'Challenges' | 'Prompts' | 'Activity' | 'Profile' | 'Moderation') {
  const community = page.getByRole('tab', { name: /^Community/ });
  if ((await community.getAttribute('aria-selected')) !== 'true') await community.click();
  const tab = page.getByRole('tablist', { name: 'Community sections' }).getByRole('tab', { name: new RegExp(`^${name}`) });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

/** `owner` makes the circle `name`, and each of `members` joins it by its invite code; returns the code. */
/** The Discussions section's region. */
export const discussionsOf = (page: Page) => page.getByRole('region', { name: 'Discussions' });

/** Opens the Discussions section's circle picker (which fetches the writer's circles again) and picks `name`. */
export async function pickCircle(page: Page, name: string) {
  const select = discussionsOf(page).locator('label', { hasText: /^Circle/ }).locator('select');
  await select.focus();
  await expect.poll(() => select.locator('option').allTextContents()).toContain(name);
  await select.selectOption({ label: name });
}

export async function makeCircle(owner: Page, name: string, members: Page[]): Promise<string> {
  await openSection(owner, 'Circles');
  await owner.getByLabel('New circle').fill(name);
  await owner.getByRole('button', { name: 'Create circle' }).click();
  await owner.getByRole('button', { name: `Invite to ${name}` }).click();
  const code = (await owner.getByRole('status', { name: 'Invite code' }).locator('code').first().textContent())!;
  for (const member of members) {
    await openSection(member, 'Circles');
    await member.getByLabel('Invite code or link').fill(code);
    await member.getByRole('button', { name: 'Join circle' }).click();
    await member.getByText(name).first().waitFor();
  }
  return code;
}

/** Selects `phrase` inside the element labelled `label`, as a reader dragging over it would. */
export async function selectPhrase(page: Page, label: string, phrase: string) {
  await page.getByLabel(label).evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at >= 0) {
        document.getSelection()!.setBaseAndExtent(node, at, node, at + text.length);
        return;
      }
    }
    throw new Error(`"${text}" is not on the page`);
  }, phrase);
}

/** The box of the first element matching `selector` (page coordinates). */
export const boxOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
