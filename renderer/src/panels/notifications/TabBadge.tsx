import type { NotificationTab } from '../../../../shared/api/notifications';
import { useStore, useStores } from '../../app/stores';
import './notifications.css';

const TABS: readonly string[] = ['comments', 'inbox', 'community', 'sprint'] satisfies NotificationTab[];

/** The unread notifications about what a sidebar tab shows, as a count beside its name. */
export function TabBadge({ tab }: { tab: string }) {
  const { notifications } = useStores();
  const count = useStore(notifications, (s) => (TABS.includes(tab) ? s.summary().byTab[tab as NotificationTab] : 0));
  if (count === 0) return null;
  return (
    <span className="tab-badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">, {count} unread</span>
    </span>
  );
}
