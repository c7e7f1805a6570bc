import { useEffect, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/api/studio-api';
import { CommunityPanel } from '../community/CommunityPanel';
import { SprintPanel } from '../sprint/SprintPanel';

type Tab = 'comments' | 'inbox' | 'sprint' | 'community' | 'snapshots';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'comments', label: 'Comments' },
  { id: 'inbox', label: 'Inbox' },
  { id: 'sprint', label: 'Sprint' },
  { id: 'community', label: 'Community' },
  { id: 'snapshots', label: 'Snapshots' },
];

/** The margin of the page: comments on what is open, the critique inbox, sprints, community, snapshots. */
export function Sidebar({ sync, snapshots, comments, inbox, openShareId }: { sync: SyncStatus; snapshots: ReactNode; comments: ReactNode; inbox: ReactNode; openShareId: string | null }) {
  const [tab, setTab] = useState<Tab>('comments');
  // Opening a shared draft (from the Inbox) brings up its comments and the critique form.
  useEffect(() => {
    if (openShareId) setTab('comments');
  }, [openShareId]);
  const select = (index: number) => setTab(TABS[(index + TABS.length) % TABS.length]!.id);
  return (
    <div className="sidebar">
      <div role="tablist" aria-label="Sidebar" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') select(i + 1);
              if (e.key === 'ArrowLeft') select(i - 1);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'snapshots' ? (
          snapshots
        ) : tab === 'community' ? (
          <CommunityPanel sync={sync} />
        ) : tab === 'sprint' ? (
          <SprintPanel sync={sync} />
        ) : tab === 'inbox' ? (
          inbox
        ) : (
          comments
        )}
      </div>
    </div>
  );
}
