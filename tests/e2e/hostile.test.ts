// Issue 11 in Chromium: a draft that throws while drawn stays in its error boundary, a link in a
// shared draft cannot reach back into the studio's tab, a large draft is drawn whole, and two
// browser-mode studios on two ports live side by side in one browser.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile';
import { docJson } from '../fixtures/lexical';
import { startServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';
import { openSection } from './community-setup';
import { createProjectWithDocument, editorFor, signUp, startStudio, useChromium } from './harness';

const browser = useChromium();

async function newContext(): Promise<BrowserContext> {
  const context = await browser().newContext({ viewport: { width: 1400, height: 900 } });
  onTestFinished(() => context.close());
  return context;
}

async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

async function useServer(page: Page, url: string, username: string) {
  await page.getByRole('tab', { name: 'Community' }).click();
  await page.getByText('Community server', { exact: true }).click();
  await page.getByLabel(/Server address/).fill(url);
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect.poll(() => page.getByRole('status', { name: 'Community connection' }).textContent()).toMatch(/Not signed in/);
  await signUp(page, username);
}

/** Puts shares straight into the server's store, as a peer (or a compromised server) could make them arrive. */
function plantShares(dbFile: string, readerName: string, shares: Array<{ title: string; json: string }>) {
  const db = new BetterSqlite3(dbFile);
  const users = db.prepare('SELECT id, username FROM users').all() as { id: string; username: string }[];
  const authorId = users.find((u) => u.username !== readerName)!.id;
  const readerId = users.find((u) => u.username === readerName)!.id;
  const circleId = (db.prepare('SELECT id FROM circles').get() as { id: string }).id;
  const at = new Date().toISOString();
  for (const { title, json } of shares) {
    const shareId = randomUUID();
    const versionId = randomUUID();
    db.prepare('INSERT INTO shares (id, author_id, circle_id, title, note, queue, reader_ids, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, NULL, ?)').run(shareId, authorId, circleId, title, '', '[]', at);
    db.prepare('INSERT INTO share_versions (id, share_id, number, content, plain_text, word_count, created_at) VALUES (?, ?, 1, ?, ?, 1, ?)').run(versionId, shareId, json, '', at);
    for (const [kind, ref] of [['share', shareId], ['version', versionId]]) db.prepare('INSERT INTO feed (user_id, kind, ref_id, created_at) VALUES (?, ?, ?, ?)').run(readerId, kind, ref, at);
  }
  db.close();
}

describe('hostile content and browser mode in Chromium', () => {
  it('a document that throws while drawn shows a message in its boundary; the binder, the sidebar and other documents still work', async () => {
    const dataDir = tempDir();
    const studio = await startStudio(dataDir, ['--community', 'off']);
    onTestFinished(() => studio.stop().then(() => undefined));
    const { page, errors } = await openPage(await newContext(), studio.url);
    await createProjectWithDocument(page, 'Notebook', 'Sound chapter');
    await page.getByRole('button', { name: 'New document' }).first().click();
    await page.getByLabel('Document title').fill('Broken chapter');
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: 'Broken chapter' }).waitFor();
    await page.getByRole('treeitem', { name: 'Sound chapter' }).click();

    // What the old validator let through (finding 3): kept by an older studio, it made Lexical
    // recurse until the stack ran out and the whole window went blank.
    const rootInParagraph = HOSTILE_PAYLOADS.find((p) => p.name === 'a root nested inside a paragraph')!.json;
    const db = new BetterSqlite3(path.join(dataDir, 'margin.db'));
    const { id } = db.prepare("SELECT id FROM documents WHERE title = 'Broken chapter'").get() as { id: string };
    db.prepare(
      `INSERT INTO document_content (document_id, content, plain_text, word_count, updated_at) VALUES (?, ?, 'before', 1, ?)
       ON CONFLICT(document_id) DO UPDATE SET content = excluded.content`,
    ).run(id, rootInParagraph, new Date().toISOString());
    db.close();

    await page.getByRole('treeitem', { name: 'Broken chapter' }).click();
    const message = page.getByRole('alert', { name: '“Broken chapter” could not be shown' });
    await message.waitFor();
    expect(await message.textContent()).toContain('Everything else in the studio still works');

    // The rest of the studio: the sidebar's tabs, and the binder opens another document to write in.
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    await page.getByRole('tab', { name: 'Comments' }).click();
    await page.getByRole('treeitem', { name: 'Sound chapter' }).click();
    await editorFor(page, 'Sound chapter').click();
    await page.keyboard.type('Still writing.');
    await expect.poll(() => page.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 5000 }).toBe('Saved');
    expect(await message.count()).toBe(0);
    const check = new BetterSqlite3(path.join(dataDir, 'margin.db'), { readonly: true });
    const saved = check.prepare("SELECT plain_text FROM document_content JOIN documents ON documents.id = document_id WHERE title = 'Sound chapter'").get() as { plain_text: string };
    check.close();
    expect(saved.plain_text).toBe('Still writing.');
    // Caught by the boundary: nothing escaped to the page as an uncaught error.
    expect(errors).toEqual([]);
  });

  it("two studios on two ports share one browser; a draft that throws stays in the reader's boundary; a shared link opens without an opener; a large draft is drawn whole", async () => {
    // Somewhere on this computer for the link to go: no network beyond loopback.
    const landing = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>Landing</title><p>Outside</p>'));
    await new Promise<void>((resolve) => landing.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => landing.close(() => resolve())));
    const landingUrl = `http://127.0.0.1:${(landing.address() as AddressInfo).port}/landing`;

    const dbFile = path.join(tempDir(), 'community.db');
    let server = await startServerProcess(['--db', `sqlite:${dbFile}`]);
    const serverPort = Number(new URL(server.url).port);
    const studioA = await startStudio(tempDir(), ['--community', 'off']);
    onTestFinished(() => studioA.stop().then(() => undefined));
    const studioB = await startStudio(tempDir(), ['--community', 'off']);
    onTestFinished(() => studioB.stop().then(() => undefined));

    // Finding 6: one browser, one cookie jar, two studios on two ports.
    const context = await newContext();
    // Finding 3, in the reader: a draft that a buggy or older core would have let through (a root
    // inside a paragraph) stands in for one planted draft's content on its way to the page.
    const rootInParagraph = HOSTILE_PAYLOADS.find((p) => p.name === 'a root nested inside a paragraph')!.json;
    await context.routeWebSocket(/\/api$/, (page) => {
      const studio = page.connectToServer();
      page.onMessage((message) => studio.send(message));
      studio.onMessage((message) => {
        if (typeof message === 'string' && message.includes('"Tampered draft"') && message.includes('"version"')) {
          const answer = JSON.parse(message);
          if (answer.result?.data?.version?.content) answer.result.data.version.content = rootInParagraph;
          return page.send(JSON.stringify(answer));
        }
        page.send(message);
      });
    });
    const a = await openPage(context, studioA.url);
    const b = await openPage(context, studioB.url);
    await createProjectWithDocument(a.page, 'Keeper', 'Chapter one');
    await createProjectWithDocument(b.page, 'Reader notes', 'Notes');
    expect(await context.cookies()).toEqual([]);
    // The token left the address bar at once (it is kept by the tab), and a reload keeps working.
    expect(a.page.url()).not.toContain('token');
    for (const { page } of [a, b]) {
      await page.reload();
      await page.getByRole('treeitem').first().waitFor();
    }
    await a.page.getByRole('button', { name: 'New document' }).first().click();
    await a.page.getByLabel('Document title').fill('Chapter two');
    await a.page.keyboard.press('Enter');
    await a.page.getByRole('treeitem', { name: 'Chapter two' }).waitFor();
    // A page of studio A cannot open studio B's API, even with the browser's help.
    const crossed = await a.page.evaluate(
      (port) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, ['margin']);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      new URL(studioB.url).port,
    );
    expect(crossed).toBe('refused');

    await useServer(a.page, server.url, 'ada');
    await useServer(b.page, server.url, 'cal');
    await openSection(a.page, 'Circles');
    await a.page.getByLabel('New circle').fill('Tuesday critiquers');
    await a.page.getByRole('button', { name: 'Create circle' }).click();
    await a.page.getByRole('button', { name: 'Invite to Tuesday critiquers' }).click();
    const code = (await a.page.getByRole('status', { name: 'Invite code' }).locator('code').first().textContent())!;
    await openSection(b.page, 'Circles');
    await b.page.getByLabel('Invite code or link').fill(code);
    await b.page.getByRole('button', { name: 'Join circle' }).click();
    await b.page.getByText('Tuesday critiquers').waitFor();

    // Drafts as a peer could send them: a link, and a long draft (1.1 MB, 4,600 paragraphs).
    const t = (text: string, format = 0) => ({ type: 'text', version: 1, text, format, style: '', mode: 'normal', detail: 0 });
    const linkDraft = docJson([
      { type: 'heading', tag: 'h2', version: 1, children: [t('Links and lists')] },
      { type: 'paragraph', version: 1, children: [t('Read '), { type: 'link', version: 1, url: landingUrl, rel: 'noopener noreferrer', children: [t('the landing page')] }, t(' first.'), { type: 'linebreak', version: 1 }, t('Then', 1), t(' the rest.')] },
      {
        type: 'list', listType: 'bullet', tag: 'ul', version: 1,
        children: [
          { type: 'listitem', value: 1, version: 1, children: [t('one')] },
          { type: 'listitem', value: 2, version: 1, children: [{ type: 'list', listType: 'number', tag: 'ol', version: 1, children: [{ type: 'listitem', value: 1, version: 1, children: [t('nested two')] }] }] },
        ],
      },
      { type: 'scene-break', version: 1 },
      { type: 'paragraph', version: 1, children: [t('After the list, the '), t('bold', 1), t(' words end here.')] },
    ]);
    const paragraphs = Array.from({ length: 4_600 }, (_, i) => `Line ${i} of the long draft, with a few more words.`);
    const longDraft = docJson(paragraphs);
    expect(longDraft.length).toBeGreaterThan(1_100_000);
    expect(longDraft.length).toBeLessThan(1_200_000);
    await server.stop();
    plantShares(dbFile, 'cal', [
      { title: 'Linked draft', json: linkDraft },
      { title: 'Long draft', json: longDraft },
      { title: 'Tampered draft', json: docJson(['Harmless until it is tampered with.']) },
    ]);
    server = await startServerProcess(['--db', `sqlite:${dbFile}`], serverPort);

    // Finding 5: the link opens in a new context that cannot reach the studio's window.
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await b.page.getByRole('button', { name: /Linked draft/ }).click({ timeout: 20_000 });
    const link = b.page.getByLabel('Shared draft Linked draft').getByRole('link', { name: 'the landing page' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(landingUrl);
    expect(await popup.evaluate(() => window.opener)).toBeNull();
    await popup.close();
    expect(b.page.url()).toContain(`127.0.0.1:${new URL(studioB.url).port}`);
    // Drawn without Lexical, a selection still names the passage the core will anchor.
    const selectPhrase = (phrase: string) =>
      b.page.getByLabel('Shared draft Linked draft').evaluate((root, text) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const all = nodes.map((n) => n.data).join('');
        const at = all.indexOf(text);
        // A start at a node's end belongs to the next node, an end to the node it closes.
        const locate = (offset: number, start: boolean): [Text, number] => {
          for (const n of nodes) {
            if (start ? offset < n.data.length : offset <= n.data.length) return [n, offset];
            offset -= n.data.length;
          }
          throw new Error('past the end');
        };
        const [a, ao] = locate(at, true);
        const [z, zo] = locate(at + text.length, false);
        document.getSelection()!.setBaseAndExtent(a, ao, z, zo);
      }, phrase);
    for (const phrase of ['the bold words', 'nested two', 'landing page first.']) {
      await selectPhrase(phrase);
      await b.page.getByRole('button', { name: 'Comment on selection' }).click();
      expect(await b.page.locator('.comment-form .quote').textContent()).toBe(`“${phrase}”`);
      await b.page.getByRole('button', { name: 'Cancel' }).click();
    }
    await b.page.getByRole('button', { name: '← My writing' }).click();

    // The reader checks what it draws: the bad draft stays inside the reader's boundary, with a way back.
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await b.page.getByRole('button', { name: /Tampered draft/ }).click();
    const refusal = b.page.getByRole('alert', { name: 'This shared draft could not be shown' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('A root node cannot sit inside a paragraph.');
    await refusal.getByRole('button', { name: '← My writing' }).click();
    await editorFor(b.page, 'Notes').waitFor();
    await b.page.getByRole('treeitem', { name: 'Notes' }).click();
    expect(await refusal.count()).toBe(0);

    // Finding 8: the long draft is drawn whole, in slices, while the studio keeps answering.
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await b.page.getByRole('button', { name: /Long draft/ }).click();
    const draft = b.page.getByLabel('Shared draft Long draft');
    await draft.locator('p').first().waitFor();
    const stalls = await b.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          // The longest gap between timer ticks while the rest of the draft is drawn.
          let last = performance.now();
          let worst = 0;
          const tick = setInterval(() => {
            const now = performance.now();
            worst = Math.max(worst, now - last);
            last = now;
            if (document.querySelectorAll('[aria-label="Shared draft Long draft"] p').length >= 4_600) {
              clearInterval(tick);
              resolve(worst);
            }
          }, 5);
        }),
    );
    await expect.poll(() => draft.locator('p').count()).toBe(4_600);
    expect(await draft.locator('p').last().textContent()).toBe('Line 4599 of the long draft, with a few more words.');
    expect(stalls).toBeLessThan(1000); // the old reader froze for 13 s on 36,000 paragraphs
    await b.page.getByRole('tab', { name: 'Community' }).click(); // the studio still answers
    await b.page.getByText('Signed in as').waitFor();

    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
