import { useEffect, useRef } from 'react';

const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl+Alt+N', 'New document'],
  ['F2', 'Rename the selected document'],
  ['Delete', 'Move the selected document to the trash'],
  ['Alt+↑ / Alt+↓', 'Move a document up or down'],
  ['Alt+→ / Alt+←', 'Nest or un-nest a document'],
  ['Ctrl+B / Ctrl+I / Ctrl+U', 'Bold, italic, underline'],
  ['# , > , - , 1. , *** then Enter', 'Heading, quote, list, numbered list, scene break'],
  ['Ctrl+Shift+F', 'Focus mode (Esc leaves)'],
  ['Ctrl+Shift+L', 'Dark theme'],
  ['Ctrl+Shift+B / Ctrl+Shift+M', 'Show or hide the binder / the sidebar'],
  ['Ctrl+Shift+S', 'Search'],
  ['Ctrl+Alt+M', 'Comment on the selection'],
  ['Ctrl+Alt+. / Ctrl+Alt+,', 'Next / previous comment in the margin'],
  ['Ctrl+Alt+P', 'Write to today’s prompt'],
];

/** The keyboard shortcuts, from the Help menu (⌘ instead of Ctrl on a Mac). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
