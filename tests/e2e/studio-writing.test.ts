import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { addDocuments, binderRows, createProjectWithDocument, editorFor, openStudioPage, useChromium } from './harness';

const browser = useChromium();
/** The studio and page the test has open (a test may stop it and open the same folder again). */
let opened: Awaited<ReturnType<typeof openStudioPage>> | undefined;

async function open(dataDir: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  opened = await openStudioPage(browser(), dataDir, { args: ['--community', 'off'], viewport });
  return opened.page;
}

const saved = (p: Page) => expect.poll(() => p.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 5000 }).toBe('Saved');

/** What the core stored for a document, read from the studio's SQLite file. */
function storedContent(dataDir: string, title: string): string {
  const db = new BetterSqlite3(path.join(dataDir, 'margin.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT c.content FROM document_content c JOIN documents d ON d.id = c.document_id WHERE d.title = ?').get(title) as { content: string };
    return row.content;
  } finally {
    db.close();
  }
}

function storedPlace(dataDir: string, title: string): unknown {
  const db = new BetterSqlite3(path.join(dataDir, 'margin.db'), { readonly: true });
  try {
    return JSON.parse((db.prepare('SELECT place FROM documents WHERE title = ?').get(title) as { place: string }).place);
  } finally {
    db.close();
  }
}

