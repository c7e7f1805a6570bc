import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Thread } from '../../../../shared/api/studio-api';
import { useStore, useStores } from '../../app/stores';
import { stackCards, type Placed } from './margin-layout';
import { ThreadCard, type ThreadCardProps } from './ThreadCard';
import './critique.css';

/** The page keeps 560 px and the column takes 16rem and its gap: narrower than this, threads stay in the sidebar. */
const MIN_WIDTH = 560 + 288;

/** A comment's highlighted passage in the text (marks carry their comments' ids). */
export const markOf = (text: ParentNode, id: string) => text.querySelector<HTMLElement>(`mark[data-ids~="${CSS.escape(id)}"]`);

/** The thread's card, wherever it is shown (the margin, or the sidebar on a narrow window). */
export function focusThreadCard(id: string) {
  const card = () => document.querySelector<HTMLElement>(`[data-thread="${CSS.escape(id)}"]`);
  // The writer clicking or typing in the meantime wins: the focus is not taken from where they put
  // it (a click into the text right after Ctrl+Alt+. sent the next keys to the card on a busy machine).
  let interrupted = false;
  const stop = () => void (interrupted = true);
  const listen = (on: boolean) => {
    for (const type of ['pointerdown', 'keydown'] as const) {
      if (on) window.addEventListener(type, stop, true);
      else window.removeEventListener(type, stop, true);
    }
  };
  listen(true);
  requestAnimationFrame(() => {
    if (interrupted) return listen(false);
    card()?.focus({ preventScroll: true });
    card()?.scrollIntoView({ block: 'nearest' });
    // An editor update already on its way (the active passage's mark) puts Lexical's selection
    // back, and with it the focus: once it has landed, the thread takes the focus again.
    setTimeout(() => {
      listen(false);
      const active = document.activeElement as HTMLElement | null;
      if (!interrupted && active?.isContentEditable) card()?.focus({ preventScroll: true });
    }, 50);
  });
}

type Props = Omit<ThreadCardProps, 'thread' | 'active' | 'onSelect' | 'cardRef' | 'style' | 'detached'> & {
  /** The page (`.page`) the column floats beside, and the text inside it whose marks it follows. */
  page: HTMLElement | null;
  text: HTMLElement | null;
  threads: Thread[];
  /** Read-only text (a shared draft): clicking a passage moves the focus to its thread. */
  readOnly?: boolean;
  /** Keep the column even without threads (the reader's comment box opens in it). */
  reserve?: boolean;
};

/**
 * Comment threads in the page's margin, each beside its passage, as in a paper's margin:
 * stacked without overlapping, and the active one (its passage clicked, or reached with
 * Ctrl+Alt+. / Ctrl+Alt+,) placed right beside its passage with the others moved out of
 * its way. When the window is too narrow for a column the threads stay in the sidebar, and
 * clicking a passage or the shortcuts go to them there.
 */
