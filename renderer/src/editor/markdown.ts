import {
  BOLD_ITALIC_STAR,
  BOLD_STAR,
  HEADING,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type ElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import { $createSceneBreakNode, $isSceneBreakNode, SceneBreakNode } from './nodes/SceneBreakNode';

/** `***`, `---` or `___` alone on a line becomes a scene break, as in Markdown's thematic break. */
export const SCENE_BREAK: ElementTransformer = {
  dependencies: [SceneBreakNode],
  export: (node) => ($isSceneBreakNode(node) ? '* * *' : null),
  regExp: /^(---|\*\*\*|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const line = $createSceneBreakNode();
    if (isImport || parentNode.getNextSibling() != null) parentNode.replace(line);
    else parentNode.insertBefore(line);
    line.selectNext();
  },
  type: 'element',
};

/** The Markdown shortcuts a prose writer uses; no code blocks or links in a manuscript. */
export const MARKDOWN_SHORTCUTS: Transformer[] = [
  SCENE_BREAK,
  HEADING,
  QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  BOLD_ITALIC_STAR,
  BOLD_STAR,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
];
