import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { addDocuments, binderRows, createProjectWithDocument, editorFor, openStudioPage, startStudio, useChromium } from './harness';

const browser = useChromium();
/** The studio and page the test has open (a test may stop it and open the same folder again). */
let opened: Awaited<ReturnType<typeof openStudioPage>> | undefined;

async function open(dataDir: string): Promise<Page> {
  opened = await openStudioPage(browser(), dataDir, { args: [], viewport: { width: 1280, height: 800 } });
  return opened.page;
}

const saved = (p: Page) => expect.poll(() => p.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 5000 }).toBe('Saved');

describe('the studio in Chromium (browser mode)', () => {
  it('creates a project and documents; typed text survives a reload', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'The Long Winter', 'Chapter One');
    await editorFor(p, 'Chapter One').click();
    await p.keyboard.type('It was the coldest winter anyone could remember.');
    await saved(p);
    await expect.poll(() => p.getByLabel('Document words').textContent()).toBe('8 words');
    await expect.poll(() => p.getByLabel('Words today').textContent()).toBe('+8 today');

    // A second document, nested under the first from the binder.
    await p.getByRole('button', { name: 'New document inside Chapter One' }).click({ force: true });
    await p.getByLabel('Document title').fill('Scene 1');
    await p.keyboard.press('Enter');
    await editorFor(p, 'Scene 1').click();
    await p.keyboard.type('Snow on the sill.');
    await saved(p);

    await p.reload();
    const scene = p.getByRole('treeitem', { name: 'Scene 1' });
    await expect.poll(() => scene.getAttribute('aria-level')).toBe('2');
    await p.getByRole('treeitem', { name: 'Chapter One' }).click();
    await expect.poll(() => editorFor(p, 'Chapter One').textContent()).toBe('It was the coldest winter anyone could remember.');
    await expect.poll(() => p.getByLabel('Project words').textContent()).toBe('12 in project');
  });

  it('formats text with shortcuts, Markdown and the toolbar, and keeps the formatting', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Styles', 'Notes');
    await editorFor(p, 'Notes').click();
    await p.keyboard.type('# A heading\n');
    await p.keyboard.type('Plain then ');
    await p.keyboard.press('Control+b');
    await p.keyboard.type('bold');
    await p.keyboard.press('Control+b');
    await p.keyboard.type(' and ');
    await p.keyboard.press('Control+i');
    await p.keyboard.type('italic');
    await p.keyboard.press('Control+i');
    await p.keyboard.press('Enter');
    await p.keyboard.type('- first item\nsecond item\n\n');
    await p.keyboard.type('> a quotation\n');
    await p.getByRole('button', { name: 'Insert scene break' }).click();
    await saved(p);

    await p.reload();
    const editor = editorFor(p, 'Notes');
    await editor.waitFor();
    expect(await editor.locator('h1').textContent()).toBe('A heading');
    expect(await editor.locator('strong').textContent()).toBe('bold');
    expect(await editor.locator('em').textContent()).toBe('italic');
    expect(await editor.locator('ul > li').allTextContents()).toEqual(['first item', 'second item']);
    expect(await editor.locator('blockquote').textContent()).toBe('a quotation');
    expect(await editor.getByRole('separator', { name: 'Scene break' }).count()).toBe(1);
  });

  it('takes a snapshot, shows the changes since, and restores it', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Drafts', 'Opening');
    const editor = editorFor(p, 'Opening');
    await editor.click();
    await p.keyboard.type('The cat sat on the mat.');
    await saved(p);
    await p.getByRole('tab', { name: 'Snapshots' }).click();
    await p.getByLabel('Snapshot name').fill('First draft');
    await p.getByRole('button', { name: 'Take snapshot' }).click();
    await p.getByText('First draft').waitFor();

    await editor.click();
    await p.keyboard.press('End');
    await p.keyboard.type(' Then it left.');
    await p.getByRole('button', { name: 'Compare First draft' }).click();
    const diff = p.getByRole('region', { name: 'Changes since First draft' });
    await expect.poll(() => diff.locator('.diff-body ins').allTextContents()).toEqual([' Then it left.']);

    await p.getByRole('button', { name: 'Restore First draft' }).click();
    await expect.poll(() => editorFor(p, 'Opening').textContent()).toBe('The cat sat on the mat.');
    // The replaced text was kept as an automatic snapshot.
    await p.getByText('Before restoring “First draft”').waitFor();
  });

  it('loses nothing when the host is killed one second after the last keystroke', async () => {
    const dataDir = tempDir();
    const p = await open(dataDir);
    await createProjectWithDocument(p, 'Crash test', 'Draft');
    await editorFor(p, 'Draft').click();
    await p.keyboard.type('Every word of this must survive the crash.');
    await p.waitForTimeout(1000);
    // A second studio on the same folder is refused while this one runs, with a clear message.
    const second = await startStudio(dataDir).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(second).toMatch(/browser mode exited \(2\)[\s\S]*already open with this data folder/);
    await opened!.studio.stop('SIGKILL');
    await opened!.context.close();

    const q = await open(dataDir);
    await expect.poll(() => editorFor(q, 'Draft').textContent(), { timeout: 10_000 }).toBe('Every word of this must survive the crash.');
  });

  it('reorders, nests, trashes and restores documents from the keyboard', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Order', 'Alpha');
    await addDocuments(p, ['Beta', 'Gamma']);
    const titles = () => binderRows(p);
    await expect.poll(titles).toEqual(['1:Alpha', '1:Beta', '1:Gamma']);

    await p.getByRole('treeitem', { name: 'Gamma' }).focus();
    await p.keyboard.press('Alt+ArrowUp');
    await expect.poll(titles).toEqual(['1:Alpha', '1:Gamma', '1:Beta']);
    await p.getByRole('treeitem', { name: 'Gamma' }).focus();
    await p.keyboard.press('Alt+ArrowRight');
    await expect.poll(titles).toEqual(['1:Alpha', '2:Gamma', '1:Beta']);

    await p.getByRole('treeitem', { name: 'Beta' }).focus();
    await p.keyboard.press('Delete');
    await expect.poll(titles).toEqual(['1:Alpha', '2:Gamma']);
    await p.getByText('Trash (1)').click();
    await p.getByRole('button', { name: 'Restore Beta' }).click();
    await expect.poll(titles).toEqual(['1:Alpha', '2:Gamma', '1:Beta']);

    await p.reload();
    await expect.poll(titles).toEqual(['1:Alpha', '2:Gamma', '1:Beta']);
  });

  it('reorders and nests documents by dragging', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Drag', 'One');
    await addDocuments(p, ['Two', 'Three']);
    const titles = () => binderRows(p);
    // Upper half of a row: before it.
    await p.getByRole('treeitem', { name: 'Three' }).dragTo(p.getByRole('treeitem', { name: 'One' }), { targetPosition: { x: 40, y: 2 } });
    await expect.poll(titles).toEqual(['1:Three', '1:One', '1:Two']);
    // Lower half of a row: inside it.
    const box = await p.getByRole('treeitem', { name: 'One' }).boundingBox();
    await p.getByRole('treeitem', { name: 'Two' }).dragTo(p.getByRole('treeitem', { name: 'One' }), { targetPosition: { x: 40, y: box!.height - 2 } });
    await expect.poll(titles).toEqual(['1:Three', '1:One', '2:Two']);
  });

  it('remembers the dark theme and focus mode', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Night', 'Page');
    await p.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await p.keyboard.press('Control+Shift+F');
    await expect.poll(() => p.getByRole('button', { name: 'Focus mode' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => p.getByRole('navigation', { name: 'Binder' }).isVisible()).toBe(false);
    await p.reload();
    await expect.poll(() => p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => p.getByRole('button', { name: 'Focus mode' }).getAttribute('aria-pressed')).toBe('true');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.getByRole('navigation', { name: 'Binder' }).isVisible()).toBe(true);
  });
});
