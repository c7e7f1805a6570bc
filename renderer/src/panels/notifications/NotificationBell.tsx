import { useEffect, useRef, useState } from 'react';
import { useStore, useStores } from '../../app/stores';
import { NotificationCentre, type OpenNotification } from './NotificationCentre';
import './notifications.css';

/**
 * The bell in the project bar: the unread count on it, the centre under it. Escape or a click
 * elsewhere closes the centre and gives the focus back to the bell.
 */
export function NotificationBell({ onOpen }: { onOpen: OpenNotification }) {
  const { notifications } = useStores();
  const unread = useStore(notifications, (s) => s.summary().unread);
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      bell.current?.focus();
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  const count = unread > 99 ? '99+' : String(unread);
  return (
    <div className="notification-anchor" ref={anchor}>
      <button
        ref={bell}
        type="button"
        className="icon-button notification-bell"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications"
        onClick={() => setOpen((v) => !v)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 9a6 6 0 1 1 12 0c0 5 2 6.5 2 6.5H4S6 14 6 9" />
          <path d="M10 19a2 2 0 0 0 4 0" />
        </svg>
        {unread > 0 && (
          <span className="notification-count" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      {open && (
        <NotificationCentre
          onOpen={(n) => {
            setOpen(false);
            onOpen(n);
          }}
        />
      )}
    </div>
  );
}
