import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, editorFor, openStudioPage, resizeTo, useChromium } from './harness';

const browser = useChromium();
/** The studio and page the test has open (a test may stop it and open the same folder again). */
let opened: Awaited<ReturnType<typeof openStudioPage>> | undefined;

async function open(dataDir: string, viewport = { width: 1280, height: 800 }, args: string[] = ['--community', 'off']): Promise<Page> {
  opened = await openStudioPage(browser(), dataDir, { args, viewport });
  return opened.page;
}

const box = async (p: Page, selector: string) => (await p.locator(selector).first().boundingBox())!;

/** The three panes fill the window between the project bar and the status bar, which sits at the bottom. */
async function expectFullHeight(p: Page, height: number) {
  const status = await box(p, '.statusbar');
  expect(status.height, 'the status bar is one line').toBeLessThan(40);
  expect(Math.round(status.y + status.height)).toBe(height);
  const editor = await box(p, '.pane-editor');
  const bar = await box(p, '.projectbar');
  expect(Math.round(editor.y + editor.height)).toBe(Math.round(status.y));
  expect(editor.height, 'the panes fill the window').toBeGreaterThan(height - bar.height - status.height - 60);
}

/**
 * Every sidebar tab whole and inside the sidebar, on one line, whichever tab is open (the open
 * one shows its name): the row never scrolls or clips. Goes through the tabs with the arrow keys.
 */
async function expectSidebarTabsWhole(p: Page) {
  const tablist = p.getByRole('tablist', { name: 'Sidebar' });
  const names = ['Comments', 'Inbox', 'Sprint', 'Community', 'Snapshots', 'Progress', 'Search', 'Export'];
  await tablist.getByRole('tab', { name: 'Comments' }).click();
  for (const name of names) {
    expect(await tablist.getByRole('tab', { selected: true }).textContent()).toBe(name);
    const sidebar = await box(p, '.pane-sidebar');
    const tabs = await tablist.getByRole('tab').evaluateAll((all) =>
      all.map((t) => {
        const r = t.getBoundingClientRect();
        const label = t.querySelector('.tab-label:not(.visually-hidden)');
        return { name: t.textContent, top: Math.round(r.top), left: r.left, right: r.right, width: r.width, labelCut: label ? label.scrollWidth > label.clientWidth + 0.5 : false };
      }),
    );
    expect(tabs.map((t) => t.name)).toEqual(names);
    expect(new Set(tabs.map((t) => t.top)).size, 'sidebar tabs on one line').toBe(1);
    for (const t of tabs) {
      expect(t.width, `${t.name} is drawn`).toBeGreaterThan(20);
      expect(t.left, `${t.name} starts inside the sidebar`).toBeGreaterThanOrEqual(sidebar.x - 0.5);
      expect(t.right, `${t.name} ends inside the sidebar`).toBeLessThanOrEqual(sidebar.x + sidebar.width + 0.5);
      expect(t.labelCut, `${t.name}'s name is whole`).toBe(false);
    }
    expect(await tablist.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the tab row does not scroll').toBe(true);
    // Arrowing along the tabs, the focus stays on them: Search, once drawn, does not take it.
    if (name === 'Search') await p.getByRole('searchbox', { name: 'Search your writing' }).waitFor();
    expect(await p.evaluate(() => document.activeElement?.getAttribute('role')), `the focus is on the ${name} tab`).toBe('tab');
    await p.keyboard.press('ArrowRight');
  }
  await p.keyboard.press('Home');
  expect(await tablist.getByRole('tab', { selected: true }).textContent()).toBe('Comments');
}

describe('layout: three panes, full height, at every size', () => {
  it('keeps the full-height layout on the first screen and with no document open, at 1280x800 and 1024x768', async () => {
    const p = await open(tempDir());
    await p.getByLabel('Project title').waitFor();
    await expectFullHeight(p, 800);
    await p.getByText('Welcome to Margin').waitFor();

    await p.getByLabel('Project title').fill('Empty');
    await p.getByRole('button', { name: 'Create project' }).click();
    await p.getByRole('button', { name: 'Create a document' }).waitFor();
    await expectFullHeight(p, 800);

    await resizeTo(p, { width: 1024, height: 768 });
    await expectFullHeight(p, 768);
  });

  it('collapses the binder and the sidebar, remembers it, and keeps the text column at least 560 px', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Panes', 'Chapter');
    const text = async () => (await box(p, '.pane-editor')).width;
    const shown = (name: string) => p.locator(name === 'Binder' ? '.pane-binder' : '.pane-sidebar').evaluate((el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== 'hidden');

    // 1280 wide: both panes fit beside a wide enough page.
    expect(await shown('Binder')).toBe(true);
    expect(await shown('Sidebar')).toBe(true);
    expect(await text()).toBeGreaterThanOrEqual(560);
    // Sidebar tabs on one line, every one whole.
    await expectSidebarTabsWhole(p);

    await p.getByRole('button', { name: 'Binder', exact: true }).click();
    await expect.poll(() => shown('Binder')).toBe(false);
    await p.keyboard.press('Control+Shift+M');
    await expect.poll(() => shown('Sidebar')).toBe(false);
    expect(await text()).toBe(1280);
    await p.reload();
    await editorFor(p, 'Chapter').waitFor();
    await expect.poll(() => shown('Binder')).toBe(false);
    expect(await shown('Sidebar')).toBe(false);

    // 1024 wide: both panes asked for, but only one fits beside a 560-px page.
    await resizeTo(p, { width: 1024, height: 768 });
    await p.getByRole('button', { name: 'Binder', exact: true }).click();
    await p.getByRole('button', { name: 'Sidebar', exact: true }).click();
    await expect.poll(() => shown('Sidebar')).toBe(true);
    expect(await shown('Binder')).toBe(false);
    expect(await text()).toBeGreaterThanOrEqual(560);
    await expectSidebarTabsWhole(p);
    await p.getByRole('button', { name: 'Binder', exact: true }).click();
    await expect.poll(() => shown('Binder')).toBe(true);
    expect(await shown('Sidebar')).toBe(false);
    expect(await text()).toBeGreaterThanOrEqual(560);
  });
});

describe('names', () => {
  it('selects a new document’s name, so typing replaces “Untitled”; F2 selects it too', async () => {
    const p = await open(tempDir());
    await p.getByLabel('Project title').fill('Names');
    await p.getByRole('button', { name: 'Create project' }).click();
    await p.getByRole('button', { name: 'New document' }).first().click();
    await p.getByLabel('Document title').waitFor();
    await p.keyboard.type('Chapter One');
    await p.keyboard.press('Enter');
    await p.getByRole('treeitem', { name: 'Chapter One' }).waitFor();

    await p.getByRole('treeitem', { name: 'Chapter One' }).focus();
    await p.keyboard.press('F2');
    await p.getByLabel('Document title').waitFor();
    await p.keyboard.type('The Beginning');
    await p.keyboard.press('Enter');
    await p.getByRole('treeitem', { name: 'The Beginning' }).waitFor();
    await expect.poll(() => p.locator('.doc-title').textContent()).toBe('The Beginning');
  });
});
