import { useEffect, useState } from 'react';

/** Widths in CSS pixels, matching --binder-width (15rem), --sidebar-width (22rem) and the page's minimum. */
const BINDER = 240;
const SIDEBAR = 352;
export const MIN_TEXT_COLUMN = 560;

/**
 * Which side panes are shown. Both when the window leaves the text column at least 560 px;
 * otherwise only the one the writer opened last, so the page never gets cramped.
 */
export function usePaneLayout(binderOpen: boolean, sidebarOpen: boolean, lastOpened: 'binder' | 'sidebar') {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const fitsBoth = width - BINDER - SIDEBAR >= MIN_TEXT_COLUMN;
  if (!binderOpen || !sidebarOpen || fitsBoth) return { binder: binderOpen, sidebar: sidebarOpen };
  return { binder: lastOpened === 'binder', sidebar: lastOpened === 'sidebar' };
}
