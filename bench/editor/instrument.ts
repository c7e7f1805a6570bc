/// <reference lib="dom" />
// Runs inside the page (passed to page.evaluate). Measures, for each keydown on the editor,
// the time to the Lexical update that followed having been committed to the DOM (an update
// listener runs after reconciliation), and to the next animation frame after that; with the
// keydown's own time (for profile-typing.ts to find what ran meanwhile).
export function instrument(selector: string): void {
  const el = document.querySelector(selector) as HTMLElement & {
    __lexicalEditor?: { registerUpdateListener(fn: (p: { dirtyLeaves: Set<string>; dirtyElements: Map<string, boolean> }) => void): () => void };
  };
  const editor = el.__lexicalEditor;
  if (!editor) throw new Error(`no Lexical editor on ${selector}`);
  const w = window as unknown as { __samples: Array<[number, number, number]> };
  w.__samples = [];
  let pending: number | null = null;
  el.addEventListener('keydown', (e) => (pending = e.timeStamp), true);
  editor.registerUpdateListener(({ dirtyLeaves, dirtyElements }) => {
    if (pending === null || (dirtyLeaves.size === 0 && dirtyElements.size === 0)) return;
    const start = pending;
    pending = null;
    const dom = performance.now() - start;
    requestAnimationFrame(() => w.__samples.push([dom, performance.now() - start, start]));
  });
  // Caret at the end of the middle paragraph, where a writer revising a chapter would be.
  const paragraphs = el.querySelectorAll('p');
  const middle = paragraphs[Math.floor(paragraphs.length / 2)]!;
  middle.scrollIntoView({ block: 'center' });
  el.focus();
  const range = document.createRange();
  range.selectNodeContents(middle);
  range.collapse(false);
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}
