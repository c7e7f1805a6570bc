import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';

/** The live node at a path of child indexes from the root (as shared/schemas/lexical's mapPlainText gives them). */
export function $nodeAtPath(path: number[]): LexicalNode | null {
  let node: LexicalNode | null = $getRoot();
  for (const index of path) node = node && $isElementNode(node) ? node.getChildAtIndex(index) : null;
  return node;
}
