import { useState } from 'react';
import type { Project, Settings } from '../../../shared/api/studio-api';

interface Props {
  projects: Project[] | null;
  current: Project | null;
  settings: Settings;
  onSelect: (id: string) => void;
  onCreate: (title: string) => Promise<void>;
  onSettings: (patch: Partial<Settings>) => void;
}

/** The top bar: which project, a new one, and the view toggles (theme, focus). */
export function ProjectBar({ projects, current, settings, onSelect, onCreate, onSettings }: Props) {
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const firstRun = projects !== null && projects.length === 0;
  const showForm = creating || firstRun;

  return (
    <header className="projectbar">
      <span className="brand" aria-hidden="true">
        Margin
      </span>
      {projects && projects.length > 0 && (
        <>
          <label className="visually-hidden" htmlFor="project-select">
            Project
          </label>
          <select id="project-select" value={current?.id ?? ''} onChange={(e) => onSelect(e.target.value)}>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </>
      )}
      {showForm ? (
        <form
          className="new-project"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim()) return;
            void onCreate(title.trim()).then(() => {
              setTitle('');
              setCreating(false);
            });
          }}
        >
          <label htmlFor="new-project-title">Project title</label>
          <input id="new-project-title" value={title} maxLength={200} autoFocus onChange={(e) => setTitle(e.target.value)} />
          <button type="submit">Create project</button>
          {!firstRun && (
            <button type="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
          )}
        </form>
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          New project
        </button>
      )}
      <span className="spacer" />
      <button
        type="button"
        aria-pressed={settings.theme === 'dark'}
        aria-label="Dark theme"
        title="Dark theme (Ctrl+Shift+L)"
        onClick={() => onSettings({ theme: settings.theme === 'dark' ? 'light' : 'dark' })}
      >
        {settings.theme === 'dark' ? '☾' : '☀'}
      </button>
      <button
        type="button"
        aria-pressed={settings.focusMode}
        aria-label="Focus mode"
        title="Focus mode (Ctrl+Shift+F, Esc to leave)"
        onClick={() => onSettings({ focusMode: !settings.focusMode })}
      >
        Focus
      </button>
    </header>
  );
}
