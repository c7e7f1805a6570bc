import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { docJson, paragraph, textNode } from '../fixtures/lexical';
import { tempDir } from '../helpers/temp-dir';
import { binderRows, editorFor, openStudioPage, startStudio, useChromium } from './harness';
import { seriousViolations } from './screens';

const browser = useChromium();

/** Two projects written through the core before the studio starts: a novel (with a nested scene) and stories. */
function seed(dataDir: string) {
  const core = createStudioCore({ dataDir, host: 'browser' });
  const call = <T = any>(method: string, input: unknown) => unwrap(core.call(method, input) as Result<T>);
  const stories = call('projects.create', { title: 'Short Stories' });
  const storm = call('documents.create', { projectId: stories.id, title: 'The Storm' });
  call('documents.save', { id: storm.id, content: docJson(['Rain hammered the harbour wall all night.', 'In the morning the mackerel boats stayed in.']) });
  const novel = call('projects.create', { title: 'The Salt Road' });
  const ferry = call('documents.create', { projectId: novel.id, title: 'The Ferry' });
  call('documents.save', {
    id: ferry.id,
    content: docJson([
      'The ferry came in through the fog at dawn.',
      { ...paragraph(''), children: [textNode('The '), textNode('lighthouse', 1), textNode(' keeper watched it dock.')] },
    ]),
  });
  const night = call('documents.create', { projectId: novel.id, parentId: ferry.id, title: 'Night' });
  call('documents.save', { id: night.id, content: docJson(['The keeper lit the lamp again.']) });
  const market = call('documents.create', { projectId: novel.id, title: 'The Market' });
  call('documents.save', { id: market.id, content: docJson(['Gulls fought over the scraps by the keeper’s stall.']) });
  core.close();
}

/** The studio on `dataDir`, started as `npm run web` starts it (with its community server), opened on its first project. */
async function open(dataDir: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const { page } = await openStudioPage(browser(), dataDir, { args: [], viewport });
  await page.getByRole('treeitem').first().waitFor();
  return page;
}

const selectedText = (p: Page) => p.evaluate(() => window.getSelection()?.toString() ?? '');

