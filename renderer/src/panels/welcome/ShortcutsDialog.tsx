import { Fragment, useEffect, useRef } from 'react';

/** A shortcut: its keys (alternatives, shown side by side) and what it does. */
type Shortcut = { keys: string[]; what: string };

// Grouped by where the writer is when they reach for them.
const GROUPS: Array<{ title: string; items: Shortcut[] }> = [
  {
    title: 'Writing',
    items: [
      { keys: ['Ctrl+B', 'Ctrl+I', 'Ctrl+U'], what: 'Bold, italic, underline' },
      { keys: ['Ctrl+K'], what: 'Link (http, https, mailto)' },
      { keys: ['#', '>', '-', '1.'], what: 'At a line’s start, then a space: heading, quote, list, numbered list' },
      { keys: ['***'], what: 'Alone on a line, then Enter: a scene break' },
      { keys: ['Ctrl+Shift+F'], what: 'Focus mode (Esc leaves)' },
      { keys: ['Ctrl+Alt+P'], what: 'Write to today’s prompt' },
    ],
  },
  {
    title: 'Binder',
    items: [
      { keys: ['Ctrl+Alt+N'], what: 'New document' },
      { keys: ['F2'], what: 'Rename the selected document' },
      { keys: ['Delete'], what: 'Move the selected document to the trash' },
      { keys: ['Alt+↑', 'Alt+↓'], what: 'Move a document up or down' },
      { keys: ['Alt+→', 'Alt+←'], what: 'Nest or un-nest a document' },
    ],
  },
  {
    title: 'Comments',
    items: [
      { keys: ['Ctrl+Alt+M'], what: 'Comment on the selection' },
      { keys: ['Ctrl+Alt+.', 'Ctrl+Alt+,'], what: 'Next / previous comment in the margin' },
    ],
  },
  {
    title: 'Window',
    items: [
      { keys: ['Ctrl+Shift+S'], what: 'Search' },
      { keys: ['Ctrl+Shift+B', 'Ctrl+Shift+M'], what: 'Show or hide the binder / the sidebar' },
      { keys: ['Ctrl+Shift+L'], what: 'Dark theme' },
      { keys: ['Ctrl+/'], what: 'These shortcuts' },
    ],
  },
];

// On a Mac the same keys go with ⌘.
const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const shown = (keys: string) => (MAC ? keys.replace(/Ctrl\+/g, '⌘') : keys);

/** The keyboard shortcuts, from the Help menu, the ? button or Ctrl+/. */
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
      {/* Close at the top: on a short window the list scrolls, and the button stays in reach. */}
      <div className="shortcuts-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <table key={group.title} aria-labelledby={`shortcuts-${group.title}`}>
            <caption id={`shortcuts-${group.title}`}>{group.title}</caption>
            <tbody>
              {group.items.map(({ keys, what }) => (
                <tr key={what}>
                  <th scope="row">
                    {keys.map((k, i) => (
                      <Fragment key={k}>
                        {i > 0 && ' / '}
                        <kbd>{shown(k)}</kbd>
                      </Fragment>
                    ))}
                  </th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </dialog>
  );
}
