import { $unwrapMarkNode, $wrapSelectionInMarkNode, $isMarkNode, MarkNode } from '@lexical/mark';
import { $createRangeSelection, $getRoot, $isElementNode, $isTextNode, type ElementNode, type LexicalEditor, type LexicalNode, type PointType } from 'lexical';
import { mapPlainText, type SerializedState, type TextSegment } from '../../../../shared/schemas/lexical';

/**
 * Offsets in a document's plain text ↔ points in the live Lexical tree. Both sides walk the
 * same serialized tree with the same function (`mapPlainText`), so an offset the core found
 * names the same character here.
 */
export function plainTextMap(editor: LexicalEditor) {
  return mapPlainText(editor.getEditorState().toJSON() as unknown as SerializedState);
}

function $nodeAt(path: number[]): LexicalNode | null {
  let node: LexicalNode | null = $getRoot();
  for (const index of path) node = node && $isElementNode(node) ? (node as ElementNode).getChildAtIndex(index) : null;
  return node;
}

function pathOf(node: LexicalNode): number[] {
  const path: number[] = [];
  for (let n: LexicalNode | null = node; n && n.getParent(); n = n.getParent()) path.unshift(n.getIndexWithinParent());
  return path;
}

/** The plain-text offset of a selection point (inside `editor.read`). */
export function $offsetOf(point: PointType, segments: TextSegment[]): number | null {
  let node = point.getNode();
  let within = point.offset;
  if (!$isTextNode(node)) {
    // An element point: the start of the first text at or after it.
    const child = $isElementNode(node) ? (node.getChildAtIndex(point.offset) ?? node.getLastDescendant()) : null;
    const text = child && ($isTextNode(child) ? child : $isElementNode(child) ? child.getFirstDescendant() : null);
    if (!text || !$isTextNode(text)) return null;
    node = text;
    within = 0;
  }
  const key = pathOf(node).join('.');
  const segment = segments.find((s) => s.path.join('.') === key);
  return segment ? segment.start + within : null;
}

/** Wraps [start, end) of the plain text in a comment mark (inside `editor.update`). */
export function $markRange(id: string, start: number, end: number, segments: TextSegment[]): boolean {
  const first = segments.find((s) => s.end > start);
  const last = [...segments].reverse().find((s) => s.start < end);
  if (!first || !last) return false;
  const a = $nodeAt(first.path);
  const b = $nodeAt(last.path);
  if (!$isTextNode(a) || !$isTextNode(b)) return false;
  const selection = $createRangeSelection();
  selection.anchor.set(a.getKey(), Math.max(0, start - first.start), 'text');
  selection.focus.set(b.getKey(), Math.min(b.getTextContentSize(), end - last.start), 'text');
  $wrapSelectionInMarkNode(selection, false, id);
  return true;
}

/** Every comment id that has a mark in the live tree, with its first mark node. */
export function $marks(): Map<string, MarkNode> {
  const found = new Map<string, MarkNode>();
  const visit = (node: LexicalNode) => {
    if ($isMarkNode(node)) for (const id of node.getIDs()) if (!found.has(id)) found.set(id, node);
    if ($isElementNode(node)) node.getChildren().forEach(visit);
  };
  visit($getRoot());
  return found;
}

/** Takes a comment's mark off (its text stays). */
export function $removeMark(id: string): void {
  const visit = (node: LexicalNode) => {
    if ($isElementNode(node)) node.getChildren().forEach(visit);
    if ($isMarkNode(node) && node.hasID(id)) {
      node.deleteID(id);
      if (node.getIDs().length === 0) $unwrapMarkNode(node);
    }
  };
  visit($getRoot());
}
