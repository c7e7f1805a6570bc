import path from 'node:path';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile';
import { startServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';
import { selectPhrase, useServer } from './community-setup';
import { createProjectWithDocument, editorFor, openPage, startStudio, useChromium } from './harness';

const browser = useChromium();

/** Puts a share straight into the server's store, past its validation: what a compromised server could send. */
function plantShares(dbFile: string, authorId: string, readerId: string, circleId: string) {
  const db = new BetterSqlite3(dbFile);
  const at = new Date().toISOString();
  const planted = HOSTILE_PAYLOADS.filter((p) => ['a javascript: link', 'a heading whose tag is script', 'markup inside text'].includes(p.name));
  for (const payload of planted) {
    const shareId = randomUUID();
    const versionId = randomUUID();
    db.prepare('INSERT INTO shares (id, author_id, circle_id, title, note, queue, reader_ids, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, NULL, ?)').run(shareId, authorId, circleId, `Hostile: ${payload.name}`, '', '[]', at);
    db.prepare('INSERT INTO share_versions (id, share_id, number, content, plain_text, word_count, created_at) VALUES (?, ?, 1, ?, ?, 1, ?)').run(versionId, shareId, payload.json, '', at);
    for (const [kind, ref] of [['share', shareId], ['version', versionId]]) db.prepare('INSERT INTO feed (user_id, kind, ref_id, created_at) VALUES (?, ?, ?, ?)').run(readerId, kind, ref, at);
  }
  db.close();
}

describe('share for critique between two browser-mode studios', () => {
  it('shares, comments offline, syncs, and the author reviews and replies; hostile drafts never run', async () => {
    const dbFile = path.join(tempDir(), 'community.db');
    let server = await startServerProcess(['--db', `sqlite:${dbFile}`]);
    const port = Number(new URL(server.url).port);
    const studioA = await startStudio(tempDir(), ['--community', 'off']);
    onTestFinished(() => studioA.stop().then(() => undefined));
    const studioB = await startStudio(tempDir(), ['--community', 'off']);
    onTestFinished(() => studioB.stop().then(() => undefined));
    const a = await openPage(browser(), studioA.url);
    const b = await openPage(browser(), studioB.url);
    await createProjectWithDocument(a.page, 'Keeper', 'Chapter one');
    await useServer(a.page, server.url, 'ada');
    await useServer(b.page, server.url, 'cal');

    // A circle, by invite code.
    await a.page.getByLabel('New circle').fill('Tuesday critiquers');
    await a.page.getByRole('button', { name: 'Create circle' }).click();
    await a.page.getByRole('button', { name: 'Invite to Tuesday critiquers' }).click();
    const code = (await a.page.getByRole('status', { name: 'Invite code' }).locator('code').first().textContent())!;
    await b.page.getByLabel('Invite code or link').fill(code);
    await b.page.getByRole('button', { name: 'Join circle' }).click();
    await b.page.getByText('Tuesday critiquers').waitFor();
    // The owner sets the circle's credits.
    await a.page.getByText('Credit settings', { exact: true }).click();
    await a.page.getByLabel('Credits to post to the critique queue').fill('5');
    await a.page.getByRole('button', { name: 'Save credit settings' }).click();
    await expect.poll(() => a.page.getByRole('form', { name: 'Credit settings of Tuesday critiquers' }).getByRole('status').textContent()).toBe('Saved.');

    // Ada writes and shares.
    await editorFor(a.page, 'Chapter one').click();
    await a.page.keyboard.type('The lighthouse keeper counted the ships that never came.');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('Her brother wrote letters he never sent.');
    await a.page.getByRole('tab', { name: 'Comments' }).click();
    await a.page.getByLabel('Note to readers').fill('Looking for pacing feedback');
    await a.page.getByRole('button', { name: 'Share “Chapter one”' }).click();
    await expect.poll(() => a.page.getByLabel('Share Chapter one').textContent()).toContain('Synced');

    // Cal opens it from the inbox, read-only.
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await b.page.getByRole('button', { name: /Chapter one by ada/ }).click();
    await expect.poll(() => b.page.getByLabel('Shared draft Chapter one').textContent()).toContain('lighthouse keeper');
    expect(await b.page.getByLabel('Shared draft Chapter one').getAttribute('contenteditable')).toBe('false');

    // The server goes away; Cal comments offline.
    await server.stop();
    await expect.poll(() => b.page.getByLabel('Sync state').textContent()).not.toContain('Online');
    await selectPhrase(b.page, 'Shared draft Chapter one', 'counted the ships');
    await b.page.getByRole('button', { name: 'Comment on selection' }).click();
    await b.page.getByLabel('Your comment').fill('Lovely image. How many ships?');
    await b.page.getByRole('button', { name: 'Add comment' }).click();
    await b.page.getByRole('tab', { name: 'Comments' }).click();
    await expect.poll(() => b.page.getByRole('listitem', { name: 'Comment by cal' }).textContent()).toContain('Waiting to sync');
    await expect.poll(() => b.page.getByLabel('Waiting to sync', { exact: true }).textContent()).toMatch(/1 (kept; they sync when you are online|waiting to sync)/); // offline (or still trying): kept here, said plainly
    await expect.poll(() => b.page.locator('.ed-mark').first().textContent()).toBe('counted the ships');

    // Meanwhile a compromised server would send these; then it comes back.
    const ids = new BetterSqlite3(dbFile, { readonly: true });
    const users = ids.prepare('SELECT id, username FROM users').all() as { id: string; username: string }[];
    const circleId = (ids.prepare('SELECT id FROM circles').get() as { id: string }).id;
    ids.close();
    plantShares(dbFile, users.find((u) => u.username === 'ada')!.id, users.find((u) => u.username === 'cal')!.id, circleId);
    // Every save state Ada's status bar shows from here: the comment's mark is not her edit.
    await a.page.evaluate(() => {
      const el = document.querySelector('[aria-label="Save state"]')!;
      const seen: string[] = [];
      (window as { __saveStates?: string[] }).__saveStates = seen;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    server = await startServerProcess(['--db', `sqlite:${dbFile}`], port);
    await expect.poll(() => b.page.getByRole('listitem', { name: 'Comment by cal' }).textContent(), { timeout: 20_000 }).toContain('Synced');

    // Ada sees the comment beside her text, marked in her editor, and replies.
    await expect.poll(() => a.page.getByRole('listitem', { name: 'Comment by cal' }).textContent(), { timeout: 20_000 }).toContain('How many ships?');
    await expect.poll(() => a.page.locator('.ed-mark').first().textContent()).toBe('counted the ships');
    await a.page.waitForTimeout(1000); // past the autosave delay: the mark is saved by now
    expect(await a.page.evaluate(() => (window as { __saveStates?: string[] }).__saveStates)).toEqual([]);
    expect(await a.page.getByRole('status', { name: 'Save state' }).textContent()).toBe('Saved');
    const thread = a.page.getByRole('listitem', { name: 'Comment by cal' });
    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByLabel('Reply to cal').fill('Seven, I think.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => b.page.getByRole('listitem', { name: 'Comment by cal' }).textContent(), { timeout: 20_000 }).toContain('Seven, I think.');
    await expect.poll(() => b.page.getByRole('button', { name: 'Reopen' }).count()).toBe(1);

    // The planted drafts: the refused ones are shown as refused, the markup one as plain text; nothing runs.
    for (const name of ['a javascript: link', 'a heading whose tag is script']) {
      await b.page.getByRole('tab', { name: 'Inbox' }).click(); // opening a draft brings up its comments
      await b.page.getByRole('button', { name: new RegExp(`Hostile: ${name}`) }).click();
      await expect.poll(() => b.page.getByRole('alert').filter({ hasText: 'could not be shown safely' }).count()).toBe(1);
    }
    await b.page.getByRole('tab', { name: 'Inbox' }).click();
    await b.page.getByRole('button', { name: /Hostile: markup inside text/ }).click();
    await expect.poll(() => b.page.getByLabel('Shared draft Hostile: markup inside text').textContent()).toContain('<img src=x onerror=');
    expect(await b.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await b.page.locator('.share-reader img, .share-reader script, .share-reader iframe').count()).toBe(0);

    // Posting to the queue costs more than Ada's 3 credits: refused with the reason, then discarded.
    await a.page.getByRole('tab', { name: 'Comments' }).click();
    await a.page.getByText('Share with another circle or readers…').click(); // the form folded once shared
    await a.page.getByLabel(/Post to the circle’s critique queue/).check();
    await a.page.getByRole('button', { name: 'Share “Chapter one”' }).click();
    await a.page.getByText('1 not accepted').click();
    await expect.poll(() => a.page.getByRole('list', { name: 'Not accepted by the community' }).textContent()).toContain('costs 5 credits; you have 3');
    await a.page.getByRole('button', { name: /^Discard: Share:/ }).click();
    await expect.poll(() => a.page.getByText('not accepted').count()).toBe(0);
    await expect.poll(() => a.page.getByLabel('Share Chapter one').count()).toBe(1);

    expect([...a.errors, ...b.errors]).toEqual([]);
    expect([...a.dialogs, ...b.dialogs]).toEqual([]);
  });
});