describe('reopening where the writer left off', () => {
  it('reopens the last project and document with the caret and scroll where they were, ready to type', async () => {
    const dataDir = tempDir();
    const p = await open(dataDir);
    await createProjectWithDocument(p, 'First book', 'Opening');
    await addDocuments(p, ['Middle']);
    // A second project, opened after the first: the studio must come back to the first one.
    await p.getByRole('button', { name: 'New project' }).click();
    await p.getByLabel('Project title').fill('Second book');
    await p.getByRole('button', { name: 'Create project' }).click();
    await p.getByRole('button', { name: 'Create a document' }).waitFor();
    await p.getByLabel('Project', { exact: true }).selectOption({ label: 'First book' });
    await p.getByRole('treeitem', { name: 'Middle' }).click();
    const editor = editorFor(p, 'Middle');
    await editor.click();
    for (let i = 0; i < 60; i++) await p.keyboard.type(`Line ${i} of a long chapter.\n`);
    await saved(p);
    // Caret into line 30, after "Line 30", and the page scrolled to it.
    await editor.locator('p', { hasText: 'Line 30 of' }).evaluate((line) => {
      line.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(line.firstChild!.firstChild!, 7);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await expect.poll(() => p.evaluate(() => `${window.getSelection()!.anchorNode!.textContent}@${window.getSelection()!.anchorOffset}`)).toBe('Line 30 of a long chapter.@7');
    const scroll = await p.locator('.editor-scroll').evaluate((el) => el.scrollTop);
    expect(scroll).toBeGreaterThan(200);
    const lineAt = (q: Page) => editorFor(q, 'Middle').locator('p', { hasText: 'Line 30 of' }).evaluate((el) => Math.round(el.getBoundingClientRect().top - el.closest('.editor-scroll')!.getBoundingClientRect().top));
    const before = await lineAt(p);
    await p.waitForTimeout(1300); // the place is kept a second after the caret stops
    await opened!.studio.stop();
    await opened!.context.close();
    expect(storedPlace(dataDir, 'Middle')).toMatchObject({ block: 30, offset: 7 });

    const q = await open(dataDir);
    await editorFor(q, 'Middle').waitFor();
    await expect.poll(() => q.getByLabel('Project', { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('First book');
    // The line comes back at the same height on the screen.
    await expect.poll(async () => Math.abs((await lineAt(q)) - before)).toBeLessThanOrEqual(2);
    // Typing goes in at once, where the caret was: no click needed.
    await expect.poll(() => q.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Text of Middle');
    await q.keyboard.type('!');
    await expect.poll(() => editorFor(q, 'Middle').locator('p', { hasText: 'Line 30' }).textContent()).toBe('Line 30! of a long chapter.');
  });
});

describe('destructive actions are undoable', () => {
  it('trashing a chapter says how many documents go with it and offers Undo; a restored document is back where it was', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Trash', 'One');
    await addDocuments(p, ['Two', 'Three']);
    for (const scene of ['Scene A', 'Scene B']) {
      await p.getByRole('button', { name: 'New document inside Two' }).click({ force: true });
      await p.getByLabel('Document title').fill(scene);
      await p.keyboard.press('Enter');
      await p.getByRole('treeitem', { name: scene }).waitFor();
    }
    const rows = () => binderRows(p);
    await expect.poll(rows).toEqual(['1:One', '1:Two', '2:Scene A', '2:Scene B', '1:Three']);

    await p.getByRole('treeitem', { name: 'Two' }).focus();
    await p.keyboard.press('Delete');
    const toast = p.getByRole('status', { name: 'Undo' });
    await expect.poll(() => toast.textContent()).toContain('Moved “Two” and the 2 documents inside it to the trash.');
    await expect.poll(rows).toEqual(['1:One', '1:Three']);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(rows).toEqual(['1:One', '1:Two', '2:Scene A', '2:Scene B', '1:Three']);

    // From the trash: back to the same parent and the same place among its siblings.
    await p.getByRole('treeitem', { name: 'Scene A' }).focus();
    await p.keyboard.press('Delete');
    await expect.poll(rows).toEqual(['1:One', '1:Two', '2:Scene B', '1:Three']);
    await p.getByText('Trash (1)').click();
    await p.getByRole('button', { name: 'Restore Scene A' }).click();
    await expect.poll(rows).toEqual(['1:One', '1:Two', '2:Scene A', '2:Scene B', '1:Three']);
  });

  it('renames, archives, trashes and restores projects', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Alpha', 'A1');
    await p.getByRole('button', { name: 'New project' }).click();
    await p.getByLabel('Project title').fill('Beta');
    await p.getByRole('button', { name: 'Create project' }).click();
    const menu = () => p.getByLabel('Project', { exact: true }).evaluate((s: HTMLSelectElement) => Array.from(s.options, (o) => o.textContent));

    await p.getByRole('button', { name: 'Projects…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Projects' });
    await dialog.getByRole('button', { name: 'Rename Alpha' }).click();
    await dialog.getByLabel('Project title').fill('Alpha, revised');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('button', { name: 'Archive Alpha, revised' }).click();
    await expect.poll(menu).toEqual(['Beta']);
    await dialog.getByRole('button', { name: 'Move Beta to trash' }).click();
    await dialog.getByRole('list', { name: 'Projects in the trash' }).getByText('Beta').waitFor();
    await dialog.getByRole('button', { name: 'Unarchive Alpha, revised' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(menu).toEqual(['Alpha, revised']);
    await p.getByRole('treeitem', { name: 'A1' }).waitFor();

    await p.getByRole('button', { name: 'Projects…' }).click();
    await dialog.getByRole('button', { name: 'Restore Beta' }).click();
    await expect.poll(async () => (await menu()).sort()).toEqual(['Alpha, revised', 'Beta']);
  });
});

describe('counts', () => {
  it('shows a chapter’s own words and its words with its scenes', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Counts', 'Chapter');
    await editorFor(p, 'Chapter').click();
    await p.keyboard.type('one two three');
    await saved(p);
    await p.getByRole('button', { name: 'New document inside Chapter' }).click({ force: true });
    await p.getByLabel('Document title').fill('Scene');
    await p.keyboard.press('Enter');
    await editorFor(p, 'Scene').click();
    await p.keyboard.type('four five six seven');
    await saved(p);
    const chapter = p.getByRole('treeitem', { name: 'Chapter' });
    await expect.poll(() => chapter.locator('.tree-count').getAttribute('aria-label')).toBe('3 words, 7 with what is inside');
    await expect.poll(() => chapter.locator('.tree-count').getAttribute('data-count')).toBe('3 · 7');
    await expect.poll(() => chapter.getAttribute('aria-describedby').then((id) => p.locator(`#${id}`).getAttribute('aria-label'))).toBe('3 words, 7 with what is inside');
  });
});

describe('writing comforts', () => {
  it('makes quotes and dashes typographic (and a setting turns it off)', async () => {
    const dataDir = tempDir();
    const p = await open(dataDir);
    await createProjectWithDocument(p, 'Quotes', 'Talk');
    const editor = editorFor(p, 'Talk');
    await editor.click();
    await p.keyboard.type(`"It's late," she said -- and left...`);
    await expect.poll(() => editor.textContent()).toBe('“It’s late,” she said — and left…');
    await p.keyboard.press('Control+z');
    await expect.poll(() => editor.textContent()).not.toContain('…');

    await p.getByRole('button', { name: 'Editor settings' }).click();
    await p.getByLabel('Smart quotes and dashes').uncheck();
    await p.keyboard.press('Escape');
    await editor.click();
    await p.keyboard.press('Control+End');
    await p.keyboard.press('Enter');
    await p.keyboard.type(`"plain"`);
    await expect.poll(() => editor.locator('p').last().textContent()).toBe('"plain"');
    await saved(p);
    // The stored document is exactly what the editor shows (autosave serializes changed blocks only).
    const stored = JSON.parse(storedContent(dataDir, 'Talk'));
    const shown = await editor.evaluate((el) => (el as unknown as { __lexicalEditor: { getEditorState(): { toJSON(): unknown } } }).__lexicalEditor.getEditorState().toJSON());
    expect(stored).toEqual(shown);
  });

  it('links text with http, https or mailto only', async () => {
    const dataDir = tempDir();
    const p = await open(dataDir);
    await createProjectWithDocument(p, 'Links', 'Notes');
    const editor = editorFor(p, 'Notes');
    await editor.click();
    await p.keyboard.type('see the map');
    for (let i = 0; i < 3; i++) await p.keyboard.press('Shift+ArrowLeft');
    await p.keyboard.press('Control+k');
    await p.getByLabel('Link address').fill('javascript:alert(1)');
    await p.getByRole('button', { name: 'Apply link' }).click();
    await expect.poll(() => p.getByRole('alert').filter({ hasText: 'http' }).textContent()).toContain('must start with http://, https:// or mailto:');
    expect(await editor.locator('a').count()).toBe(0);
    await p.getByLabel('Link address').fill('https://example.org/map');
    await p.getByRole('button', { name: 'Apply link' }).click();
    await expect.poll(() => editor.locator('a').getAttribute('href')).toBe('https://example.org/map');
    expect(await editor.locator('a').textContent()).toBe('map');
    await saved(p);
    expect(storedContent(dataDir, 'Notes')).toContain('"url":"https://example.org/map"');
  });

  it('turns *** and Enter into a scene break, places the caret from the margin, and keeps the typewriter line centred', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Comforts', 'Page');
    const editor = editorFor(p, 'Page');
    await editor.click();
    await p.keyboard.type('Before the break.');
    await p.keyboard.press('Enter');
    await p.keyboard.type('***');
    await p.keyboard.press('Enter');
    await p.keyboard.type('After the break.');
    await expect.poll(() => editor.getByRole('separator', { name: 'Scene break' }).count()).toBe(1);
    expect(await editor.locator('p').allTextContents()).toEqual(['Before the break.', 'After the break.']);

    // A click far left of the first line, in the page's margin: the caret lands on that line.
    const first = (await editor.locator('p').first().boundingBox())!;
    const pane = (await p.locator('.pane-editor').boundingBox())!;
    await p.mouse.click(pane.x + 20, first.y + first.height / 2);
    await p.keyboard.press('End');
    await p.keyboard.type(' Margin.');
    await expect.poll(() => editor.locator('p').first().textContent()).toBe('Before the break. Margin.');

    // Typewriter scrolling: the line being written sits in the middle of the page.
    await p.getByRole('button', { name: 'Editor settings' }).click();
    await p.getByLabel('Typewriter scrolling').check();
    await p.keyboard.press('Escape');
    await editor.click();
    await p.keyboard.press('Control+End');
    for (let i = 0; i < 25; i++) await p.keyboard.type(`Line ${i}\n`);
    await p.waitForTimeout(200);
    const offset = await p.evaluate(() => {
      const caret = window.getSelection()!.getRangeAt(0).startContainer as Node;
      const el = caret instanceof Element ? caret : caret.parentElement!;
      const line = el.getBoundingClientRect();
      const box = document.querySelector('.editor-scroll')!.getBoundingClientRect();
      return Math.abs(line.top + line.height / 2 - (box.top + box.height / 2));
    });
    expect(offset).toBeLessThan(30);
  });

  it('uses the bundled Literata font and the writer’s size and line width', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Type', 'Page');
    const editor = editorFor(p, 'Page');
    await editor.click();
    await p.keyboard.type('The quick brown fox.');
    await expect.poll(() => p.evaluate(async () => (await document.fonts.ready, document.fonts.check('19px Literata')))).toBe(true);
    expect(await editor.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^Literata/);
    await p.getByRole('button', { name: 'Editor settings' }).click();
    await p.getByLabel('Text size').fill('24');
    await p.getByLabel('Font').selectOption('sans');
    await p.getByLabel('Line width').fill('50');
    await p.keyboard.press('Escape');
    await expect.poll(() => editor.evaluate((el) => getComputedStyle(el).fontSize)).toBe('24px');
    expect(await editor.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/Literata/);
    await p.reload();
    const again = editorFor(p, 'Page');
    await again.waitFor();
    await expect.poll(() => again.evaluate((el) => getComputedStyle(el).fontSize)).toBe('24px');
    // 50 characters of 24-px text, give or take the font's average width.
    const width = await again.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(450);
    expect(width).toBeLessThan(700);
  });
});
