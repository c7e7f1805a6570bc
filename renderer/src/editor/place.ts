import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, type ElementNode, type TextNode } from 'lexical';
import type { DocumentPlace } from '../../../shared/api/projects';

/** The caret as (top-level block index, characters before it in that block); null without a caret. */
export function $caretPlace(): Omit<DocumentPlace, 'scroll'> | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const top = anchor.getTopLevelElement();
  if (!top) return { block: 0, offset: 0 };
  let offset = 0;
  if ($isTextNode(anchor)) {
    for (const text of top.getAllTextNodes()) {
      if (text.is(anchor)) break;
      offset += text.getTextContentSize();
    }
    offset += selection.anchor.offset;
  }
  return { block: top.getIndexWithinParent(), offset };
}

/** Puts the caret back at a place (clamped to what the document now holds). */
export function $selectPlace(place: Omit<DocumentPlace, 'scroll'>): void {
  const root = $getRoot();
  const count = root.getChildrenSize();
  if (count === 0) return;
  const block = root.getChildAtIndex(Math.min(place.block, count - 1));
  if (!block || !$isElementNode(block)) return void block?.selectEnd();
  let left = place.offset;
  let last: TextNode | null = null;
  for (const text of block.getAllTextNodes()) {
    const size = text.getTextContentSize();
    if (left <= size) return void text.select(left, left);
    left -= size;
    last = text;
  }
  if (last) last.select(last.getTextContentSize(), last.getTextContentSize());
  else (block as ElementNode).selectStart();
}
