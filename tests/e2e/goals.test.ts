import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { createProjectWithDocument, editorFor, openStudioPage, useChromium, waitSaved } from './harness';

const browser = useChromium();

const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe('goals and statistics in Chromium', () => {
  it('sets a target and a deadline, writes, and sees the pace, the bars, the message and the chart', async () => {
    const dataDir = tempDir();
    const { page: p } = await openStudioPage(browser(), dataDir);
    await createProjectWithDocument(p, 'The Long Winter', 'Chapter One');

    await p.getByRole('tab', { name: 'Progress' }).click();
    await p.getByLabel('Words', { exact: true }).first().fill('20');
    const deadline = new Date();
    deadline.setDate(deadline.getDate() + 7); // eight days, today included, every day a writing day
    await p.getByLabel('Deadline').fill(localDay(deadline));
    await p.getByRole('button', { name: 'Save project target' }).click();
    const pace = p.getByRole('group', { name: 'Pace' });
    await expect.poll(() => pace.textContent()).toContain('Write 3 words a writing day to reach 20 by');
    await expect.poll(() => pace.textContent()).toContain('(8 writing days left)');
    await p.getByRole('progressbar', { name: 'Project goal: 0 of 20 words' }).waitFor();

    await editorFor(p, 'Chapter One').click();
    await p.keyboard.type('The snow came early that year and stayed until spring was nearly over.');
    await waitSaved(p);
    // The status bar: today's share done, said gently.
    await expect.poll(() => p.locator('.goal-status').textContent()).toBe('Today 13/3');
    await expect.poll(() => p.getByText('Today’s 3 words are written. Anything more is a head start.').isVisible()).toBe(true);
    await p.getByRole('progressbar', { name: 'Project goal: 13 of 20 words' }).waitFor();
    // The Progress tab follows: pace met for today, the chart and its table.
    await expect.poll(() => pace.textContent()).toContain('Ahead of pace today');
    const chart = p.getByRole('img', { name: /^Words per day from/ });
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/1 day with words, most 13\./);
    await p.getByText('Show as a table').first().click();
    await expect.poll(() => p.getByRole('table', { name: /Words per day/ }).textContent()).toMatch(/13$/);

    // Reaching the project's target.
    await editorFor(p, 'Chapter One').press('End');
    await p.keyboard.type(' Then the thaw came, and the river rose.');
    await waitSaved(p);
    await expect.poll(() => p.getByText('You reached your target of 20 words for this project. Well done.').isVisible()).toBe(true);
    await expect.poll(() => pace.textContent()).toContain('You have reached 20 words.');

    // It is all in the studio's database.
    const db = new BetterSqlite3(path.join(dataDir, 'margin.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT words, deadline FROM goals WHERE scope = 'project'").get()).toEqual({ words: 20, deadline: localDay(deadline) });
      expect(db.prepare('SELECT sum(words) FROM hourly_words').pluck().get()).toBe(21);
    } finally {
      db.close();
    }
  }, 60_000);
});
