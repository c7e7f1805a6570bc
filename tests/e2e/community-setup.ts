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

/** `owner` makes the circle `name`, and each of `members` joins it by its invite code; returns the code. */
export async function makeCircle(owner: Page, name: string, members: Page[]): Promise<string> {
  await owner.getByRole('tab', { name: 'Community' }).click();
  await owner.getByLabel('New circle').fill(name);
  await owner.getByRole('button', { name: 'Create circle' }).click();
  await owner.getByRole('button', { name: `Invite to ${name}` }).click();
  const code = (await owner.getByRole('status', { name: 'Invite code' }).locator('code').first().textContent())!;
  for (const member of members) {
    await member.getByRole('tab', { name: 'Community' }).click();
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
