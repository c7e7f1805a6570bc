import { useEffect, useMemo, useState } from 'react';
import type { DocumentReview } from '../../../../shared/api/studio-api';
import { useStudio } from '../../app/studio-context';
import type { MarkWish } from './CommentMarksPlugin';

/**
 * The author's review of the open document, loaded once for both its users (the sidebar and
 * the editor's comment marks) and again whenever shares, comments or critiques change. Finding
 * every comment in a novel is not free: it is done once per change, not once per panel.
 */
export function useDocumentReview(documentId: string | null): { review: DocumentReview | null; marks: MarkWish[] } {
  const api = useStudio();
  const [review, setReview] = useState<DocumentReview | null>(null);
  useEffect(() => {
    setReview(null);
    if (!documentId) return;
    let current = true;
    const load = () => api.comments.forDocument({ documentId }).then((next) => current && setReview(next), () => undefined);
    void load();
    const off = api.on('critique:changed', () => void load());
    return () => {
      current = false;
      off();
    };
  }, [api, documentId]);
  const marks = useMemo(
    () => (review?.threads ?? []).filter((t) => t.root.anchor).map((t) => ({ id: t.root.id, anchor: t.root.anchor!, show: !t.root.resolved })),
    [review],
  );
  return { review, marks };
}
