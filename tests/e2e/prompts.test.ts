import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCircle, openSection, openStudio, startCommunity, useServer } from './community-setup';
import { createProjectWithDocument, useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const section = (page: Page) => page.getByRole('region', { name: 'Prompts' });
/** Opens the library picker (which fetches the writer's circles again) and picks `name`. */
async function pickLibrary(page: Page, name: string) {
  const select = section(page).getByLabel('Prompt library', { exact: true }).first();
  await select.focus();
  await expect.poll(() => select.locator('option').allTextContents()).toContain(name);
  await select.selectOption({ label: name });
}

describe('prompts in Chromium', () => {
  it('a moderator adds prompts; a member sees today’s prompt, writes to it (button and keyboard), and the editor shows the prompt', async () => {
    const server = await startCommunity();
    const owner = await openStudio(browser());
    const writer = await openStudio(browser());
    await createProjectWithDocument(writer.page, 'Lunch pages', 'Notes');
    await createProjectWithDocument(owner.page, 'Letters', 'Draft');
    await useServer(owner.page, server.url, 'prue');
    await useServer(writer.page, server.url, 'quill');
    await makeCircle(owner.page, 'Tram Writers', [writer.page]);

    // Ctrl+Alt+P from another tab with no prompt to write to yet: the Prompts section comes up and says why.
    await writer.page.getByRole('tab', { name: /^Comments/ }).click();
    await writer.page.keyboard.press('Control+Alt+P');
    await expect.poll(() => section(writer.page).textContent()).toContain('This library has no prompts yet');
    expect(await writer.page.getByRole('tab', { name: /^Community/ }).getAttribute('aria-selected')).toBe('true');

    // The owner curates: two prompts in the circle's library.
    await openSection(owner.page, 'Prompts');
    await pickLibrary(owner.page, 'Tram Writers');
    const library = section(owner.page).locator('details.prompt-library');
    for (const text of ['Write the moment a stranger says your name.', 'A letter to the house you left.']) {
      await library.getByLabel('New prompt').fill(text);
      await library.getByRole('button', { name: 'Add to library' }).click();
      await expect.poll(() => library.getByRole('list', { name: 'Prompt library' }).textContent()).toContain(text);
    }
    const today = section(owner.page).getByRole('article', { name: "Today's prompt" });
    await expect.poll(() => today.locator('.prompt-text').textContent()).toMatch(/stranger|letter/);
    const todaysText = (await today.locator('.prompt-text').textContent())!;

    // The member sees the same prompt, and writes to it.
    await openSection(writer.page, 'Prompts');
    await pickLibrary(writer.page, 'Tram Writers');
    const writerToday = section(writer.page).getByRole('article', { name: "Today's prompt" });
    await expect.poll(() => writerToday.locator('.prompt-text').textContent()).toBe(todaysText);
    await writerToday.getByLabel('Write in').selectOption({ label: 'Lunch pages' });
    await writerToday.getByRole('button', { name: 'Write to this prompt' }).click();
    const banner = writer.page.getByRole('complementary', { name: 'Writing prompt' });
    await expect.poll(() => banner.textContent()).toContain(todaysText);
    // The new document is in the binder, open in the editor, named from the prompt.
    await writer.page.getByRole('treeitem', { name: todaysText.slice(0, 20), exact: false }).first().waitFor();
    await expect.poll(() => writer.page.getByLabel(/^Text of /).first().getAttribute('aria-label')).toContain(todaysText.slice(0, 20));

    // The keyboard: Ctrl+Alt+P writes to it again (a second response) from anywhere: here from the text, with the Search tab open.
    await writer.page.getByRole('tab', { name: /^Search/ }).click();
    await writer.page.getByLabel(/^Text of /).first().click();
    const before = await writer.page.getByRole('treeitem').count();
    await writer.page.keyboard.press('Control+Alt+P');
    await expect.poll(() => writer.page.getByRole('treeitem').count()).toBe(before + 1);
    await expect.poll(() => banner.textContent()).toContain(todaysText);
    await expect.poll(() => writer.page.getByRole('treeitem', { name: todaysText.slice(0, 20), exact: false }).count()).toBe(2);

    // Sharing the response: a share with the circle and a reply in the prompt's thread, which the owner reads.
    await banner.getByRole('button', { name: 'Share response for feedback' }).click();
    await banner.getByRole('status').filter({ hasText: 'posted in the prompt’s thread' }).waitFor();

    // A suggestion from the member reaches the owner's queue, who accepts it.
    await openSection(writer.page, 'Prompts');
    await section(writer.page).getByText('Suggest a prompt').click();
    await section(writer.page).getByLabel('Your prompt').fill('The last train home, missed.');
    await section(writer.page).getByRole('button', { name: 'Suggest' }).click();
    await section(writer.page).getByText(/Suggestion (sent|saved)/).waitFor();
    const queue = section(owner.page).getByRole('list', { name: 'Suggested prompts' });
    await expect.poll(() => queue.textContent(), { timeout: 15_000 }).toContain('The last train home, missed.');
    await queue.getByRole('button', { name: 'Accept “The last train home, missed.”' }).click();
    await expect.poll(() => library.getByRole('list', { name: 'Prompt library' }).textContent()).toContain('The last train home, missed.');

    // Retiring takes a prompt out of the library; it can be brought back.
    await library.getByRole('button', { name: 'Retire “A letter to the house you left.”' }).click();
    const retired = section(owner.page).getByRole('list', { name: 'Retired prompts' });
    await section(owner.page).getByText(/^Retired \(1\)/).click();
    await expect.poll(() => retired.textContent()).toContain('A letter to the house you left.');
    expect(await library.getByRole('list', { name: 'Prompt library' }).textContent()).not.toContain('A letter to the house you left.');
    await retired.getByRole('button', { name: 'Bring back “A letter to the house you left.”' }).click();
    await expect.poll(() => library.getByRole('list', { name: 'Prompt library' }).textContent()).toContain('A letter to the house you left.');

    // The curator's view of the section, in both themes and sizes.
    const show = async () => {
      // A narrow window shows the binder or the sidebar, one at a time: bring the sidebar in.
      const tab = owner.page.getByRole('tab', { name: 'Community' });
      if (!(await tab.isVisible())) await owner.page.keyboard.press('Control+Shift+M');
      await openSection(owner.page, 'Prompts');
      await section(owner.page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    };
    expect(await checkScreens(owner.page, 'prompts', '.prompts', show)).toEqual({});
    // The writer's editor with its prompt.
    expect(await checkScreens(writer.page, 'prompt-editor', '.prompt-banner', async () => banner.evaluate((el) => el.scrollIntoView({ block: 'start' })))).toEqual({});
    expect(owner.errors).toEqual([]);
    expect(writer.errors).toEqual([]);
  });
});
