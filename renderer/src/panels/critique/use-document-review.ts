import { useEffect, useMemo } from 'react';
import type { DocumentReview } from '../../../../shared/api/studio-api';
import { useStore, useStores } from '../../app/stores';
import type { MarkWish } from './CommentMarksPlugin';

/**
 * The author's review of the open document, kept by the critique store for both its users (the
 * sidebar and the editor's comment marks) and reloaded only when a change names one of its
 * shares. Finding every comment in a novel is not free: it is done once per change, not per panel.
 */
export function useDocumentReview(documentId: string | null): { review: DocumentReview | null; marks: MarkWish[] } {
  const { critique } = useStores();
  useEffect(() => critique.watchDocument(documentId), [critique, documentId]);
  const review = useStore(critique, (s) => s.review(documentId));
  const marks = useMemo(
    () => (review?.threads ?? []).filter((t) => t.root.anchor).map((t) => ({ id: t.root.id, anchor: t.root.anchor!, show: !t.root.resolved })),
    [review],
  );
  return { review, marks };
}
