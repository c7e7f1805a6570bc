import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';

export const CHROMIUM = process.env.MARGIN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Chromium for one test file: launched before its tests, closed after them. Call at the top of the file. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/**
 * `url` in a fresh browser context, closed when the test finishes. The page's uncaught errors
 * are collected in `errors`, and its dialogs (confirm, alert) in `dialogs`, dismissed.
 */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { page, errors, dialogs, context };
}

/**
 * A browser-mode studio on `dataDir` opened in its own page; both close when the test finishes,
 * and the test fails if the page threw anything meanwhile.
 */
export async function openStudioPage(browser: Browser, dataDir: string, { args = ['--community', 'off'], ...options }: BrowserContextOptions & { args?: string[] } = {}) {
  const studio = await startStudio(dataDir, args);
  onTestFinished(() => studio.stop().then(() => undefined));
  const opened = await openPage(browser, studio.url, { viewport: { width: 1440, height: 900 }, ...options });
  onTestFinished(() => expect(opened.errors, 'uncaught errors in the page').toEqual([]));
  return { ...opened, studio };
}

/** Waits until the status bar says the document is saved. */
/**
 * Resizes the window and waits until the studio has laid itself out for the new size: the
 * panes follow the width through a resize event and a React render, and a test that read the
 * layout straight after setViewportSize could see the old one (the sidebar still shown, say).
 */
export async function resizeTo(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForFunction((w) => window.innerWidth === w, size.width);
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))));
}

export const waitSaved = (page: Page) => expect.poll(() => page.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 5000 }).toBe('Saved');

export interface StudioProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts browser mode as a real child process on a free port, with its own data directory. */
export async function startStudio(dataDir: string, extraArgs: string[] = []): Promise<StudioProcess> {
  if (!fs.existsSync(path.join('out', 'renderer', 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/index.ts', '--port', '0', '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /MARGIN_URL (\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${log}`)));
  });
  return {
    url,
    child,
    output: () => log,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** First run: name a project, then create a document and give it a title. */
export async function createProjectWithDocument(page: Page, project: string, document: string): Promise<void> {
  await page.getByLabel('Project title').fill(project);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('button', { name: 'New document' }).first().click();
  await page.getByLabel('Document title').fill(document);
  await page.keyboard.press('Enter');
  await page.getByRole('treeitem', { name: document }).waitFor();
}

export const editorFor = (page: Page, title: string) => page.getByLabel(`Text of ${title}`);

/** Adds top-level documents from the binder, each titled as given. */
export async function addDocuments(page: Page, titles: string[]): Promise<void> {
  for (const title of titles) {
    await page.getByRole('button', { name: 'New document' }).first().click();
    await page.getByLabel('Document title').fill(title);
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: title }).waitFor();
  }
}

/** The binder as `level:title` rows, top to bottom. */
export const binderRows = (page: Page) =>
  page.getByRole('treeitem').evaluateAll((items) => items.map((i) => `${i.getAttribute('aria-level')}:${i.getAttribute('aria-label')}`));

/** Creates a community account from the Community tab and waits until the studio is online. */
export async function signUp(page: Page, username: string): Promise<void> {
  await page.getByRole('tab', { name: 'Community' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Signed in as').waitFor();
}
