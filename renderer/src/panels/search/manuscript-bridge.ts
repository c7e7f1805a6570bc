import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * How the search, replace, export and import panels (which live in the sidebar) reach what
 * the app owns: which project and document are open, opening another, saving the editor
 * first and reloading after the core changed a document. The app hands these over once,
 * with `useManuscriptBridge`; panels read them with `useOpenPlace` and the functions below.
 */
interface AppSide {
  projectId: string | null;
  documentId: string | null;
  selectProject(projectId: string): void;
  openDocument(documentId: string): Promise<void>;
  flush(): Promise<void>;
  refreshTree(projectId: string): Promise<unknown>;
}

let app: AppSide | null = null;
let place = { projectId: null as string | null, documentId: null as string | null };
const listeners = new Set<() => void>();
/** A document to open once the project chosen for it has loaded. */
let pendingOpen: string | null = null;
/** A passage to select once its document's editor is up. */
let pendingSelection: { documentId: string; start: number; end: number } | null = null;
export const selectionRequests = new EventTarget();

export function useOpenPlace() {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => place,
  );
}

/** Called by the app on every render (one line in App.tsx). */
export function useManuscriptBridge(side: AppSide): void {
  const latest = useRef(side);
  latest.current = side;
  useEffect(() => {
    app = {
      get projectId() {
        return latest.current.projectId;
      },
      get documentId() {
        return latest.current.documentId;
      },
      selectProject: (id) => latest.current.selectProject(id),
      openDocument: (id) => latest.current.openDocument(id),
      flush: () => latest.current.flush(),
      refreshTree: (id) => latest.current.refreshTree(id),
    };
    return () => {
      app = null;
    };
  }, []);
  useEffect(() => {
    place = { projectId: side.projectId, documentId: side.documentId };
    listeners.forEach((l) => l());
    // The project chosen for a search hit has opened its own first document: now open the hit's.
    if (pendingOpen && side.documentId && side.documentId !== pendingOpen) {
      const target = pendingOpen;
      pendingOpen = null;
      void latest.current.openDocument(target);
    } else if (pendingOpen === side.documentId) pendingOpen = null;
  }, [side.projectId, side.documentId]);
}

/** Opens a document (switching project if need be) and selects [start, end) of its plain text. */
export async function jumpTo(hit: { projectId: string; documentId: string; start: number; end: number }): Promise<void> {
  if (!app) return;
  pendingSelection = { documentId: hit.documentId, start: hit.start, end: hit.end };
  if (app.documentId === hit.documentId) {
    selectionRequests.dispatchEvent(new Event('select'));
  } else if (app.projectId === hit.projectId) {
    await app.openDocument(hit.documentId);
  } else {
    pendingOpen = hit.documentId;
    app.selectProject(hit.projectId);
  }
}

/** The selection waiting for `documentId`'s editor (it stays until `selectionShown`). */
export function pendingSelectionFor(documentId: string): { start: number; end: number } | null {
  if (pendingSelection?.documentId !== documentId) return null;
  return { start: pendingSelection.start, end: pendingSelection.end };
}
export function selectionShown(): void {
  pendingSelection = null;
}

/** Saves what the editor holds, so a replace or export works on the latest text. */
export const flushEditor = () => app?.flush() ?? Promise.resolve();

/** After the core changed documents (replace, undo, import): the binder and the open document show it. */
export async function reloadAfterChange(changedIds: string[] = []): Promise<void> {
  if (!app) return;
  if (app.projectId) await app.refreshTree(app.projectId);
  if (app.documentId && (changedIds.length === 0 || changedIds.includes(app.documentId))) await app.openDocument(app.documentId);
}
