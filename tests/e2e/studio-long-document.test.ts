import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import { countWords } from '../../shared/text/word-count';
import { createStudioCore } from '../../electron/core/studio-core';
import { tempDir } from '../helpers/temp-dir';
import { docJson } from '../fixtures/lexical';
import { editorFor, openStudioPage, useChromium } from './harness';

const browser = useChromium();

/** Long enough to open progressively (renderer/src/editor/progressive-load.ts): 400 blocks. */
const PARAGRAPHS = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of the long chapter, where the rain had not stopped since morning.`);
const PLACE = { block: 250, offset: 9, scroll: 120 };

/** A data folder with one long chapter whose writer left off in paragraph 250. */
function seed(dataDir: string): void {
  const core = createStudioCore({ dataDir, host: 'browser' });
  const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
  const project = call<{ id: string }>('projects.create', { title: 'Novel' });
  const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Long chapter' });
  call('documents.save', { id: doc.id, content: docJson(PARAGRAPHS) });
  call('documents.open', { id: doc.id });
  call('documents.setPlace', { id: doc.id, place: PLACE });
  core.close();
}

/** The paragraphs' text as the core stored them. */
function storedParagraphs(dataDir: string): string[] {
  const db = new BetterSqlite3(path.join(dataDir, 'margin.db'), { readonly: true });
  try {
    const { content } = db.prepare("SELECT c.content FROM document_content c JOIN documents d ON d.id = c.document_id WHERE d.title = 'Long chapter'").get() as { content: string };
    const state = JSON.parse(content) as { root: { children: Array<{ children: Array<{ text?: string }> }> } };
    return state.root.children.map((p) => p.children.map((t) => t.text ?? '').join(''));
  } finally {
    db.close();
  }
}

describe('a long document', () => {
  it('opens where the writer left off, takes keys at once, then holds all of it: saved whole, counted right, never undone to a part', async () => {
    const dataDir = tempDir();
    seed(dataDir);
    const { page: p } = await openStudioPage(browser(), dataDir, { viewport: { width: 1280, height: 800 } });
    const editor = editorFor(p, 'Long chapter');
    await editor.locator('p').first().waitFor();
    // Typed straight away, before the rest of the chapter is in: it lands at the place kept.
    await expect.poll(() => p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Text of Long chapter');
    await p.keyboard.type('Z');
    await expect.poll(() => editor.locator('p').count(), { timeout: 20_000 }).toBe(PARAGRAPHS.length);
    const expected = PARAGRAPHS.map((text, i) => (i === PLACE.block ? `${text.slice(0, PLACE.offset)}Z${text.slice(PLACE.offset)}` : text));
    expect(await editor.locator('p').allTextContents()).toEqual(expected);
    // The paragraph written in stays on screen while the text above it comes in.
    const onScreen = () =>
      editor.locator('p', { hasText: 'ParagraphZ 250 ' }).evaluate((el) => {
        const box = el.getBoundingClientRect();
        const view = el.closest('.editor-scroll')!.getBoundingClientRect();
        return box.top >= view.top && box.bottom <= view.bottom;
      });
    await expect.poll(onScreen).toBe(true);

    // Saved whole, with the key where it was typed.
    await expect.poll(() => p.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 10_000 }).toBe('Saved');
    expect(storedParagraphs(dataDir)).toEqual(expected);

    // The live count is the whole chapter's: the core's count, then each word typed.
    const total = expected.reduce((n, text) => n + countWords(text), 0);
    await expect.poll(() => p.getByLabel('Document words').textContent()).toBe(`${total.toLocaleString('en-US')} words`);
    await p.keyboard.type(' and more');
    await expect.poll(() => p.getByLabel('Document words').textContent()).toBe(`${(total + 2).toLocaleString('en-US')} words`);

    // Undo takes back what was typed (the Z too, if the chapter was whole by then), never the chapter itself.
    for (let i = 0; i < 5; i++) await p.keyboard.press('Control+z');
    await expect.poll(() => editor.locator('p').nth(PLACE.block).textContent()).not.toContain('and more');
    const shown = await editor.locator('p').allTextContents();
    expect(shown).toHaveLength(PARAGRAPHS.length);
    expect([expected[PLACE.block], PARAGRAPHS[PLACE.block]]).toContain(shown[PLACE.block]);
    expect(shown.filter((_, i) => i !== PLACE.block)).toEqual(PARAGRAPHS.filter((_, i) => i !== PLACE.block));
    await expect.poll(() => p.getByLabel('Document words').textContent()).toBe(`${total.toLocaleString('en-US')} words`);
    await expect.poll(() => p.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 10_000 }).toBe('Saved');
    await expect.poll(() => storedParagraphs(dataDir)).toEqual(shown);
  });
});
