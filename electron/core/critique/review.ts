import type { ReviewComment, Thread } from '../../../shared/api/studio-api';
import { mapPlainText, type SerializedState } from '../../../shared/schemas/lexical';
import { findAnchor } from '../../../shared/text/anchor';

/** A text an inline comment may be found in: a document of the author's, or a shared version. */
export interface AnchorTarget {
  id: string;
  text: string;
  /** Comment marks in it, by comment id. */
  marks: Map<string, { start: number; end: number }>;
}

export function anchorTarget(id: string, state: SerializedState): AnchorTarget {
  const { text, marks } = mapPlainText(state);
  return { id, text, marks };
}

/**
 * Groups comments into threads and finds each thread's passage among the targets: its own
 * mark first (it followed the author's edits), then the anchor, exact before approximate.
 * Threads found are in text order; the rest are detached, with their quote, never dropped.
 */
export function buildThreads(
  comments: ReviewComment[],
  versionNumber: (versionId: string) => number,
  targets: AnchorTarget[],
): { threads: (Thread & { targetId: string | null })[]; detached: Thread[] } {
  const replies = new Map<string, ReviewComment[]>();
  for (const c of comments) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  const found: (Thread & { targetId: string | null })[] = [];
  const detached: Thread[] = [];
  for (const root of comments) {
    if (root.parentId) continue;
    const thread: Thread = { root, replies: replies.get(root.id) ?? [], versionNumber: versionNumber(root.versionId), match: null };
    if (!root.anchor) {
      found.push({ ...thread, targetId: null });
      continue;
    }
    let best: { targetId: string; match: NonNullable<Thread['match']> } | null = null;
    for (const target of targets) {
      const mark = target.marks.get(root.id);
      if (mark) {
        best = { targetId: target.id, match: { ...mark, how: 'marked' } };
        break;
      }
    }
    for (const target of best ? [] : targets) {
      const match = findAnchor(target.text, root.anchor);
      if (match && (!best || (best.match.how === 'approximate' && match.how === 'exact'))) best = { targetId: target.id, match };
      if (best?.match.how === 'exact') break;
    }
    if (best) found.push({ ...thread, match: best.match, targetId: best.targetId });
    else detached.push(thread);
  }
  // General comments (no anchor) go last; the rest in the order their passages come.
  found.sort((a, b) => (a.match?.start ?? Infinity) - (b.match?.start ?? Infinity));
  return { threads: found, detached };
}
