// The two ways of opening a shared draft, side by side on one page: the reader as it was (a
// read-only Lexical editor, the draft parsed into Lexical nodes and reconciled into the DOM in
// one go) and as it is (static HTML drawn from the validated JSON in slices).
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { createRoot, type Root } from 'react-dom/client';
import { checkLexicalState } from '../../../shared/schemas/lexical';
import { EDITOR_NODES } from '../../../renderer/src/editor/Editor';
import { editorTheme } from '../../../renderer/src/editor/theme';
import { renderDraft } from '../../../renderer/src/panels/critique/static-draft';

declare global {
  interface Window {
    openDraft: (json: string, how: 'lexical' | 'static') => Promise<{ firstMs: number; ms: number; longTasks: number[] }>;
  }
}

const host = document.getElementById('reader')!;
let root: Root | null = null;
const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask' });

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

window.openDraft = async (json, how) => {
  root?.unmount();
  root = null;
  host.replaceChildren();
  await frame();
  await new Promise((resolve) => setTimeout(resolve, 50)); // let earlier work settle before counting
  longTasks.length = 0;
  const blocks = (JSON.parse(json) as { root: { children: unknown[] } }).root.children.length;
  const t0 = performance.now();
  let firstMs: number;
  if (how === 'static') {
    const container = document.createElement('div');
    host.append(container);
    const view = renderDraft(container, checkLexicalState(JSON.parse(json)), (e) => console.error(e));
    firstMs = performance.now() - t0; // the first slice is on the page
    await view.done;
  } else {
    root = createRoot(host);
    root.render(
      <LexicalComposer initialConfig={{ namespace: 'bench', theme: editorTheme, nodes: EDITOR_NODES, editable: false, editorState: json, onError: (e) => console.error(e) }}>
        <RichTextPlugin contentEditable={<ContentEditable className="editor" aria-readonly />} ErrorBoundary={LexicalErrorBoundary} />
      </LexicalComposer>,
    );
    // Drawn when every block of the draft is in the page.
    while ((host.querySelector('.editor')?.childElementCount ?? 0) < blocks) await frame();
    firstMs = performance.now() - t0; // Lexical shows the draft all at once
  }
  const ms = performance.now() - t0;
  await frame();
  await new Promise((resolve) => setTimeout(resolve, 100)); // the last long task is reported after it ends
  return { firstMs, ms, longTasks: [...longTasks] };
};
