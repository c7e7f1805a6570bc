import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { boxOf, makeCircle, openStudio, selectPhrase, startCommunity, useServer } from './community-setup';
import { createProjectWithDocument, editorFor, resizeTo, useChromium } from './harness';
import { checkScreens } from './screens';

const browser = useChromium();

const FIRST = 'counted the ships';
const SECOND = 'letters he never sent';
const DRAFT = 'Shared draft Chapter one';

/** Each margin card beside its passage: the card's top, its passage's top, and its bottom. */
const cardsAndPassages = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.margin-threads > .thread')).map((card) => {
      const mark = card.closest('.page')!.querySelector(`mark[data-ids~="${card.dataset.thread}"]`);
      const box = card.getBoundingClientRect();
      return { text: card.querySelector('.comment-body')?.textContent ?? '', top: box.top, bottom: box.bottom, passage: mark?.getBoundingClientRect().top ?? null };
    }),
  );

/** The thread whose card has the keyboard focus, by its first comment. */
const focusedThread = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-thread]')?.querySelector('.comment-body')?.textContent ?? null);

async function comment(page: Page, phrase: string, body: string) {
  await selectPhrase(page, DRAFT, phrase);
  await page.getByRole('button', { name: 'Comment on selection' }).click();
  await page.getByLabel('Your comment').fill(body);
  await page.getByRole('button', { name: 'Add comment' }).click();
  await page.getByRole('form', { name: 'New comment' }).waitFor({ state: 'detached' });
}

