import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, editorFor, openStudioPage, useChromium, waitSaved } from './harness';

const browser = useChromium();

describe('backups in Chromium', () => {
  it('backs up now, and restores the backup: the studio shows the text as it was, the replaced one is kept', async () => {
    const dataDir = tempDir();
    const { page: p } = await openStudioPage(browser(), dataDir);
    await createProjectWithDocument(p, 'The Long Winter', 'Chapter One');
    await editorFor(p, 'Chapter One').click();
    await p.keyboard.type('The first draft.');
    await waitSaved(p);

    await p.getByRole('tab', { name: 'Snapshots' }).click();
    await p.getByRole('button', { name: 'Back up now' }).click();
    await p.getByText('Backed up.').waitFor();
    const backups = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    await p.getByRole('list', { name: 'Backups you can restore' }).getByRole('listitem').waitFor();

    await editorFor(p, 'Chapter One').click();
    await p.keyboard.press('End');
    await p.keyboard.type(' A second thought, after the backup.');
    await waitSaved(p);

    await p.getByRole('button', { name: /^Restore the backup of/ }).click();
    await p.getByRole('button', { name: 'Restore this backup' }).click();
    await p.getByText(/Restored the backup of .* Your studio as it was is kept in/).waitFor();
    // The page reloads onto the restored studio.
    await p.waitForEvent('load', { timeout: 10_000 });
    await p.getByRole('treeitem', { name: 'Chapter One' }).click();
    await expect.poll(() => editorFor(p, 'Chapter One').textContent(), { timeout: 10_000 }).toBe('The first draft.');

    // The database that was replaced is kept beside the restored one, with the later text.
    const kept = fs.readdirSync(dataDir).filter((f) => /^margin\.db\.before-restore-[^-]/.test(f) && !/-(wal|shm)$/.test(f));
    expect(kept).toHaveLength(1);
    const db = new BetterSqlite3(path.join(dataDir, kept[0]!), { readonly: true });
    try {
      expect(db.prepare('SELECT plain_text FROM document_content').pluck().get()).toBe('The first draft. A second thought, after the backup.');
    } finally {
      db.close();
    }
  }, 60_000);
});
