import { lazy, Suspense, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { FileOutput, History, Inbox, MessageSquareText, Search, Timer, TrendingUp, UsersRound, type LucideIcon } from 'lucide-react';
import type { SyncStatus } from '../../../../shared/api/studio-api';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { useRovingTabs } from '../../ui/roving-tabs';
import { useStore, useStores } from '../../app/stores';
import { TabBadge } from '../notifications/TabBadge';
import { useAskedTab, type SidebarTab } from './sidebar-request';
// Search comes with the sidebar (6 KB), not by its own code: Ctrl+Shift+S then puts the caret in
// its box at once, and the next keys a writer types land there, not in their manuscript.
import { openSearch, SearchPanel } from '../search/SearchPanel';

// The tabs not shown at start load with their own code (fetched once the page is idle), so the
// studio's first script stays small and a long document opens sooner.
const panels = {
  community: () => import('../community/CommunityPanel'),
  sprint: () => import('../sprint/SprintPanel'),
  backup: () => import('../backup/BackupPanel'),
  progress: () => import('../goals/ProgressPanel'),
  manuscript: () => import('../export/ManuscriptPanel'),
};
const CommunityPanel = lazy(() => panels.community().then((m) => ({ default: m.CommunityPanel })));
const SprintPanel = lazy(() => panels.sprint().then((m) => ({ default: m.SprintPanel })));
const BackupPanel = lazy(() => panels.backup().then((m) => ({ default: m.BackupPanel })));
const ProgressPanel = lazy(() => panels.progress().then((m) => ({ default: m.ProgressPanel })));
const ManuscriptPanel = lazy(() => panels.manuscript().then((m) => ({ default: m.ManuscriptPanel })));

type Tab = SidebarTab;
// Eight words do not fit on one line in a 22rem sidebar: each tab is an icon, with its name
// shown beside the icon of the open tab, as a tooltip on the others, and always to screen readers.
const TABS: Array<{ id: Tab; label: string; Icon: LucideIcon }> = [
  { id: 'comments', label: 'Comments', Icon: MessageSquareText },
  { id: 'inbox', label: 'Inbox', Icon: Inbox },
  { id: 'sprint', label: 'Sprint', Icon: Timer },
  { id: 'community', label: 'Community', Icon: UsersRound },
  { id: 'snapshots', label: 'Snapshots', Icon: History },
  { id: 'progress', label: 'Progress', Icon: TrendingUp },
  { id: 'search', label: 'Search', Icon: Search },
  { id: 'manuscript', label: 'Export', Icon: FileOutput },
];

/** The margin of the page: comments on what is open, the critique inbox, sprints, community, snapshots. */
export function Sidebar({ sync, snapshots, comments, inbox, openShareId }: { sync: SyncStatus; snapshots: ReactNode; comments: ReactNode; inbox: ReactNode; openShareId: string | null }) {
  const [tab, setTab] = useState<Tab>('comments');
  // Opening a shared draft (from the Inbox) brings up its comments and the critique form.
  useEffect(() => {
    if (openShareId) setTab('comments');
  }, [openShareId]);
  // A thread clicked in the text, or a notification opened, brings up its tab.
  const { critique, notifications } = useStores();
  const activeThread = useStore(critique, (s) => s.activeThread());
  useEffect(() => {
    // Only when the threads are listed here: beside the text, the sidebar stays where it was.
    if (activeThread && !critique.marginShown()) setTab('comments');
  }, [activeThread, critique]);
  // A tab asked for (an opened notification; Ctrl+Shift+S, heard by the app even before this is drawn).
  const asked = useAskedTab();
  // Before the browser takes the next key: the asked tab (and Search's box) is ready for it.
  useLayoutEffect(() => {
    if (!asked) return;
    setTab(asked.tab);
    if (asked.tab === 'search') openSearch();
  }, [asked]);
  useEffect(() => {
    const idle = requestIdleCallback(() => Object.values(panels).forEach((load) => void load().catch(() => undefined)), { timeout: 3000 });
    return () => cancelIdleCallback(idle);
  }, []);
  // Opening a tab, by click or by key, marks what its badge counted as seen.
  const open = (id: Tab) => {
    setTab(id);
    notifications.seeTab(id);
  };
  const { list: tablist, onKeyDown } = useRovingTabs(
    TABS.map((t) => t.id),
    (id) => `tab-${id}`,
    open,
  );
  return (
    <div className="sidebar">
      <div role="tablist" aria-label="Sidebar" className="tabs" ref={tablist}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            // Only the open tab's panel exists to point at.
            aria-controls={tab === t.id ? `panel-${t.id}` : undefined}
            tabIndex={tab === t.id ? 0 : -1}
            title={tab === t.id ? undefined : t.label}
            // A click on Search puts the caret in its box; arrowing past it leaves the focus on the tab.
            onClick={() => {
              open(t.id);
              if (t.id === 'search') openSearch();
            }}
            onKeyDown={onKeyDown(i)}
          >
            <t.Icon aria-hidden="true" focusable="false" />
            <span className={tab === t.id ? 'tab-label' : 'tab-label visually-hidden'}>{t.label}</span>
            <TabBadge tab={t.id} />
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        <ErrorBoundary what={`The ${TABS.find((t) => t.id === tab)!.label} panel`} resetKey={tab}>
          <Suspense key={tab} fallback={<p className="muted">Loading…</p>}>
            {tab === 'search' ? (
              <SearchPanel />
            ) : tab === 'manuscript' ? (
              <ManuscriptPanel />
            ) : tab === 'progress' ? (
              <ProgressPanel />
            ) : tab === 'snapshots' ? (
              <>
                {snapshots}
                <BackupPanel />
              </>
            ) : tab === 'community' ? (
              <CommunityPanel sync={sync} />
            ) : tab === 'sprint' ? (
              <SprintPanel sync={sync} />
            ) : tab === 'inbox' ? (
              inbox
            ) : (
              comments
            )}
          </Suspense>
        </ErrorBoundary>
      </div>
    </div>
  );
}
