import { useEffect } from 'react';
import type { StudioNotification } from '../../../../shared/api/notifications';
import { useStore, useStores } from '../../app/stores';
import { TimeAgo } from '../critique/TimeAgo';
import { NotificationSettingsForm } from './NotificationSettingsForm';

export type OpenNotification = (notification: StudioNotification) => void;

/** What happened in the writer's community, newest first; opening one marks it read and shows what it is about. */
export function NotificationCentre({ onOpen }: { onOpen: OpenNotification }) {
  const { notifications } = useStores();
  useEffect(() => notifications.watch(), [notifications]);
  const list = useStore(notifications, (s) => s.list());
  const unread = useStore(notifications, (s) => s.summary().unread);
  const settings = useStore(notifications, (s) => s.settings());

  const open = (n: StudioNotification) => {
    void notifications.markRead(n.read ? [] : [n.id]).catch(() => undefined);
    onOpen(n);
  };
  return (
    <div className="popover notification-centre" role="dialog" aria-label="Notifications">
      <div className="notification-head">
        <h2>Notifications</h2>
        <button type="button" className="link-button" disabled={unread === 0} onClick={() => void notifications.markAllRead().catch(() => undefined)}>
          Mark all read
        </button>
      </div>
      {list === null ? (
        <p className="muted">Loading…</p>
      ) : list.length === 0 ? (
        <p className="muted">Nothing yet. Comments, critiques, kudos, mentions, new followers and what happens in your circles arrive here.</p>
      ) : (
        <ul className="notification-list" aria-label="Notification list">
          {list.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'}>
              <button type="button" onClick={() => open(n)}>
                {!n.read && <span className="visually-hidden">Unread: </span>}
                <span className="notification-title">{n.title}</span>
                {n.body && <span className="notification-body">{n.body}</span>}
                <TimeAgo iso={n.createdAt} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="notification-settings">
        <summary>Notification settings</summary>
        {settings ? <NotificationSettingsForm settings={settings} /> : <p className="muted">Loading…</p>}
      </details>
    </div>
  );
}
