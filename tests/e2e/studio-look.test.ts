import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, editorFor, openStudioPage, resizeTo, useChromium } from './harness';
import { checkScreens, seriousViolations, type AxeViolation } from './screens';

const browser = useChromium();
const SCREENS = path.join('.test-results', 'screens');
fs.mkdirSync(SCREENS, { recursive: true });
/** The studio and page the test has open (a test may stop it and open the same folder again). */
let opened: Awaited<ReturnType<typeof openStudioPage>> | undefined;

async function open(dataDir: string, args: string[] = ['--community', 'off'], viewport = { width: 1280, height: 800 }): Promise<Page> {
  opened = await openStudioPage(browser(), dataDir, { args, viewport });
  return opened.page;
}

const setTheme = async (p: Page, theme: 'light' | 'dark') => {
  const now = await p.evaluate(() => document.documentElement.dataset.theme);
  if (now !== theme) await p.keyboard.press('Control+Shift+L');
  await expect.poll(() => p.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
};

const shot = async (p: Page, name: string) => {
  await p.evaluate(() => document.fonts.ready);
  await p.screenshot({ path: path.join(SCREENS, `${name}.png`) });
};

describe('the look: both themes, three sizes, no serious accessibility problems', () => {
  it('screenshots the main screens in both themes at 1440x900, 1280x800 and 1024x768, with zero serious or critical axe violations', async () => {
    const p = await open(tempDir());
    await p.getByLabel('Project title').waitFor();
    const problems: Record<string, AxeViolation[]> = {};
    const check = async (screen: string) => {
      const found = await seriousViolations(p);
      if (found.length) problems[screen] = found;
    };

    for (const theme of ['light', 'dark'] as const) {
      await setTheme(p, theme);
      await check(`welcome (${theme})`);
      for (const [w, h] of [[1440, 900], [1280, 800], [1024, 768]] as const) {
        await resizeTo(p, { width: w, height: h });
        await shot(p, `welcome-${theme}-${w}x${h}`);
      }
    }
    await resizeTo(p, { width: 1280, height: 800 });
    await setTheme(p, 'light');
    await createProjectWithDocument(p, 'The Long Winter', 'Chapter One');
    await editorFor(p, 'Chapter One').click();
    await p.keyboard.type('It was the coldest winter anyone could remember. ');
    await p.keyboard.type('The well froze on the first of December, and the snow did not stop.');
    await p.getByRole('button', { name: 'New document inside Chapter One' }).click({ force: true });
    await p.getByLabel('Document title').fill('The well');
    await p.keyboard.press('Enter');
    await p.getByRole('treeitem', { name: 'Chapter One' }).click();
    await editorFor(p, 'Chapter One').waitFor();

    for (const theme of ['light', 'dark'] as const) {
      await setTheme(p, theme);
      for (const [w, h] of [[1440, 900], [1280, 800], [1024, 768]] as const) {
        await resizeTo(p, { width: w, height: h });
        await shot(p, `writing-${theme}-${w}x${h}`);
      }
      await resizeTo(p, { width: 1280, height: 800 });
      await check(`writing (${theme})`);
      for (const tab of await p.getByRole('tab').allTextContents()) {
        await p.getByRole('tab', { name: tab, exact: true }).click();
        await p.waitForTimeout(150);
        await check(`sidebar ${tab} (${theme})`);
        if (tab === 'Community' || tab === 'Snapshots') await shot(p, `sidebar-${tab.toLowerCase()}-${theme}-1280x800`);
      }
      await p.getByRole('tab', { name: 'Comments', exact: true }).click();
      await p.getByRole('button', { name: 'Editor settings' }).click();
      await check(`editor settings (${theme})`);
      await shot(p, `editor-settings-${theme}-1280x800`);
      await p.keyboard.press('Escape');
      await p.getByRole('button', { name: 'Projects…' }).click();
      await p.getByRole('dialog', { name: 'Projects' }).waitFor();
      await check(`projects dialog (${theme})`);
      await shot(p, `projects-${theme}-1280x800`);
      await p.keyboard.press('Escape');
      await p.getByRole('treeitem', { name: 'The well' }).focus();
      await p.keyboard.press('Delete');
      await p.getByRole('status', { name: 'Undo' }).waitFor();
      await check(`undo toast (${theme})`);
      await shot(p, `undo-${theme}-1280x800`);
      await p.getByRole('status', { name: 'Undo' }).getByRole('button', { name: 'Undo' }).click();
      await p.getByRole('treeitem', { name: 'The well' }).waitFor();
    }
    expect(problems).toEqual({});
    expect(fs.readdirSync(SCREENS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(20);
  });
});

describe('the keyboard shortcuts', () => {
  it('open from the ? button and with Ctrl+/ from the text, list every shortcut, and close with Escape; both themes and sizes', async () => {
    const p = await open(tempDir());
    await createProjectWithDocument(p, 'Shortcuts', 'Page');
    const dialog = p.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await p.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.waitFor();
    expect(await dialog.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining(['Ctrl+/', 'Ctrl+Shift+S', 'Ctrl+Alt+P', 'Ctrl+Alt+. / Ctrl+Alt+,']));
    await p.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const show = async () => {
      if (await dialog.isVisible()) return;
      await editorFor(p, 'Page').click();
      await p.keyboard.press('Control+/');
      await dialog.waitFor();
    };
    expect(await checkScreens(p, 'shortcuts', '.shortcuts-dialog', show)).toEqual({});
    // Nothing was typed into the text by the key.
    expect(await editorFor(p, 'Page').textContent()).toBe('');
  });
});

describe('status messages tell the truth', () => {
  it('says “Signed out” when the community server answers but no one is signed in', async () => {
    const p = await open(tempDir(), []); // the community server browser mode starts on this computer
    await createProjectWithDocument(p, 'Online', 'Page');
    await expect.poll(() => p.getByLabel('Sync state').textContent(), { timeout: 15_000 }).toBe('● Signed out');
  });

  it('says “Offline” only when no community server can be reached', async () => {
    const p = await open(tempDir(), ['--community', 'off']);
    await createProjectWithDocument(p, 'Offline', 'Page');
    await expect.poll(() => p.getByLabel('Sync state').textContent()).toBe('● Offline');
  });
});
