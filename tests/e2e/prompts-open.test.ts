import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccountsRepo } from '../../server/features/accounts/accounts.repo';
import { openStore } from '../../server/store/open-store';
import { must, newWriter } from '../helpers/community';
import { startServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';
import { makeCircle, openSection, openStudio, useServer } from './community-setup';
import { createProjectWithDocument, useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const section = (page: Page) => page.getByRole('region', { name: 'Prompts' });

describe('an open prompt in Chromium', () => {
  it('a writer writes to the open library’s prompt and shares the response with a circle they pick, where it is posted in the circle’s thread for it', async () => {
    const db = `sqlite:${tempDir()}/community.db`;
    const server = await startServerProcess(['--db', db]);
    const store = await openStore(db);
    // A site moderator curates the open library.
    const curator = await newWriter(server.url);
    await createAccountsRepo(store.db).setRoles(curator.userId, ['writer', 'moderator']);
    await must(curator.socket, 'account:me', {});
    await must(curator.socket, 'prompt:add', { promptId: crypto.randomUUID(), circleId: null, text: 'A door left open.' });

    const writer = await openStudio(browser());
    await createProjectWithDocument(writer.page, 'Lunch pages', 'Notes');
    await useServer(writer.page, server.url, 'rosa');
    await makeCircle(writer.page, 'Night Owls', []);

    await openSection(writer.page, 'Prompts');
    const library = section(writer.page).getByLabel('Prompt library', { exact: true }).first();
    await library.focus();
    await library.selectOption({ label: 'Open prompts (everyone)' });
    const today = section(writer.page).getByRole('article', { name: "Today's prompt" });
    await expect.poll(() => today.locator('.prompt-text').textContent()).toBe('A door left open.');
    await today.getByLabel('Write in').selectOption({ label: 'Lunch pages' });
    await today.getByRole('button', { name: 'Write to this prompt' }).click();

    const banner = writer.page.getByRole('complementary', { name: 'Writing prompt' });
    await expect.poll(() => banner.textContent()).toContain('Written to an open prompt');
    const circle = banner.getByLabel('Share with');
    await expect.poll(() => circle.locator('option').allTextContents()).toEqual(['Night Owls']);
    expect(await banner.textContent()).toContain('goes to the circle you choose, in that circle’s thread for this prompt');
    expect(await checkScreens(writer.page, 'prompt-open-banner', '.prompt-banner', async () => banner.evaluate((el) => el.scrollIntoView({ block: 'start' })))).toEqual({});

    await writer.page.getByLabel(/^Text of /).first().click();
    await writer.page.keyboard.type('The door swung in the wind.');
    await banner.getByRole('button', { name: 'Share response for feedback' }).click();
    await banner.getByRole('status').filter({ hasText: 'Shared with Night Owls, and posted in its thread for this prompt.' }).waitFor();
    expect(await checkScreens(writer.page, 'prompt-open-shared', '.prompt-banner', async () => banner.evaluate((el) => el.scrollIntoView({ block: 'start' })))).toEqual({});

    // On the server: the share in the circle, and the circle's thread for the prompt with the writer's reply.
    const thread = await store.db.selectFrom('discussion_threads').select(['id', 'title']).executeTakeFirstOrThrow();
    expect(thread.title).toBe('Open prompt: A door left open.');
    await expect.poll(async () => (await store.db.selectFrom('discussion_posts').select('body').where('thread_id', '=', thread.id).execute()).map((p) => p.body.slice(0, 22)), { timeout: 15_000 }).toEqual(['A door left open.', 'I wrote to this prompt']);
    await expect.poll(async () => (await store.db.selectFrom('shares').select('title').execute()).length, { timeout: 15_000 }).toBe(1);
    expect(writer.errors).toEqual([]);
    await store.close();
  }, 90_000);
});