describe('comments in the margin', () => {
  it('threads float beside their passages, open from their highlight, step with shortcuts, and show on other versions', async () => {
    const server = await startCommunity();
    const a = await openStudio(browser());
    const b = await openStudio(browser());
    await createProjectWithDocument(a.page, 'Keeper', 'Chapter one');
    await useServer(a.page, server.url, 'ada');
    await useServer(b.page, server.url, 'cal');
    await makeCircle(a.page, 'Tuesday critiquers', [b.page]);

    await editorFor(a.page, 'Chapter one').click();
    await a.page.keyboard.type(`The lighthouse keeper ${FIRST} that never came.`);
    for (const line of ['The fog sat on the water.', 'Gulls argued on the rail.', 'Nobody rang the bell.', 'The lamp was wound at six.', 'Winter came early.'])
      await a.page.keyboard.press('Enter').then(() => a.page.keyboard.type(line));
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type(`Her brother wrote ${SECOND}.`);

    // Sharing: once the draft is shared, the form folds away behind one line.
    await a.page.getByRole('tab', { name: 'Comments' }).click();
    await a.page.getByRole('button', { name: 'Share “Chapter one”' }).click();
    await expect.poll(() => a.page.getByLabel('Share Chapter one').textContent()).toContain('Synced');
    expect(await a.page.getByRole('form', { name: 'Share for critique' }).isVisible()).toBe(false);
    await a.page.getByText('Share with another circle or readers…').click();
    expect(await a.page.getByRole('form', { name: 'Share for critique' }).isVisible()).toBe(true);
    await a.page.getByText('Share with another circle or readers…').click();

    // A reviewer sees their credits at the top of the Inbox, without opening a draft.
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await expect.poll(() => b.page.getByRole('list', { name: 'Credit balances' }).textContent(), { timeout: 15_000 }).toMatch(/^\d+ in Tuesday critiquers/);
    await b.page.getByRole('button', { name: /Chapter one by ada/ }).click();
    await expect.poll(() => b.page.getByLabel(DRAFT).textContent()).toContain('lighthouse keeper');

    // The comment box opens beside the selection, and the passage stays highlighted while typing.
    await selectPhrase(b.page, DRAFT, SECOND);
    const selected = await b.page.evaluate(() => document.getSelection()!.getRangeAt(0).getBoundingClientRect().top);
    await b.page.getByRole('button', { name: 'Comment on selection' }).click();
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName)).toBe('TEXTAREA');
    const form = await boxOf(b.page, 'form[aria-label="New comment"]');
    const draft = await boxOf(b.page, '.share-draft');
    expect(form.left).toBeGreaterThanOrEqual(draft.right);
    expect(Math.abs(form.top - selected)).toBeLessThan(12);
    expect(await b.page.locator('.share-draft mark[data-ids~="pending-comment"]').allTextContents()).toEqual([SECOND]);
    await b.page.getByLabel('Your comment').fill('Why did he never send them?');
    await b.page.getByRole('button', { name: 'Add comment' }).click();
    await b.page.getByRole('form', { name: 'New comment' }).waitFor({ state: 'detached' });
    await comment(b.page, FIRST, 'How many ships?');

    // Both threads float in the margin, each beside its passage, in text order, timestamped.
    const margin = b.page.getByRole('list', { name: 'Comments in the margin' });
    await expect.poll(() => margin.getByRole('listitem').count()).toBe(2);
    await expect.poll(async () => (await cardsAndPassages(b.page)).map((c) => c.text)).toEqual(['How many ships?', 'Why did he never send them?']);
    await expect
      .poll(async () => (await cardsAndPassages(b.page)).every((c) => c.passage !== null && Math.abs(c.top - c.passage) < 3))
      .toBe(true);
    expect(await margin.locator('time').allTextContents()).toEqual(['just now', 'just now']);

    // Clicking a highlighted passage opens its thread; the shortcuts step through them in text order.
    await b.page.locator('.share-draft mark', { hasText: SECOND }).first().click();
    await expect.poll(() => focusedThread(b.page)).toBe('Why did he never send them?');
    expect(await margin.locator('[aria-current="true"]').locator('.comment-body').first().textContent()).toBe('Why did he never send them?');
    await b.page.keyboard.press('Control+Alt+Comma');
    await expect.poll(() => focusedThread(b.page)).toBe('How many ships?');
    await b.page.keyboard.press('Control+Alt+Period');
    await expect.poll(() => focusedThread(b.page)).toBe('Why did he never send them?');

    // The author gets them beside her own text, in her editor.
    const mine = a.page.getByRole('list', { name: 'Comments in the margin' });
    await expect.poll(() => mine.getByRole('listitem').count(), { timeout: 20_000 }).toBe(2);
    await expect
      .poll(async () => (await cardsAndPassages(a.page)).every((c) => c.passage !== null && Math.abs(c.top - c.passage) < 3))
      .toBe(true);
    await a.page.locator('.editor mark', { hasText: FIRST }).first().click();
    await expect.poll(() => mine.locator('[aria-current="true"]').locator('.comment-body').first().textContent()).toBe('How many ships?');
    await a.page.keyboard.press('Control+Alt+Period');
    await expect.poll(() => focusedThread(a.page)).toBe('Why did he never send them?');
    const stacked = await cardsAndPassages(a.page);
    expect(stacked[0]!.bottom).toBeLessThanOrEqual(stacked[1]!.top);

    // A new version: the comments left on version 1 are highlighted where their passages still are.
    const last = editorFor(a.page, 'Chapter one').locator('p').last();
    const { width, height } = (await last.boundingBox())!;
    await last.click({ position: { x: width - 4, y: height / 2 } }); // after the line's end
    // Lexical takes the caret from the browser's selectionchange, a task after the click: wait for it.
    await a.page.waitForFunction(() => document.getSelection()?.anchorNode?.textContent === '.');
    await a.page.waitForTimeout(100);
    await a.page.keyboard.press('End');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('The end.');
    await expect.poll(() => editorFor(a.page, 'Chapter one').textContent()).toContain('The end.');
    await a.page.getByRole('button', { name: 'Share new version' }).click();
    await expect.poll(() => b.page.getByLabel('Version').locator('option').count(), { timeout: 20_000 }).toBe(2);
    await b.page.getByLabel('Version').selectOption({ label: '2' });
    await expect.poll(() => b.page.getByLabel(DRAFT).textContent()).toContain('The end.');
    await expect.poll(() => b.page.locator('.share-draft mark[data-ids]').allTextContents()).toEqual([FIRST, SECOND]);
    expect(await margin.getByText('On version 1').count()).toBe(2);
    await b.page.getByLabel('Version').selectOption({ label: '1' });
    await expect.poll(() => b.page.getByLabel(DRAFT).textContent()).not.toContain('The end.');
    await expect.poll(() => b.page.locator('.share-draft mark[data-ids]').allTextContents()).toEqual([FIRST, SECOND]);

    // The author reads version 1 as it was shared, with the comments left on it.
    await a.page.getByLabel('Version of Chapter one to read').selectOption({ label: '1' });
    await a.page.getByRole('button', { name: 'Read as shared' }).click();
    await expect.poll(() => a.page.getByLabel(DRAFT).textContent()).not.toContain('The end.');
    await expect.poll(() => a.page.locator('.share-draft mark[data-ids]').allTextContents()).toEqual([FIRST, SECOND]);
    await a.page.getByRole('button', { name: '← My writing' }).click();
    // Back to the document as it is now (with version 2's last line), not as it was first opened.
    await expect.poll(() => editorFor(a.page, 'Chapter one').textContent()).toContain('The end.');
    await expect.poll(() => a.page.locator('.editor mark[data-ids]').allTextContents()).toEqual([FIRST, SECOND]);

    // Both themes, both window sizes: screenshots, and no serious or critical axe-core violations
    // in what this feature draws: the page with its margin, the sidebar, the bar.
    const mineOnly = '.pane-editor, .pane-sidebar, .projectbar';
    const reader = await checkScreens(b.page, 'margin-reader', mineOnly, async () => {
      await b.page.locator('.share-draft mark', { hasText: FIRST }).first().click();
    });
    const author = await checkScreens(a.page, 'margin-author', mineOnly, async () => {
      await a.page.locator('.editor mark', { hasText: SECOND }).first().click();
    });
    expect({ ...reader, ...author }).toEqual({});

    // On a narrow window there is no column: a highlight opens its thread just under the passage.
    await resizeTo(b.page, { width: 1024, height: 768 });
    await expect.poll(() => margin.count()).toBe(0);
    await b.page.locator('.share-draft mark', { hasText: SECOND }).first().click();
    await expect.poll(() => focusedThread(b.page)).toBe('Why did he never send them?');
    const under = await boxOf(b.page, 'ol[aria-label="Comment on this passage"]');
    const passage = await boxOf(b.page, `.share-draft mark[data-ids]:has-text("${SECOND}")`);
    expect(under.top).toBeGreaterThanOrEqual(passage.bottom);
    expect(under.top - passage.bottom).toBeLessThan(20);
    await b.page.keyboard.press('Escape');
    await expect.poll(() => b.page.getByRole('list', { name: 'Comment on this passage' }).count()).toBe(0);

    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
