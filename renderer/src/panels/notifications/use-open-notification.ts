import { useCallback } from 'react';
import type { StudioNotification } from '../../../../shared/api/notifications';
import { useStores } from '../../app/stores';
import { focusThreadCard } from '../critique/MarginThreads';
import { sectionOfKind } from '../community/community-sections';
import { askForTab } from '../sidebar/sidebar-request';

/**
 * What opening a notification shows: a comment or reply on the document being written is
 * focused where it is; anything else about a draft opens that draft with the thread in view;
 * the rest brings up its sidebar tab (Community, Sprint).
 */
export function useOpenNotification(openShare: (shareId: string) => Promise<void>) {
  const { critique } = useStores();
  return useCallback(
    (n: StudioNotification) => {
      const here = critique.watchedReview()?.shares.some((s) => s.id === n.shareId) && !critique.view();
      const showTab = () => askForTab(n.tab, sectionOfKind(n.kind));
      const focus = () => {
        if (!n.commentId) return showTab();
        critique.focusThread(n.commentId);
        focusThreadCard(n.commentId);
      };
      if (!n.shareId || here) return focus();
      openShare(n.shareId).then(focus, showTab);
    },
    [critique, openShare],
  );
}
