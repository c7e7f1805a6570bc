import type { DocumentReview, LocalShare, ShareView, StudioApi } from '../../../../shared/api/studio-api';
import { focusComment } from './comment-focus';

type Listener = () => void;

/**
 * Critique's one store in the renderer (as the Lexical playground keeps its comments): it holds
 * the share list, the open document's review and the open shared draft, subscribes once to the
 * core's `critique:changed`, and reloads only what the change names. Components read it with
 * `useSyncExternalStore` and never fetch on their own.
 */
export function createCritiqueStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let shares: LocalShare[] | null = null;
  let review: { documentId: string; value: DocumentReview | null } | null = null;
  let view: ShareView | null = null;
  /** The thread the writer is on (clicked, or reached with next/previous), and whether threads float in the page's margin. */
  let active: string | null = null;
  let margin = false;
  /** Bumped on every change, so a load that finishes after a newer one started is dropped. */
  let generation = 0;

  const notify = () => listeners.forEach((listener) => listener());
  const loadShares = async () => {
    const g = generation;
    const next = await api.shares.list();
    if (g <= generation) {
      shares = next;
      notify();
    }
  };
  const loadReview = async (documentId: string) => {
    const next = await api.comments.forDocument({ documentId });
    if (review?.documentId !== documentId) return; // another document opened meanwhile
    review = { documentId, value: next };
    notify();
  };
  const loadView = async (shareId: string, versionId?: string) => {
    const next = await api.shares.open({ shareId, versionId });
    if (view && view.share.id !== shareId) return;
    view = next;
    notify();
  };

  const store = {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    shares: () => shares,
    review: (documentId: string | null) => (review && review.documentId === documentId ? review.value : null),
    view: () => view,
    /** The review of the document being watched (the open one), once loaded. */
    watchedReview: () => review?.value ?? null,
    activeThread: () => active,
    /** Shown beside their passages (a wide enough page), else in the sidebar's Comments tab. */
    marginShown: () => margin,
    /** Makes a thread the active one and brings its passage into view (null: none). */
    focusThread(id: string | null, scroll = true) {
      active = id;
      notify();
      if (id && scroll) focusComment(id);
    },
    setMarginShown(shown: boolean) {
      if (margin === shown) return;
      margin = shown;
      notify();
    },
    /** The document whose review is kept (the open one); null: none. */
    watchDocument(documentId: string | null) {
      if (review?.documentId === documentId) return;
      review = documentId ? { documentId, value: null } : null;
      notify();
      if (documentId) void loadReview(documentId).catch(() => undefined);
    },
    async openShare(shareId: string, versionId?: string) {
      view = await api.shares.open({ shareId, versionId });
      notify();
    },
    closeShare() {
      if (!view) return;
      view = null;
      notify();
    },
    refreshShares: () => loadShares().catch(() => undefined),
    /**
     * What the core says changed: the share list always (its counts), the open document's review
     * only if a share of that document is named, the open draft only if it is named.
     */
    changed(shareIds: string[]) {
      generation += 1;
      const before = review?.value?.shares.map((s) => s.id) ?? [];
      void loadShares()
        .then(() => {
          if (!review) return;
          const documentId = review.documentId;
          const ofDocument = (id: string) => before.includes(id) || !!shares?.some((s) => s.id === id && s.documentIds.includes(documentId));
          if (!review.value || shareIds.some(ofDocument)) return loadReview(documentId);
        })
        .catch(() => undefined);
      if (view && shareIds.includes(view.share.id)) void loadView(view.share.id, view.version.id).catch(() => undefined);
    },
  };
  api.on('critique:changed', (change) => {
    if (change) store.changed(change.shareIds);
  });
  void loadShares().catch(() => undefined);
  return store;
}
export type CritiqueStore = ReturnType<typeof createCritiqueStore>;