export function MarginThreads({ page, text, threads, readOnly = false, reserve = false, ...cardProps }: Props) {
  const { critique } = useStores();
  const active = useStore(critique, (s) => s.activeThread());
  const [wide, setWide] = useState(false);
  const [placed, setPlaced] = useState<Placed[]>([]);
  /** Narrow: the active thread opens just under its passage instead (its top, from the page's top). */
  const [under, setUnder] = useState<number | null>(null);
  const cards = useRef(new Map<string, HTMLLIElement>());
  const anchored = threads.filter((t) => t.root.anchor);
  const shown = wide && (anchored.length > 0 || reserve);

  // Wide enough for a column? The scroller's width decides, as the window and panes change.
  useEffect(() => {
    const scroller = page?.parentElement;
    if (!scroller) return;
    const observer = new ResizeObserver(() => setWide(scroller.clientWidth >= MIN_WIDTH));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [page]);
  useEffect(() => {
    critique.setMarginShown(shown);
    const scroller = page?.parentElement;
    scroller?.classList.toggle('with-margin', shown);
    return () => {
      critique.setMarginShown(false);
      scroller?.classList.remove('with-margin');
    };
  }, [critique, page, shown]);

  // Where each card goes: beside its passage, measured from the live text.
  const ids = anchored.map((t) => t.root.id).join(' ');
  const layout = useCallback(() => {
    if (!page || !text) return;
    const base = page.getBoundingClientRect().top;
    if (!shown) {
      const marks = active && ids.split(' ').includes(active) ? text.querySelectorAll(`mark[data-ids~="${CSS.escape(active)}"]`) : [];
      const bottom = marks.length > 0 ? marks[marks.length - 1]!.getBoundingClientRect().bottom - base + 6 : null;
      setUnder((prev) => (prev === bottom ? prev : bottom));
      return;
    }
    const wanted = ids.split(' ').filter(Boolean).map((id) => {
      const mark = markOf(text, id);
      return { id, top: mark ? mark.getBoundingClientRect().top - base : null, height: cards.current.get(id)?.offsetHeight ?? 80 };
    });
    const next = stackCards(wanted, active);
    setPlaced((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, [page, text, shown, ids, active]);
  useLayoutEffect(layout);
  useEffect(() => {
    if (!text) return;
    let frame = 0;
    const soon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(layout);
    };
    // The text is edited, drawn in slices, reflowed by a resize; a card grows with a reply form.
    const mutations = new MutationObserver(soon);
    mutations.observe(text, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-ids'] });
    const sizes = new ResizeObserver(soon);
    sizes.observe(text);
    for (const card of cards.current.values()) sizes.observe(card);
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      sizes.disconnect();
    };
  }, [text, layout, placed.length]);

  // A click on a highlighted passage opens its thread.
  useEffect(() => {
    if (!text) return;
    const onClick = (event: MouseEvent) => {
      // A drag that selected text (to comment on it) is not a click on a passage.
      if (document.getSelection()?.isCollapsed === false) return;
      const mark = (event.target as Element).closest?.('mark[data-ids]') as HTMLElement | null;
      const id = mark?.dataset.ids?.split(' ').find((i) => anchored.some((t) => t.root.id === i));
      // A click elsewhere in the text closes a thread opened under its passage.
      if (!id) return void (!shown && active && critique.focusThread(null, false));
      critique.focusThread(id, false);
      // Reading: the focus goes to the thread. Writing: the caret stays where it was put.
      if (readOnly || !shown) focusThreadCard(id);
    };
    text.addEventListener('click', onClick);
    return () => text.removeEventListener('click', onClick);
  });

  // Next and previous comment, in the order of the text.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.altKey || (e.code !== 'Period' && e.code !== 'Comma')) return;
      const order = threads.filter((t) => t.root.anchor && t.match).map((t) => t.root.id);
      if (order.length === 0) return;
      e.preventDefault();
      const current = critique.activeThread(); // the store's, not this render's: a click may have just changed it
      const at = current ? order.indexOf(current) : -1;
      const step = e.code === 'Period' ? 1 : -1;
      const next = order[at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length]!;
      critique.focusThread(next);
      focusThreadCard(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!page) return null;
  if (!shown) {
    const thread = anchored.find((t) => t.root.id === active);
    if (!thread || under === null) return null;
    return createPortal(
      <ol className="margin-popover" aria-label="Comment on this passage" style={{ top: under }} onKeyDown={(e) => e.key === 'Escape' && critique.focusThread(null, false)}>
        <ThreadCard {...cardProps} thread={thread} active onSelect={(id) => critique.focusThread(id)} />
      </ol>,
      page,
    );
  }
  const topOf = new Map(placed.map((p) => [p.id, p.top]));
  return createPortal(
    <ol className="margin-threads" aria-label="Comments in the margin">
      {anchored.map((thread) => (
        <ThreadCard
          key={thread.root.id}
          {...cardProps}
          thread={thread}
          active={active === thread.root.id}
          onSelect={(id) => critique.focusThread(id)}
          cardRef={(el) => {
            if (el) cards.current.set(thread.root.id, el);
            else cards.current.delete(thread.root.id);
          }}
          style={{ transform: `translateY(${topOf.get(thread.root.id) ?? 0}px)`, visibility: topOf.has(thread.root.id) ? 'visible' : 'hidden' }}
        />
      ))}
    </ol>,
    page,
  );
}
