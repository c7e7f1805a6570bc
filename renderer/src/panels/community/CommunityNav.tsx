import { useEffect } from 'react';
import { useRovingTabs } from '../../ui/roving-tabs';
import { SECTIONS, type SectionId } from './community-sections';
import type { SectionBadge } from './section-badges';

export const tabId = (id: SectionId) => `community-tab-${id}`;
export const panelId = (id: SectionId) => `community-panel-${id}`;

/**
 * The Community tab's sections as tabs (WAI-ARIA tabs, automatic activation): Tab reaches the
 * open one, the arrow keys (either direction, the list wraps onto rows), Home and End move
 * between them, and the section shown follows.
 */
export function CommunityNav({ current, badges, onSelect }: { current: SectionId; badges: Partial<Record<SectionId, SectionBadge>>; onSelect: (id: SectionId) => void }) {
  const { list, onKeyDown } = useRovingTabs(
    SECTIONS.map((s) => s.id),
    tabId,
    onSelect,
    { rows: true },
  );
  // The sub-navigation stays at the top while a section scrolls under it: whatever comes into
  // view (a control reached by Shift+Tab, a thread opened from a notification) stops below it.
  useEffect(() => {
    const nav = list.current;
    const scroller = nav?.closest<HTMLElement>('.tabpanel');
    if (!nav || !scroller) return;
    const observer = new ResizeObserver(() => scroller.style.setProperty('scroll-padding-top', `${nav.offsetHeight}px`));
    observer.observe(nav);
    return () => {
      observer.disconnect();
      scroller.style.removeProperty('scroll-padding-top');
    };
  }, [list]);
  return (
    <div role="tablist" aria-label="Community sections" className="community-nav" ref={list}>
      {SECTIONS.map((s, i) => {
        const badge = badges[s.id];
        const selected = s.id === current;
        return (
          <button
            key={s.id}
            id={tabId(s.id)}
            role="tab"
            type="button"
            aria-selected={selected}
            // Only the open section's panel exists to point at.
            aria-controls={selected ? panelId(s.id) : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(s.id)}
            onKeyDown={onKeyDown(i)}
          >
            {s.label}
            {badge && (
              <span className="section-badge">
                <span aria-hidden="true">{badge.count > 99 ? '99+' : badge.count}</span>
                <span className="visually-hidden">
                  , {badge.count} {badge.what}
                </span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
