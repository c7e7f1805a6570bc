import { useEffect, useRef, useState, type JSX } from 'react';
import type { Project } from '../../../shared/api/studio-api';
import { formatCount } from './format';

export interface ProjectActions {
  rename: (id: string, title: string) => Promise<void>;
  archive: (id: string, archived: boolean) => Promise<void>;
  trash: (id: string) => Promise<void>;
  restore: (id: string) => Promise<void>;
}

interface Props extends ProjectActions {
  open: boolean;
  projects: Project[];
  trashed: Project[];
  onClose: () => void;
}

const words = (p: Project) => `${formatCount(p.wordCount)} words`;

/** Every project: rename, archive (kept whole, out of the menu), or move to the trash and back. */
export function ProjectsDialog({ open, projects, trashed, onClose, ...actions }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const active = projects.filter((p) => !p.archivedAt);
  const archived = projects.filter((p) => p.archivedAt);

  const row = (p: Project) => (
    <li key={p.id}>
      {renaming === p.id ? (
        <RenameProject project={p} onDone={(title) => (setRenaming(null), title ? void actions.rename(p.id, title) : undefined)} />
      ) : (
        <>
          <span className="name">{p.title}</span>
          <small>{words(p)}</small>
          <button type="button" aria-label={`Rename ${p.title}`} onClick={() => setRenaming(p.id)}>
            Rename
          </button>
          <button type="button" aria-label={`${p.archivedAt ? 'Unarchive' : 'Archive'} ${p.title}`} onClick={() => void actions.archive(p.id, !p.archivedAt)}>
            {p.archivedAt ? 'Unarchive' : 'Archive'}
          </button>
          <button type="button" className="button-danger" aria-label={`Move ${p.title} to trash`} onClick={() => void actions.trash(p.id)}>
            Trash
          </button>
        </>
      )}
    </li>
  );

  return (
    <dialog ref={ref} aria-labelledby="projects-title" onClose={onClose} onCancel={onClose}>
      {open && <ProjectLists active={active} archived={archived} trashed={trashed} row={row} restore={actions.restore} onClose={onClose} />}
    </dialog>
  );
}

/** The dialog's contents, drawn only while it is open (the studio re-renders often while the writer types). */
function ProjectLists({ active, archived, trashed, row, restore, onClose }: { active: Project[]; archived: Project[]; trashed: Project[]; row: (p: Project) => JSX.Element; restore: (id: string) => Promise<void>; onClose: () => void }) {
  return (
    <>
      <h2 id="projects-title">Projects</h2>
      <section className="panel-section" aria-labelledby="projects-active">
        <h3 id="projects-active">In progress</h3>
        {active.length ? <ul className="project-list">{active.map(row)}</ul> : <p className="muted">None.</p>}
      </section>
      {archived.length > 0 && (
        <section className="panel-section" aria-labelledby="projects-archived">
          <h3 id="projects-archived">Archived</h3>
          <ul className="project-list">{archived.map(row)}</ul>
        </section>
      )}
      <section className="panel-section" aria-labelledby="projects-trash">
        <h3 id="projects-trash">Trash</h3>
        {trashed.length ? (
          <ul className="project-list" aria-label="Projects in the trash">
            {trashed.map((p) => (
              <li key={p.id}>
                <span className="name">{p.title}</span>
                <small>{words(p)}</small>
                <button type="button" aria-label={`Restore ${p.title}`} onClick={() => void restore(p.id)}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">The trash is empty. A project moved here keeps every document until you restore it.</p>
        )}
      </section>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}

function RenameProject({ project, onDone }: { project: Project; onDone: (title: string | null) => void }) {
  const [title, setTitle] = useState(project.title);
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(title.trim() && title.trim() !== project.title ? title.trim() : null);
      }}
    >
      <label className="visually-hidden" htmlFor={`rename-${project.id}`}>
        Project title
      </label>
      <input id={`rename-${project.id}`} value={title} maxLength={200} autoFocus onFocus={(e) => e.target.select()} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onDone(null))} />
      <button type="submit">Save</button>
    </form>
  );
}
