import { lazy, startTransition, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { AppInfo, DocumentNode, OpenDocument, OutboxStatus, Project, SaveResult, Settings, SyncStatus } from '../../../shared/api/studio-api';
import { useDocumentReview } from '../panels/critique/use-document-review';
import { NotificationBell } from '../panels/notifications/NotificationBell';
import { useOpenNotification } from '../panels/notifications/use-open-notification';
import { Editor } from '../editor/Editor';
import type { SaveState } from '../editor/plugins/AutosavePlugin';
import { descendantCount } from '../panels/binder/tree';
import { editorStyle } from '../ui/EditorSettings';
import { ProjectBar } from '../ui/ProjectBar';
import { ProjectsDialog } from '../ui/ProjectsDialog';
import { UndoToast, type Undoable } from '../ui/UndoToast';
import { usePaneLayout } from '../ui/use-pane-layout';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { StatusBar } from '../ui/StatusBar';
import { inviteLinks } from '../../../shared/protocol/invite-link';
import { FirstRun } from '../panels/welcome/FirstRun';
import { InvitePrompt } from '../panels/welcome/InvitePrompt';
import { ShortcutsDialog } from '../panels/welcome/ShortcutsDialog';
import { onShellEvent } from './shell-events';
import { useStore, useStores } from './stores';
import type { StartData, StartUp } from './start-up';
import { errorMessage, started } from './studio-client';
import { useStudio } from './studio-context';
import { useManuscriptBridge } from '../panels/search/manuscript-bridge';
import { askForTab, onTabAsked } from '../panels/sidebar/sidebar-request';
import { writeToTodaysPrompt } from '../panels/prompts/write-to-prompt';

import { projectToOpen } from '../../../shared/rules/reopen';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings';
import { PromptBanner } from '../panels/prompts/PromptBanner';

// Not shown at start (a shared draft, the Inbox and Snapshots tabs): loaded with their own code.
const ShareReader = lazy(() => import('../panels/critique/ShareReader').then((m) => ({ default: m.ShareReader })));
const InboxPanel = lazy(() => import('../panels/critique/InboxPanel').then((m) => ({ default: m.InboxPanel })));
const SnapshotsPanel = lazy(() => import('../panels/snapshots/SnapshotsPanel').then((m) => ({ default: m.SnapshotsPanel })));
// The panes beside the text: drawn just after it when the app opens on a document (useBesideLater).
const Binder = lazy(() => import('../panels/binder/Binder').then((m) => ({ default: m.Binder })));
const Sidebar = lazy(() => import('../panels/sidebar/Sidebar').then((m) => ({ default: m.Sidebar })));
const DocumentComments = lazy(() => import('../panels/critique/CommentsPanel').then((m) => ({ default: m.DocumentComments })));
const ShareComments = lazy(() => import('../panels/critique/CommentsPanel').then((m) => ({ default: m.ShareComments })));

/** Counts as of the last open or save; live counts add the editor's change since. */
interface Baseline {
  docWords: number;
  projectWords: number;
  todayWords: number;
}

export function App({ start }: { start: StartUp }) {
  const api = useStudio();
  // Usually the start-up answer is in before the app's code is: the first render shows the document.
  const [first] = useState(() => start.value);
  const [info, setInfo] = useState<AppInfo | null>(first?.info ?? null);
  const [settings, setSettings] = useState<Settings>(first?.settings ?? DEFAULT_SETTINGS);
  const [projectsTrash, setProjectsTrash] = useState<Project[]>([]);
  const [managing, setManaging] = useState(false);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  const closeUndo = useCallback(() => setUndoable(null), []);
  const [lastPane, setLastPane] = useState<'binder' | 'sidebar'>('binder');
  const panes = usePaneLayout(settings.binderOpen, settings.sidebarOpen, lastPane);
  const [projects, setProjects] = useState<Project[] | null>(first?.projects ?? null);
  const [projectId, setProjectId] = useState<string | null>(first?.reopened.projectId ?? null);
  const [docs, setDocs] = useState<DocumentNode[]>([]);
  const [trashed, setTrashed] = useState<DocumentNode[]>([]);
  const [openDoc, setOpenDoc] = useState<OpenDocument | null>(first?.reopened.document ?? null);
  const [editorKey, setEditorKey] = useState(0);
  const [renameRequest, setRenameRequest] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ state: 'saved', at: first?.reopened.document?.updatedAt ?? null });
  const [liveWords, setLiveWords] = useState<number | null>(first?.reopened.document?.wordCount ?? null);
  const [baseline, setBaseline] = useState<Baseline>(() => startBaseline(first));
  const [sync, setSync] = useState<SyncStatus>({ state: 'offline', reason: 'Starting…' });
  const [error, setError] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxStatus>({ pending: 0, failed: [], sending: null, retryAt: null, others: [] });
  const { critique, invite, prompts } = useStores();
  const [showShortcuts, setShowShortcuts] = useState(false);
  const shareView = useStore(critique, (s) => s.view());
  const closeShare = useCallback(() => critique.closeShare(), [critique]);
  const flushRef = useRef<(() => Promise<void>) | null>(null);
  const flush = useCallback(() => flushRef.current?.() ?? Promise.resolve(), []);
  const beside = useBesideLater(first?.reopened.document != null);

  const report = useCallback((e: unknown) => setError(errorMessage(e)), []);

  // Start-up (asked by main.tsx before this code loaded): who we are, settings, projects, and the
  // project and document the writer had open last, opened again where they left off. The
  // project's effect below loads its binder around the document already open.
  const reopened = useRef(first?.reopened ?? null);
  useEffect(() => {
    if (first) return; // applied by the first render
    // In one synchronous render with its effects, as the first render would have been: the editor takes the focus at once.
    start.promise.then(
      (data) =>
        flushSync(() => {
          reopened.current = data.reopened;
          setInfo(data.info);
          setSettings(data.settings);
          setProjects(data.projects);
          const doc = data.reopened.document;
          if (doc) {
            setOpenDoc(doc);
            setSaveState({ state: 'saved', at: doc.updatedAt });
            setLiveWords(doc.wordCount);
            setBaseline(startBaseline(data));
          }
          setProjectId(data.reopened.projectId);
        }),
      report,
    );
  }, [api, start, first, report]);
  useEffect(() => api.on('sync:status', setSync), [api]);

  useEffect(() => {
    const offs = [api.on('sync:outbox', setOutbox)];
    api.sync.outbox().then(setOutbox, report);
    return () => offs.forEach((off) => off());
  }, [api, report]);

  // The open document's comments: listed in the sidebar, their passages marked in the editor.
  const { review, marks } = useDocumentReview(openDoc?.id ?? null);

  const openShare = useCallback(
    async (shareId: string, versionId?: string) => {
      await flush();
      await critique.openShare(shareId, versionId);
    },
    [critique, flush],
  );

  const openNotification = useOpenNotification(openShare);

  useEffect(() => {
    document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);

  const refreshTree = useCallback(async (id: string) => {
    const [tree, trash] = await Promise.all([api.documents.tree({ projectId: id }), api.documents.trashed({ projectId: id })]);
    setDocs(tree);
    setTrashed(trash);
    return tree;
  }, [api]);

  const openDocument = useCallback(
    async (id: string, projectId?: string) => {
      await flush();
      // The project's counts are asked for with the document, not after it.
      const [doc, list, today] = await Promise.all([
        api.documents.open({ id }),
        api.projects.list(),
        projectId ? api.stats.today({ projectId }) : null,
      ]);
      setProjects(list);
      setBaseline({
        docWords: doc.wordCount,
        projectWords: list.find((p) => p.id === doc.projectId)?.wordCount ?? 0,
        todayWords: (today ?? (await api.stats.today({ projectId: doc.projectId }))).words,
      });
      setLiveWords(doc.wordCount);
      setOpenDoc(doc);
      closeShare();
      setEditorKey((k) => k + 1);
      setSaveState({ state: 'saved', at: doc.updatedAt });
    },
    [api, flush, closeShare],
  );
  // Search, replace, export and import (sidebar panels) reach the open project and document through this.
  useManuscriptBridge({ projectId, documentId: openDoc?.id ?? null, selectProject: setProjectId, openDocument: (id) => openDocument(id), flush, refreshTree });

  // Back from a shared draft: the open document as it is saved now, not as it was first opened.
  const backToWriting = useCallback(() => (openDoc ? void openDocument(openDoc.id).catch(report) : closeShare()), [openDoc, openDocument, closeShare, report]);

  // Switching project: load its tree and open the document last open in it (else its first).
  const lastDocumentOf = useRef(new Map<string, string | null>());
  lastDocumentOf.current = new Map((projects ?? []).map((p) => [p.id, p.lastDocumentId]));
  useEffect(() => {
    if (!projectId) return;
    const atStart = reopened.current;
    reopened.current = null;
    if (atStart?.projectId === projectId) {
      // Opened already: the binder and today's words follow, off the way of the first keystroke.
      void refreshTree(projectId).catch(report);
      void api.stats
        .today({ projectId })
        .then((today) => setBaseline((b) => ({ ...b, todayWords: today.words })))
        .catch(report);
      if (!atStart.document) setLiveWords(null);
      return;
    }
    (async () => {
      await flush();
      // The document last open is asked for with the tree, not after it: one round trip less
      // before the writer can type. The tree then confirms it (it may have been trashed since).
      const last = lastDocumentOf.current.get(projectId) ?? null;
      const [tree, opened] = await Promise.all([refreshTree(projectId), last ? openDocument(last, projectId).then(() => true, () => false) : false]);
      const visible = opened && tree.some((d) => d.id === last);
      const first = visible ? null : tree.find((d) => d.parentId === null);
      if (first) await openDocument(first.id, projectId);
      else if (!visible) {
        setOpenDoc(null);
        const today = await api.stats.today({ projectId });
        setBaseline({ docWords: 0, projectWords: 0, todayWords: today.words });
        setLiveWords(null);
      }
    })().catch(report);
  }, [api, projectId, refreshTree, openDocument, flush, report]);

  const onSaved = useCallback(
    (result: SaveResult) => {
      setBaseline({ docWords: result.wordCount, projectWords: result.projectWordCount, todayWords: result.todayWords });
      setDocs((prev) => prev.map((d) => (d.id === openDoc?.id ? { ...d, wordCount: result.wordCount } : d)));
    },
    [openDoc?.id],
  );

  const treeAction = (work: () => Promise<unknown>) => {
    setError(null);
    work()
      .then(() => (projectId ? refreshTree(projectId) : undefined))
      .catch(report);
  };

  const createDocument = (parentId: string | null) =>
    treeAction(async () => {
      if (!projectId) return;
      const doc = await api.documents.create({ projectId, parentId, title: 'Untitled' });
      await refreshTree(projectId);
      await openDocument(doc.id);
      setRenameRequest(doc.id);
    });

  const updateSettings = (patch: Partial<Settings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    api.settings.set(patch).catch(report);
  };

  // A pane hidden because the window is narrow opens (in place of the other) rather than closing.
  const togglePane = (pane: 'binder' | 'sidebar') => {
    const key = pane === 'binder' ? 'binderOpen' : 'sidebarOpen';
    if (panes[pane]) return updateSettings({ [key]: false });
    setLastPane(pane);
    updateSettings({ [key]: true });
  };

  // A tab asked for (a shortcut, an opened notification) comes into view, out of focus mode and
  // in place of the binder when the window is narrow: at once, so Search's box can take the focus.
  useEffect(() =>
    onTabAsked(() =>
      flushSync(() => {
        if (settings.focusMode) updateSettings({ focusMode: false });
        if (!panes.sidebar) togglePane('sidebar');
      }),
    ),
  );

  // Trashing says what goes with it, and can be taken back.
  const trashDocument = (id: string) => {
    const doc = docs.find((d) => d.id === id);
    if (!doc) return;
    const inside = descendantCount(docs, id);
    treeAction(async () => {
      if (openDoc && (openDoc.id === id || isInside(docs, openDoc.id, id))) {
        await flush();
        setOpenDoc(null);
      }
      await api.documents.trash({ id });
      setUndoable({
        message: `Moved “${doc.title}”${inside ? ` and the ${inside === 1 ? 'document' : `${inside} documents`} inside it` : ''} to the trash.`,
        undo: () => treeAction(() => api.documents.restore({ id })),
      });
    });
  };

  const refreshProjects = async () => {
    const [list, trash] = await Promise.all([api.projects.list(), api.projects.trashed()]);
    setProjects(list);
    setProjectsTrash(trash);
    return list;
  };
  const projectAction = (work: () => Promise<unknown>, then?: (list: Project[]) => void) =>
    work()
      .then(refreshProjects)
      .then((list) => then?.(list))
      .catch(report);
  // After archiving, trashing or restoring: if the open project is gone (or none is open), the next one opens.
  const settleProject = (list: Project[]) => {
    if (!list.some((p) => p.id === projectId && !p.archivedAt)) setProjectId(projectToOpen(list)?.id ?? null);
  };
  // Keyboard-first: shortcuts for what a writer does most.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        updateSettings({ focusMode: !settings.focusMode });
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        updateSettings({ theme: settings.theme === 'dark' ? 'light' : 'dark' });
      } else if (mod && e.altKey && letter(e, 'n')) {
        e.preventDefault();
        createDocument(null);
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'b') {
        e.preventDefault();
        togglePane('binder');
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'm') {
        e.preventDefault();
        togglePane('sidebar');
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        // Until the search box has the focus (the sidebar may still be loading), keys typed
        // next must not go into the manuscript.
        if (document.activeElement instanceof HTMLElement && document.activeElement.isContentEditable) document.activeElement.blur();
        askForTab('search');
      } else if (mod && e.altKey && !e.shiftKey && letter(e, 'p')) {
        // Today's prompt, from anywhere; when there is nothing to write to, Prompts says why.
        e.preventDefault();
        if (e.repeat) return; // a held key writes one response, not one a repeat
        void writeToTodaysPrompt(prompts, projectId).then((written) => written || askForTab('community', 'prompts'), report);
      } else if (mod && !e.altKey && e.key === '/') {
        e.preventDefault();
        setShowShortcuts((shown) => !shown);
      } else if (e.key === 'Escape' && settings.focusMode) {
        updateSettings({ focusMode: false });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // The desktop app's menu: its accelerators are the shortcuts above (on macOS it takes the keys first).
  useEffect(() =>
    onShellEvent(api, 'menu:command', ({ command }) => {
      if (command === 'document.new') createDocument(null);
      else if (command === 'document.rename' && openDoc) setRenameRequest(openDoc.id);
      else if (command === 'document.trash' && openDoc) trashDocument(openDoc.id);
      else if (command === 'document.snapshot' && openDoc) void api.snapshots.create({ documentId: openDoc.id, name: `Snapshot ${new Date().toLocaleString()}` }).catch(report);
      else if (command === 'view.focusMode') updateSettings({ focusMode: !settings.focusMode });
      else if (command === 'view.darkTheme') updateSettings({ theme: settings.theme === 'dark' ? 'light' : 'dark' });
      else if (command === 'help.shortcuts') setShowShortcuts(true);
    }),
  );
  // A margin://join link the desktop app was opened with: asked about before anything is joined.
  useEffect(() => onShellEvent(api, 'link:join', ({ server, code }) => void invite.open(inviteLinks(server, code).link)), [api, invite]);

  // Every component shown at start has subscribed to the core's events by now (effects run children first).
  useEffect(() => started(), []);

  const delta = liveWords === null ? 0 : liveWords - baseline.docWords;
  const project = projects?.find((p) => p.id === projectId) ?? null;

  return (
    <div className={`app${settings.focusMode ? ' focus-mode' : ''}`} style={editorStyle(settings)}>
      <ProjectBar
        projects={projects}
        current={project}
        settings={settings}
        panes={panes}
        onSelect={(id) => setProjectId(id)}
        onCreate={async (title) => {
          const created = await api.projects.create({ title });
          setProjects(await api.projects.list());
          setProjectId(created.id);
        }}
        onManage={() => {
          setManaging(true);
          void refreshProjects().catch(report);
        }}
        onSettings={updateSettings}
        onTogglePane={togglePane}
      >
        <NotificationBell onOpen={openNotification} />
        {/* The desktop app also has them in its Help menu; in a browser this is the way in. */}
        <button type="button" className="icon-button" aria-label="Keyboard shortcuts" aria-keyshortcuts="Control+/" title="Keyboard shortcuts (Ctrl+/)" onClick={() => setShowShortcuts(true)}>
          ?
        </button>
      </ProjectBar>
      <ProjectsDialog
        open={managing}
        projects={projects ?? []}
        trashed={projectsTrash}
        onClose={() => setManaging(false)}
        rename={(id, title) => projectAction(() => api.projects.rename({ id, title }))}
        archive={(id, archived) => projectAction(() => api.projects.archive({ id, archived }), settleProject)}
        trash={(id) =>
          projectAction(
            () => api.projects.trash({ id }),
            (list) => {
              settleProject(list);
              const title = projects?.find((p) => p.id === id)?.title ?? 'The project';
              setUndoable({ message: `Moved “${title}” to the trash.`, undo: () => void projectAction(() => api.projects.restore({ id }), settleProject) });
            },
          )
        }
        restore={(id) => projectAction(() => api.projects.restore({ id }), settleProject)}
      />
      {(info?.notices ?? []).map((notice) => (
        <p key={notice} role="alert" className="notice">
          {notice}
        </p>
      ))}
      {error && (
        <p role="alert" className="notice error">
          {error} <button type="button" onClick={() => setError(null)} aria-label="Dismiss error">×</button>
        </p>
      )}
      <div className={`panes${panes.binder ? '' : ' no-binder'}${panes.sidebar ? '' : ' no-sidebar'}`}>
        <nav className="pane-binder" aria-label="Binder" inert={!panes.binder || settings.focusMode}>
          {project && beside ? (
            <ErrorBoundary what="The binder" resetKey={project.id}>
              <Suspense fallback={null}>
                <Binder
                  key={project.id}
                  docs={docs}
                  trashed={trashed}
                  openId={openDoc?.id ?? null}
                  renameRequest={renameRequest}
                  onOpen={(id) => openDocument(id).catch(report)}
                  onCreate={createDocument}
                  onRename={(id, title) =>
                    treeAction(async () => {
                      await api.documents.rename({ id, title });
                      if (openDoc?.id === id) setOpenDoc({ ...openDoc, title });
                    })
                  }
                  onMove={(id, parentId, index) => treeAction(() => api.documents.move({ id, parentId, index }))}
                  onTrash={trashDocument}
                  onRestore={(id) => treeAction(() => api.documents.restore({ id }))}
                />
              </Suspense>
            </ErrorBoundary>
          ) : null}
        </nav>
        <main className="pane-editor" aria-label="Editor">
          {shareView ? (
            <ErrorBoundary what="This shared draft" resetKey={shareView.version.id} back={{ label: '← My writing', onClick: backToWriting }}>
              <Suspense fallback={<p className="muted">Opening the draft…</p>}>
                <ShareReader view={shareView} onVersion={(v) => void openShare(shareView.share.id, v).catch(report)} onClose={backToWriting} />
              </Suspense>
            </ErrorBoundary>
          ) : openDoc ? (
            <ErrorBoundary what={`“${openDoc.title}”`} resetKey={`${openDoc.id}:${editorKey}`}>
              <PromptBanner documentId={openDoc.id} />
              <Editor
                key={`${openDoc.id}:${editorKey}`}
                doc={openDoc}
                flushRef={flushRef}
                onWords={setLiveWords}
                onSaved={onSaved}
                onSaveState={setSaveState}
                onError={setError}
                marks={marks}
                smartQuotes={settings.smartQuotes}
                typewriter={settings.typewriter}
              />
            </ErrorBoundary>
          ) : (
            <div className="editor-empty">
              {projects && !projects.some((p) => !p.archivedAt) ? (
                <div className="empty-state">
                  <h2>Welcome to Margin</h2>
                  <p>Name your first project in the bar above to begin. Everything you write stays on this computer and saves as you type.</p>
                  {!settings.welcomed && <FirstRun onDone={() => updateSettings({ welcomed: true })} onCommunity={() => askForTab('community')} />}
                </div>
              ) : project ? (
                <div className="empty-state">
                  <h2>{project.title}</h2>
                  <p>Choose a document in the binder, or start a new one.</p>
                  <button type="button" className="button-primary" onClick={() => createDocument(null)}>
                    Create a document
                  </button>
                </div>
              ) : null}
            </div>
          )}
        </main>
        <aside className="pane-sidebar" aria-label="Sidebar" inert={!panes.sidebar || settings.focusMode}>
          {beside && (
            <Suspense fallback={null}>
              <Sidebar
                sync={sync}
                openShareId={shareView?.share.id ?? null}
                comments={
                  shareView ? (
                    <ShareComments view={shareView} online={sync.state === 'online'} />
                  ) : openDoc ? (
                    <DocumentComments key={openDoc.id} review={review} documentId={openDoc.id} title={openDoc.title} docs={docs} online={sync.state === 'online'} flush={flush} />
                  ) : (
                    <p className="muted">Open a document to share it, or a draft from your Inbox to critique it.</p>
                  )
                }
                inbox={<InboxPanel openShareId={shareView?.share.id ?? null} onOpen={(id) => void openShare(id).catch(report)} />}
                snapshots={
                  <SnapshotsPanel
                    documentId={openDoc?.id ?? null}
                    flush={flush}
                    onRestored={() => openDoc && openDocument(openDoc.id).catch(report)}
                  />
                }
              />
            </Suspense>
          )}
        </aside>
      </div>
      <UndoToast item={undoable} onClose={closeUndo} />
      <InvitePrompt onSignIn={() => askForTab('community')} />
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
      <StatusBar
        save={saveState}
        documentWords={openDoc ? liveWords : null}
        projectWords={baseline.projectWords + delta}
        todayWords={baseline.todayWords + delta}
        sync={sync}
        outbox={outbox}
        onRetry={() => api.sync.retryFailed().then(setOutbox, report)}
        onDiscard={(entityId) => api.sync.discard({ entityId }).then(setOutbox, report)}
      />
    </div>
  );
}

