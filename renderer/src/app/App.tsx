import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, DocumentNode, OpenDocument, OutboxStatus, Project, SaveResult, Settings, ShareView, SyncStatus } from '../../../shared/api/studio-api';
import { DocumentComments, ShareComments } from '../panels/critique/CommentsPanel';
import { InboxPanel } from '../panels/critique/InboxPanel';
import { ShareReader } from '../panels/critique/ShareReader';
import { useDocumentReview } from '../panels/critique/use-document-review';
import { Editor } from '../editor/Editor';
import type { SaveState } from '../editor/plugins/AutosavePlugin';
import { Binder } from '../panels/binder/Binder';
import { Sidebar } from '../panels/sidebar/Sidebar';
import { SnapshotsPanel } from '../panels/snapshots/SnapshotsPanel';
import { ProjectBar } from '../ui/ProjectBar';
import { StatusBar } from '../ui/StatusBar';
import { errorMessage } from './studio-client';
import { useStudio } from './studio-context';

/** Counts as of the last open or save; live counts add the editor's change since. */
interface Baseline {
  docWords: number;
  projectWords: number;
  todayWords: number;
}

export function App() {
  const api = useStudio();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings>({ theme: 'light', focusMode: false, communityUrl: null });
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [docs, setDocs] = useState<DocumentNode[]>([]);
  const [trashed, setTrashed] = useState<DocumentNode[]>([]);
  const [openDoc, setOpenDoc] = useState<OpenDocument | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [renameRequest, setRenameRequest] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ state: 'saved', at: null });
  const [liveWords, setLiveWords] = useState<number | null>(null);
  const [baseline, setBaseline] = useState<Baseline>({ docWords: 0, projectWords: 0, todayWords: 0 });
  const [sync, setSync] = useState<SyncStatus>({ state: 'offline', reason: 'Starting…' });
  const [error, setError] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxStatus>({ pending: 0, failed: [], sending: null });
  const [shareView, setShareView] = useState<ShareView | null>(null);
  const flushRef = useRef<(() => Promise<void>) | null>(null);
  const flush = useCallback(() => flushRef.current?.() ?? Promise.resolve(), []);

  const report = useCallback((e: unknown) => setError(errorMessage(e)), []);

  // Start-up: who we are, settings, projects; the most recent project opens.
  useEffect(() => {
    const off = api.on('sync:status', setSync);
    (async () => {
      setInfo(await api.app.info());
      setSettings(await api.settings.get());
      const list = await api.projects.list();
      setProjects(list);
      setProjectId(list[0]?.id ?? null);
    })().catch(report);
    return off;
  }, [api, report]);

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
      setShareView(await api.shares.open({ shareId, versionId }));
    },
    [api, flush],
  );
  const refreshShare = useCallback(() => {
    if (shareView) api.shares.open({ shareId: shareView.share.id, versionId: shareView.version.id }).then(setShareView, report);
  }, [api, shareView, report]);
  useEffect(() => (shareView ? api.on('critique:changed', refreshShare) : undefined), [api, shareView, refreshShare]);

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
    async (id: string) => {
      await flush();
      const doc = await api.documents.open({ id });
      const [list, today] = await Promise.all([api.projects.list(), api.stats.today({ projectId: doc.projectId })]);
      setProjects(list);
      setBaseline({
        docWords: doc.wordCount,
        projectWords: list.find((p) => p.id === doc.projectId)?.wordCount ?? 0,
        todayWords: today.words,
      });
      setLiveWords(doc.wordCount);
      setOpenDoc(doc);
      setShareView(null);
      setEditorKey((k) => k + 1);
      setSaveState({ state: 'saved', at: doc.updatedAt });
    },
    [api, flush],
  );

  // Switching project: load its tree and open its first document.
  useEffect(() => {
    if (!projectId) return;
    (async () => {
      await flush();
      const tree = await refreshTree(projectId);
      const first = tree.find((d) => d.parentId === null);
      if (first) await openDocument(first.id);
      else {
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
      } else if (mod && e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        createDocument(null);
      } else if (e.key === 'Escape' && settings.focusMode) {
        updateSettings({ focusMode: false });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const delta = liveWords === null ? 0 : liveWords - baseline.docWords;
  const project = projects?.find((p) => p.id === projectId) ?? null;

  return (
    <div className={`app${settings.focusMode ? ' focus-mode' : ''}`}>
      <ProjectBar
        projects={projects}
        current={project}
        settings={settings}
        onSelect={(id) => setProjectId(id)}
        onCreate={async (title) => {
          const created = await api.projects.create({ title });
          setProjects(await api.projects.list());
          setProjectId(created.id);
        }}
        onSettings={updateSettings}
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
      <div className="panes">
        <nav className="pane-binder" aria-label="Binder">
          {project ? (
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
              onTrash={(id) =>
                treeAction(async () => {
                  if (openDoc?.id === id) await flush();
                  await api.documents.trash({ id });
                  if (openDoc?.id === id) setOpenDoc(null);
                })
              }
              onRestore={(id) => treeAction(() => api.documents.restore({ id }))}
            />
          ) : null}
        </nav>
        <main className="pane-editor" aria-label="Editor">
          {shareView ? (
            <ShareReader view={shareView} onVersion={(v) => void openShare(shareView.share.id, v).catch(report)} onClose={() => setShareView(null)} />
          ) : openDoc ? (
            <Editor
              key={`${openDoc.id}:${editorKey}`}
              doc={openDoc}
              flushRef={flushRef}
              onWords={setLiveWords}
              onSaved={onSaved}
              onSaveState={setSaveState}
              onError={setError}
              marks={marks}
            />
          ) : (
            <div className="editor-empty">
              {projects && projects.length === 0 ? (
                <p>Welcome to Margin. Name your first project above to begin.</p>
              ) : project ? (
                <p>
                  Choose a document in the binder, or{' '}
                  <button type="button" onClick={() => createDocument(null)}>
                    create a document
                  </button>
                  .
                </p>
              ) : null}
            </div>
          )}
        </main>
        <aside className="pane-sidebar" aria-label="Sidebar">
          <Sidebar
            sync={sync}
            openShareId={shareView?.share.id ?? null}
            comments={
              shareView ? (
                <ShareComments view={shareView} />
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
        </aside>
      </div>
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
