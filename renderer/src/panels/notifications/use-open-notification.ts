import { useCallback } from 'react';
import type { StudioNotification } from '../../../../shared/api/notifications';
import { useStores } from '../../app/stores';
import { focusThreadCard } from '../critique/MarginThreads';

/**
 * What opening a notification shows: a comment or reply on the document being written is
 * focused where it is; anything else about a draft opens that draft with the thread in view;
 * the rest brings up its sidebar tab (Community, Sprint).
 */
export function useOpenNotification(openShare: (shareId: string) => Promise<void>) {
  const { critique, notifications } = useStores();
  return useCallback(
    (n: StudioNotification) => {
      const here = critique.watchedReview()?.shares.some((s) => s.id === n.shareId) && !critique.view();
      const focus = () => {
        if (!n.commentId) return notifications.showTab(n.tab, n.kind);
        critique.focusThread(n.commentId);
        focusThreadCard(n.commentId);
      };
      if (!n.shareId || here) return focus();
      openShare(n.shareId).then(focus, () => notifications.showTab(n.tab, n.kind));
    },
    [critique, notifications, openShare],
  );
}
