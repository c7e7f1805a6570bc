import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Project, Settings } from '../../../shared/api/studio-api';
import { EditorSettings } from './EditorSettings';

interface Props {
  projects: Project[] | null;
  current: Project | null;
  settings: Settings;
  /** The panes actually shown (a narrow window shows one side pane at a time). */
  panes: { binder: boolean; sidebar: boolean };
  onSelect: (id: string) => void;
  onCreate: (title: string) => Promise<void>;
  onManage: () => void;
  onSettings: (patch: Partial<Settings>) => void;
  onTogglePane: (pane: 'binder' | 'sidebar') => void;
  /** Shown at the bar's right end, before the view toggles (the notification bell). */
  children?: ReactNode;
}

/** The top bar: which project, a new one, the panes, the page's settings and the view toggles (theme, focus). */
export function ProjectBar({ projects, current, settings, panes, onSelect, onCreate, onManage, onSettings, onTogglePane, children }: Props) {
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [showSettings, setShowSettings] = useState(false);
  const settingsRef = useRef<HTMLDivElement>(null);
  const active = (projects ?? []).filter((p) => !p.archivedAt);
  const firstRun = projects !== null && active.length === 0;
  const showForm = creating || firstRun;

  // The settings popover closes on a click elsewhere or Escape.
  useEffect(() => {
    if (!showSettings) return;
    const onDown = (e: MouseEvent) => settingsRef.current?.contains(e.target as Node) || setShowSettings(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setShowSettings(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [showSettings]);

  return (
    <header className="projectbar">
      <button
        type="button"
        className="icon-button"
        aria-pressed={panes.binder}
        aria-label="Binder"
        title="Show or hide the binder (Ctrl+Shift+B)"
        onClick={() => onTogglePane('binder')}
      >
        ☰
      </button>
      <span className="brand" aria-hidden="true">
        Margin
      </span>
      {active.length > 0 && (
        <>
          <label className="visually-hidden" htmlFor="project-select">
            Project
          </label>
          <select id="project-select" value={current?.id ?? ''} onChange={(e) => onSelect(e.target.value)}>
            {current?.archivedAt && <option value={current.id}>{current.title} (archived)</option>}
            {active.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </>
      )}
      {showForm ? (
        <form
          className="new-project inline"
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
      {projects && projects.length > 0 && (
        <button type="button" onClick={onManage} title="Rename, archive or trash projects">
          Projects…
        </button>
      )}
      <span className="spacer" />
      {children}
      <div className="settings-anchor" ref={settingsRef}>
        <button type="button" aria-expanded={showSettings} aria-label="Editor settings" title="Font, size, line width, smart quotes, typewriter scrolling" onClick={() => setShowSettings((v) => !v)}>
          Aa
        </button>
        {showSettings && <EditorSettings settings={settings} onChange={onSettings} />}
      </div>
      <button
        type="button"
        className="icon-button"
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
      <button
        type="button"
        className="icon-button"
        aria-pressed={panes.sidebar}
        aria-label="Sidebar"
        title="Show or hide the sidebar: comments, sprints, community (Ctrl+Shift+M)"
        onClick={() => onTogglePane('sidebar')}
      >
        ◧
      </button>
    </header>
  );
}