/** The letter key `l`, by what it types or, with Option on a Mac (where Alt+P types "π"), by where it is. */
const letter = (e: KeyboardEvent, l: string) => e.key.toLowerCase() === l || e.code === `Key${l.toUpperCase()}`;

/**
 * Whether to draw the panes beside the text (the binder, the sidebar). When the app opens on a
 * document they come just after it, in a transition (it gives way to keys typed meanwhile), with
 * their code loaded then: the editor is drawn, has the focus and takes keys first.
 */
function useBesideLater(openingOnDocument: boolean): boolean {
  const [shown, setShown] = useState(!openingOnDocument);
  useEffect(() => {
    if (shown) return;
    // After the first frame; a hidden window draws no frames, so a timer too.
    const show = () => startTransition(() => setShown(true));
    const frame = requestAnimationFrame(show);
    const timer = setTimeout(show, 200);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown]);
  return shown;
}

/** Counts as of the start-up answer (today's words follow it); zeros before it. */
function startBaseline(data: StartData | null): Baseline {
  const doc = data?.reopened.document;
  if (!doc) return { docWords: 0, projectWords: 0, todayWords: 0 };
  return { docWords: doc.wordCount, projectWords: data.projects.find((p) => p.id === doc.projectId)?.wordCount ?? 0, todayWords: 0 };
}

/** Whether `id` is nested (at any depth) inside `ancestorId`. */
function isInside(docs: DocumentNode[], id: string, ancestorId: string): boolean {
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (let cursor = byId.get(id)?.parentId ?? null; cursor; cursor = byId.get(cursor)?.parentId ?? null) {
    if (cursor === ancestorId) return true;
  }
  return false;
}
