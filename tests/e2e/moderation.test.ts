import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { discussionsOf, makeCircle, openSection, openStudio, pickCircle, selectPhrase, startCommunity, useServer } from './community-setup';
import { startServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, editorFor, useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const discussions = discussionsOf;
describe('moderation in Chromium', () => {
  it('a post is reported, hidden from the queue with a reason, the reporter told; a block makes a writer’s posts disappear', async () => {
    const server = await startCommunity();
    const owner = await openStudio(browser());
    const writer = await openStudio(browser());
    await useServer(owner.page, server.url, 'hana');
    await useServer(writer.page, server.url, 'ivo');
    await makeCircle(owner.page, 'Lighthouse', [writer.page]);

    await openSection(owner.page, 'Discussions');
    await pickCircle(owner.page, 'Lighthouse');
    await discussions(owner.page).getByText('Start a thread').click();
    const form = owner.page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('House rules');
    await form.getByLabel(/^Post/).fill('Be kind to each other.');
    await form.getByRole('button', { name: 'Start thread' }).click();

    await openSection(writer.page, 'Discussions');
    await pickCircle(writer.page, 'Lighthouse');
    const writerThreads = discussions(writer.page).getByRole('list', { name: 'Threads' });
    await expect.poll(() => writerThreads.textContent(), { timeout: 15_000 }).toContain('House rules');
    await writerThreads.getByRole('button', { name: /House rules/ }).click();
    const writerThread = writer.page.getByRole('article', { name: 'Thread: House rules' });
    await writerThread.getByLabel('Reply').fill('Buy cheap watches at spam.example');
    await writerThread.getByRole('button', { name: 'Post reply' }).click();

    // The owner reads the reply, reports it, and works the queue.
    const ownerThread = owner.page.getByRole('article', { name: 'Thread: House rules' });
    await expect.poll(() => ownerThread.textContent(), { timeout: 15_000 }).toContain('cheap watches');
    await ownerThread.getByText('Report', { exact: true }).click();
    const report = ownerThread.getByRole('form', { name: 'Report the post by ivo' });
    await report.getByLabel('Note (optional)').fill('Advertising');
    await report.getByRole('button', { name: 'Send report' }).click();
    await ownerThread.getByText('Reported.').waitFor();
    // The queue, with a count on the Moderation section's name before it is opened.
    const moderationTab = owner.page.getByRole('tablist', { name: 'Community sections' }).getByRole('tab', { name: /^Moderation/ });
    await expect.poll(() => moderationTab.textContent(), { timeout: 15_000 }).toBe('Moderation1, 1 to review');
    await openSection(owner.page, 'Moderation');
    const queue = owner.page.getByRole('list', { name: 'Reports in Lighthouse' });
    await expect.poll(() => queue.textContent(), { timeout: 15_000 }).toContain('cheap watches');
    await queue.getByLabel('Why (for the log, the reporter and the writer)').fill('No advertising here.');
    await queue.getByRole('button', { name: 'Hide post' }).click();
    await owner.page.getByRole('list', { name: 'Your reports' }).getByText(/hidden by a moderator: No advertising here\./).waitFor({ timeout: 15_000 });
    await owner.page.getByText('Moderation log of Lighthouse').click();
    await expect.poll(() => owner.page.getByRole('list', { name: 'Moderation log of Lighthouse' }).textContent()).toContain('hana hid a post: No advertising here.');
    await expect.poll(() => writerThread.textContent(), { timeout: 15_000 }).toContain('Hidden by a moderator.');
    expect(await writerThread.textContent()).not.toContain('cheap watches');

    // The writer blocks the owner: the owner's posts are gone for them.
    await writerThread.getByRole('button', { name: 'Block hana' }).click();
    await expect.poll(() => writerThread.textContent(), { timeout: 15_000 }).not.toContain('Be kind to each other.');
    await openSection(writer.page, 'Moderation');
    await writer.page.getByRole('button', { name: 'Unblock hana' }).waitFor();

    // The hub's sections, in both themes and both window sizes: no serious accessibility violation.
    const found = await checkScreens(owner.page, 'community-hub', '.directory, .discussions, .moderation, .activity', async () => {});
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));

    expect(owner.errors).toEqual([]);
    expect(writer.errors).toEqual([]);
  });

  it('a moderator warns a writer, who sees the warning; a blocked writer’s comment is refused; the site queue for an admin named by the CLI', async () => {
    const db = `sqlite:${tempDir()}/community.db`;
    const server = await startServerProcess(['--db', db]);
    const kai = await openStudio(browser());
    const lea = await openStudio(browser());
    await createProjectWithDocument(kai.page, 'Pier', 'Chapter one');
    await useServer(kai.page, server.url, 'kai');
    await useServer(lea.page, server.url, 'lea');
    await makeCircle(kai.page, 'Pier writers', [lea.page]);
    await editorFor(kai.page, 'Chapter one').click();
    await kai.page.keyboard.type('The pier creaked under the gulls all night.');
    await kai.page.getByRole('tab', { name: 'Comments' }).click();
    await kai.page.getByRole('button', { name: 'Share “Chapter one”' }).click();
    await expect.poll(() => kai.page.getByLabel('Share Chapter one').textContent(), { timeout: 15_000 }).toContain('Synced');

    // Lea leaves a rude comment on Kai's draft.
    await lea.page.getByRole('tab', { name: 'Inbox' }).click();
    await lea.page.getByRole('button', { name: /Chapter one by kai/ }).click({ timeout: 15_000 });
    const comment = async (body: string) => {
      await selectPhrase(lea.page, 'Shared draft Chapter one', 'creaked under the gulls');
      await lea.page.getByRole('button', { name: 'Comment on selection' }).click();
      await lea.page.getByLabel('Your comment').fill(body);
      await lea.page.getByRole('button', { name: 'Add comment' }).click();
      await lea.page.getByRole('form', { name: 'New comment' }).waitFor({ state: 'detached' });
    };
    await comment('This is the worst thing I have ever read, give up.');

    // Kai reports it from his margin and, as the circle's owner, warns Lea from the queue.
    const mine = kai.page.getByRole('list', { name: 'Comments in the margin' });
    await expect.poll(() => mine.textContent(), { timeout: 15_000 }).toContain('give up');
    await mine.getByText('Report', { exact: true }).click();
    const report = mine.getByRole('form', { name: 'Report lea’s comment' });
    await report.getByLabel('Reason').selectOption('harassment');
    await report.getByRole('button', { name: 'Send report' }).click();
    await openSection(kai.page, 'Moderation');
    const queue = kai.page.getByRole('list', { name: 'Reports in Pier writers' });
    await expect.poll(() => queue.textContent(), { timeout: 15_000 }).toContain('give up');
    await queue.getByLabel('Why (for the log, the reporter and the writer)').fill('Critique the writing, not the writer.');
    await queue.getByRole('button', { name: 'Warn lea' }).click();

    await openSection(lea.page, 'Moderation');
    const told = lea.page.getByRole('list', { name: 'From the moderators' });
    await expect.poll(() => told.textContent(), { timeout: 15_000 }).toContain('A moderator warned you in Pier writers: Critique the writing, not the writer.');

    // Kai blocks Lea: her next comment on his draft is refused, with the reason, and never reaches him.
    await kai.page.getByRole('tab', { name: 'Comments' }).click();
    await mine.getByRole('button', { name: 'Block lea' }).click();
    await lea.page.getByRole('tab', { name: 'Inbox' }).click();
    await lea.page.getByRole('button', { name: /Chapter one by kai/ }).click();
    await comment('Fine, one more thing.');
    await lea.page.getByRole('list', { name: 'Comments in the margin' }).getByLabel('Sync: Not accepted: This writer has blocked you.').waitFor({ timeout: 15_000 });
    // Her earlier comment has left Kai's margin too (the margin is empty now), and the refused one never came.
    await expect.poll(() => kai.page.getByText('give up').count()).toBe(0);
    expect(await kai.page.getByText('one more thing').count()).toBe(0);

    // The CLI names Kai the site's first admin: the site queue appears in his Community tab.
    execFileSync(process.execPath, ['--import', 'tsx', 'server/index.ts', 'admin', 'grant-role', 'kai', 'admin', '--db', db], { stdio: 'pipe' });
    const siteQueue = kai.page.getByRole('heading', { name: /^Site queue/ });
    await expect
      .poll(
        async () => {
          await kai.page.getByRole('tab', { name: 'Inbox' }).click();
          await kai.page.getByRole('tab', { name: 'Community' }).click();
          return siteQueue.isVisible();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true);
    // Lea reports Kai's draft: it waits in the site queue (and the circle's) with every action a moderator has.
    await lea.page.locator('summary[aria-label="Report the draft “Chapter one” by kai"]').click();
    const leaReport = lea.page.getByRole('form', { name: 'Report the draft “Chapter one” by kai' });
    await leaReport.getByLabel('Note (optional)').fill('Copied from a published novel?');
    await leaReport.getByRole('button', { name: 'Send report' }).click();
    const site = kai.page.getByRole('list', { name: 'Reports in the whole site' });
    await expect.poll(() => site.textContent(), { timeout: 15_000 }).toContain('Copied from a published novel?');
    // The section's name counts the reports waiting: this one (the warned comment's report is decided).
    const moderationTab = kai.page.getByRole('tablist', { name: 'Community sections' }).getByRole('tab', { name: /^Moderation/ });
    await expect.poll(() => moderationTab.textContent()).toBe('Moderation1, 1 to review');
    await kai.page.getByText('Moderation log of the whole site').click();
    await expect.poll(() => kai.page.getByRole('list', { name: 'Moderation log of the whole site' }).textContent()).toContain('kai warned the writer of a comment: Critique the writing, not the writer.');
    const found = await checkScreens(kai.page, 'moderation-site-queue', '.moderation', async () => {
      const sidebar = kai.page.getByRole('button', { name: 'Sidebar' });
      if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
      await site.scrollIntoViewIfNeeded();
    });
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    expect(kai.errors).toEqual([]);
    expect(lea.errors).toEqual([]);
  });
});
