import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { DocumentNode } from '../../../../shared/api/studio-api';
import { formatCount } from '../../ui/format';
import { keyboardMove, visibleRows, wordsWithChildren } from './tree';
import { DocumentGoalBar, ProjectGoalBar, useDocumentTargets } from '../goals/GoalBars';

interface Props {
  docs: DocumentNode[];
  trashed: DocumentNode[];
  openId: string | null;
  /** A document just created: start renaming it. */
  renameRequest?: string | null;
  onOpen: (id: string) => void;
  onCreate: (parentId: string | null) => void;
  onRename: (id: string, title: string) => void;
  onMove: (id: string, parentId: string | null, index: number) => void;
  onTrash: (id: string) => void;
  onRestore: (id: string) => void;
}

/**
 * The binder: a keyboard-first tree (WAI-ARIA tree pattern). Arrows move, Enter opens,
 * F2 renames, Delete trashes, Alt+Arrows reorder and nest; dragging does the same with a mouse.
 */
export function Binder(props: Props) {
  const { docs, trashed, openId } = props;
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focusId, setFocusId] = useState<string | null>(openId);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const rows = useMemo(() => visibleRows(docs, collapsed), [docs, collapsed]);
  const goalTargets = useDocumentTargets(docs[0]?.projectId ?? null);
  const totals = useMemo(() => wordsWithChildren(docs), [docs]);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const current = rows.find((r) => r.doc.id === focusId) ?? rows[0];

  useEffect(() => {
    if (openId) setFocusId(openId);
  }, [openId]);
  useEffect(() => {
    if (props.renameRequest) setRenaming(props.renameRequest);
  }, [props.renameRequest]);

  const focusRow = (id: string | undefined) => {
    if (!id) return;
    setFocusId(id);
    itemRefs.current.get(id)?.focus();
  };
  const toggle = (id: string, open?: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (open ?? next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    const row = rows[index];
    if (!row || renaming) return;
    const id = row.doc.id;
    if (event.altKey && event.key.startsWith('Arrow')) {
      const move = keyboardMove(docs, id, event.key);
      if (move) {
        if (move.parentId) toggle(move.parentId, true);
        props.onMove(id, move.parentId, move.index);
      }
      event.preventDefault();
      return;
    }
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          return focusRow(rows[index + 1]?.doc.id), true;
        case 'ArrowUp':
          return focusRow(rows[index - 1]?.doc.id), true;
        case 'Home':
          return focusRow(rows[0]?.doc.id), true;
        case 'End':
          return focusRow(rows.at(-1)?.doc.id), true;
        case 'ArrowRight':
          if (row.hasChildren && collapsed.has(id)) toggle(id, true);
          else if (row.hasChildren) focusRow(rows[index + 1]?.doc.id);
          return true;
        case 'ArrowLeft':
          if (row.hasChildren && !collapsed.has(id)) toggle(id, false);
          else focusRow(row.doc.parentId ?? undefined);
          return true;
        case 'Enter':
        case ' ':
          return props.onOpen(id), true;
        case 'F2':
          return setRenaming(id), true;
        case 'Delete':
          return props.onTrash(id), true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  // Drop on the upper half of a row: before it. Lower half: inside it, as its last child.
  const onDrop = (event: DragEvent<HTMLLIElement>, target: DocumentNode) => {
    event.preventDefault();
    event.stopPropagation();
    const id = dragId ?? event.dataTransfer.getData('text/x-margin-document');
    setDragId(null);
    if (!id || id === target.id) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const inside = event.clientY > rect.top + Math.min(rect.height, 32) / 2;
    if (inside) {
      toggle(target.id, true);
      props.onMove(id, target.id, 100_000);
    } else {
      const siblings = docs.filter((d) => d.parentId === target.parentId && d.id !== id).sort((a, b) => a.position - b.position);
      const at = siblings.findIndex((d) => d.id === target.id);
      props.onMove(id, target.parentId, Math.max(0, at));
    }
  };

  return (
    <div className="binder">
      <div className="binder-head">
        <h2 id="binder-label">Binder</h2>
        <button type="button" onClick={() => props.onCreate(null)} title="New document (Ctrl+Alt+N)">
          New document
        </button>
      </div>
      <ProjectGoalBar projectId={docs[0]?.projectId ?? null} />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>No documents yet. Create a chapter to begin.</p>
        </div>
      ) : (
        <ul role="tree" aria-labelledby="binder-label" className="tree">
          {rows.map((row, index) => {
            const { doc } = row;
            const isOpen = doc.id === openId;
            const total = totals.get(doc.id) ?? doc.wordCount;
            return (
              <li
                key={doc.id}
                ref={(el) => {
                  if (el) itemRefs.current.set(doc.id, el);
                  else itemRefs.current.delete(doc.id);
                }}
                role="treeitem"
                aria-level={row.depth}
                aria-selected={isOpen}
                aria-expanded={row.hasChildren ? !collapsed.has(doc.id) : undefined}
                aria-label={doc.title}
                // The counts are its description (drawn by CSS from data-count, so they are not part of its
                // visible name either): its name stays the title, what is read first and what is searched for.
                aria-describedby={`count-${doc.id}`}
                tabIndex={doc.id === current?.doc.id ? 0 : -1}
                className={`tree-item${isOpen ? ' open' : ''}${dragId === doc.id ? ' dragging' : ''}`}
                style={{ paddingLeft: `${(row.depth - 1) * 1.1 + 0.4}rem` }}
                draggable={renaming !== doc.id}
                onDragStart={(e) => {
                  setDragId(doc.id);
                  e.dataTransfer.setData('text/x-margin-document', doc.id);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(e, doc)}
                onKeyDown={(e) => onKeyDown(e, index)}
                onFocus={() => setFocusId(doc.id)}
                onClick={() => props.onOpen(doc.id)}
                onDoubleClick={() => setRenaming(doc.id)}
              >
                <span
                  className="twisty"
                  aria-hidden="true"
                  onClick={(e) => {
                    e.stopPropagation();
                    if (row.hasChildren) toggle(doc.id);
                  }}
                >
                  {row.hasChildren ? (collapsed.has(doc.id) ? '▸' : '▾') : '·'}
                </span>
                {renaming === doc.id ? (
                  <RenameField
                    initial={doc.title}
                    onDone={(title) => {
                      setRenaming(null);
                      if (title && title !== doc.title) props.onRename(doc.id, title);
                      focusRow(doc.id);
                    }}
                  />
                ) : (
                  <span className="tree-title">{doc.title}</span>
                )}
                {row.hasChildren ? (
                  // A chapter: its own words, then with its scenes.
                  <span
                    className="tree-count"
                    id={`count-${doc.id}`}
                    aria-label={`${doc.wordCount} words, ${total} with what is inside`}
                    title={`${formatCount(doc.wordCount)} words here, ${formatCount(total)} with what is inside`}
                    data-count={`${formatCount(doc.wordCount)} · ${formatCount(total)}`}
                  />
                ) : (
                  <span className="tree-count" id={`count-${doc.id}`} aria-label={`${doc.wordCount} words`} data-count={formatCount(doc.wordCount)} />
                )}
                <DocumentGoalBar doc={doc} targets={goalTargets} />
                <span className="tree-actions">
                  <button type="button" aria-label={`New document inside ${doc.title}`} title="New document inside" tabIndex={-1} onClick={(e) => (e.stopPropagation(), props.onCreate(doc.id))}>
                    +
                  </button>
                  <button type="button" aria-label={`Move ${doc.title} to trash`} title="Move to trash (Delete)" tabIndex={-1} onClick={(e) => (e.stopPropagation(), props.onTrash(doc.id))}>
                    ×
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <details className="trash">
        <summary>Trash ({trashed.length})</summary>
        {trashed.length === 0 ? (
          <p className="empty">The trash is empty.</p>
        ) : (
          <ul aria-label="Trash">
            {trashed.map((doc) => (
              <li key={doc.id}>
                <span>{doc.title}</span>
                <button type="button" aria-label={`Restore ${doc.title}`} onClick={() => props.onRestore(doc.id)}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  );
}

function RenameField({ initial, onDone }: { initial: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <input
      className="rename"
      aria-label="Document title"
      autoFocus
      // Selected, so typing replaces the old name ("Untitled" for a new document).
      onFocus={(e) => e.target.select()}
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') onDone(value.trim() || null);
        if (e.key === 'Escape') onDone(null);
      }}
      onBlur={() => onDone(value.trim() || null)}
    />
  );
}