describe('manuscripts in Chromium: search, replace, export, import', () => {
  it('searches every project, highlights the words, and Enter or a click opens the passage selected', async () => {
    const dataDir = tempDir();
    seed(dataDir);
    const p = await open(dataDir);
    await editorFor(p, 'The Ferry').waitFor();

    // Writing, the writer presses Ctrl+Shift+S and types at once: the words go in the search box, not the manuscript.
    await p.getByRole('tablist', { name: 'Sidebar' }).waitFor();
    await editorFor(p, 'The Ferry').click();
    const before = await editorFor(p, 'The Ferry').textContent();
    await p.keyboard.press('Control+Shift+S');
    await p.keyboard.type('lighthouse');
    const box = p.getByRole('searchbox', { name: 'Search your writing' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.inputValue()).toBe('lighthouse');
    expect(await editorFor(p, 'The Ferry').textContent()).toBe(before);
    const results = p.getByRole('listbox', { name: 'Search results' });
    await expect.poll(() => results.getByRole('option').count()).toBe(1);
    await expect.poll(() => results.locator('mark').first().textContent()).toBe('lighthouse');

    // A hit in another document of this project: Enter opens it with the word selected.
    await box.fill('lamp');
    await expect.poll(() => results.getByRole('option').first().textContent()).toContain('Night');
    await box.press('Enter');
    await editorFor(p, 'Night').waitFor();
    await expect.poll(() => selectedText(p)).toBe('lamp');

    // A hit in the other project: the project switches and the passage is selected.
    await box.fill('mackerel');
    await expect.poll(() => results.getByRole('option').first().textContent()).toContain('Short Stories');
    await results.getByRole('option').first().click();
    await editorFor(p, 'The Storm').waitFor();
    await expect.poll(() => selectedText(p)).toBe('mackerel');

    // Short and hostile queries answer, never break the panel.
    await box.fill('ga');
    await expect.poll(() => results.getByRole('option').count()).toBeGreaterThan(0);
    await box.fill('"NEAR( AND *');
    await expect.poll(() => p.getByRole('status').filter({ hasText: /found/ }).first().textContent()).toMatch(/Nothing found|found/);
  });

  it('Ctrl+Shift+S pressed before the sidebar is drawn still opens the search, with the focus in its box', async () => {
    const dataDir = tempDir();
    seed(dataDir);
    const studio = await startStudio(dataDir, ['--community', 'off']);
    onTestFinished(() => studio.stop().then(() => undefined));
    const context = await browser().newContext({ viewport: { width: 1024, height: 768 } });
    onTestFinished(() => context.close());
    // The sidebar's code is held back until the key has been pressed, as on a busy machine.
    let release = () => {};
    const held = new Promise<void>((done) => (release = done));
    await context.route('**/assets/Sidebar-*.js', async (route) => {
      await held;
      await route.continue();
    });
    const p = await context.newPage();
    await p.goto(studio.url);
    await editorFor(p, 'The Ferry').waitFor();
    expect(await p.getByRole('tablist', { name: 'Sidebar' }).count()).toBe(0);
    await p.keyboard.press('Control+Shift+S');
    release();
    const box = p.getByRole('searchbox', { name: 'Search your writing' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    // The window is too narrow for both panes: the sidebar took the binder's place.
    expect(await p.getByRole('button', { name: 'Sidebar', exact: true }).getAttribute('aria-pressed')).toBe('true');
  });

  it('previews a replace across the project, applies it keeping formatting, and undoes it', async () => {
    const dataDir = tempDir();
    seed(dataDir);
    const p = await open(dataDir);
    await editorFor(p, 'The Ferry').waitFor();
    await p.getByRole('tab', { name: 'Search' }).click();
    await p.getByText('Find and replace').click();
    await p.getByLabel('Find', { exact: true }).fill('keeper');
    await p.getByLabel('Replace with').fill('warden');
    await p.getByLabel('Replace where').selectOption('project');
    await p.getByLabel('Whole words').check();
    await p.getByRole('button', { name: 'Preview changes' }).click();
    await expect.poll(() => p.getByText(/changes in 3 documents/).count()).toBe(1);
    await expect.poll(() => p.locator('.replace-preview del').first().textContent()).toBe('keeper');
    await p.getByRole('button', { name: 'Replace all 3' }).click();
    await expect.poll(() => editorFor(p, 'The Ferry').textContent()).toContain('The lighthouse warden watched it dock.');
    // Bold stayed on "lighthouse".
    await expect.poll(() => editorFor(p, 'The Ferry').locator('strong, b, .ed-bold, [class*="bold"]').first().textContent()).toBe('lighthouse');
    await p.getByRole('button', { name: 'Undo replace' }).click();
    await expect.poll(() => editorFor(p, 'The Ferry').textContent()).toContain('The lighthouse keeper watched it dock.');
    await p.getByRole('treeitem', { name: 'The Market' }).click();
    await expect.poll(() => editorFor(p, 'The Market').textContent()).toContain('keeper’s stall');
  });

  it('shows search hits, a replace preview and the export dialog without serious accessibility problems, in both themes', async () => {
    const dataDir = tempDir();
    seed(dataDir);
    const p = await open(dataDir, { width: 1024, height: 768 });
    await editorFor(p, 'The Ferry').waitFor();
    for (const theme of ['light', 'dark']) {
      if ((await p.evaluate(() => document.documentElement.dataset.theme)) !== theme) await p.keyboard.press('Control+Shift+L');
      await p.keyboard.press('Control+Shift+S');
      await p.getByRole('searchbox', { name: 'Search your writing' }).fill('keeper');
      await p.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
      const details = p.locator('details.replace');
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await p.getByText('Find and replace').click();
      await p.getByLabel('Replace with').fill('warden');
      await p.getByRole('button', { name: 'Preview changes' }).click();
      await p.locator('.replace-preview').waitFor();
      expect(await seriousViolations(p), `search and replace (${theme})`).toEqual([]);
      await p.getByRole('tab', { name: 'Export' }).click();
      await p.getByRole('button', { name: 'Export…' }).click();
      await p.getByRole('dialog', { name: 'Export' }).waitFor();
      expect(await seriousViolations(p), `export dialog (${theme})`).toEqual([]);
      await p.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Close' }).click();
    }
  });

  it('exports a small book with a progress bar and imports a Markdown manuscript', async () => {
    const dataDir = tempDir();
    seed(dataDir);
    const p = await open(dataDir);
    await editorFor(p, 'The Ferry').waitFor();
    await p.getByRole('tab', { name: 'Export' }).click();
    await p.getByRole('button', { name: 'Export…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Name', { exact: true }).fill('Ada Quill');
    await dialog.getByLabel('Email').fill('ada@example.org');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').last().textContent()).toMatch(/Saved The Salt Road\.docx/);
    expect(await dialog.getByLabel('Export progress').getAttribute('value')).toBe('100');
    const docx = path.join(dataDir, 'Exports', 'The Salt Road.docx');
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');

    await dialog.getByLabel('Markdown (.md)').check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').last().textContent()).toMatch(/Saved The Salt Road\.md/);
    const markdown = fs.readFileSync(path.join(dataDir, 'Exports', 'The Salt Road.md'), 'utf8');
    expect(markdown).toContain('## The Ferry');
    expect(markdown).toContain('The **lighthouse** keeper watched it dock.');
    expect(markdown).toContain('* * *\n\nThe keeper lit the lamp again.');
    expect(markdown).toContain('## The Market');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await p.getByLabel('Choose a file to import').setInputFiles({
      name: 'harbour-tales.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('## Low Tide\n\nThe water drew back.\n\n***\n\nCrabs everywhere.\n\n## High Tide\n\nIt came back fast.\n'),
    });
    await expect.poll(() => p.getByText(/Imported 2 chapters with 2 scenes/).count()).toBe(1);
    await expect.poll(() => binderRows(p)).toEqual(expect.arrayContaining(['1:Low Tide', '2:Scene 1', '2:Scene 2', '1:High Tide']));
    await p.getByRole('treeitem', { name: 'High Tide' }).click();
    await expect.poll(() => editorFor(p, 'High Tide').textContent()).toBe('It came back fast.');

    // A file that is not what it says: a clear message, nothing added.
    const before = await binderRows(p);
    await p.getByLabel('Choose a file to import').setInputFiles({ name: 'novel.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
    await expect.poll(() => p.getByRole('alert').filter({ hasText: /not a zip/ }).count()).toBe(1);
    expect(await binderRows(p)).toEqual(before);
  });
});
