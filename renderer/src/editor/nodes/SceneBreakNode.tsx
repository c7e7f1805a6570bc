import type { JSX } from 'react';
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type LexicalNode,
  type SerializedLexicalNode,
} from 'lexical';

export type SerializedSceneBreakNode = SerializedLexicalNode & { type: 'scene-break' };

/** A scene break ("* * *"): a block of its own that the word counter skips. */
export class SceneBreakNode extends DecoratorNode<JSX.Element> {
  static override getType(): string {
    return 'scene-break';
  }

  static override clone(node: SceneBreakNode): SceneBreakNode {
    return new SceneBreakNode(node.__key);
  }

  static override importJSON(): SceneBreakNode {
    return $createSceneBreakNode();
  }

  override exportJSON(): SerializedSceneBreakNode {
    return { ...super.exportJSON(), type: 'scene-break', version: 1 };
  }

  override createDOM(): HTMLElement {
    const div = document.createElement('div');
    div.className = 'ed-scene-break';
    div.setAttribute('role', 'separator');
    div.setAttribute('aria-label', 'Scene break');
    return div;
  }

  override exportDOM(): DOMExportOutput {
    return { element: document.createElement('hr') };
  }

  override getTextContent(): string {
    return '\n* * *\n';
  }

  override isInline(): false {
    return false;
  }

  override updateDOM(): false {
    return false;
  }

  override decorate(): JSX.Element {
    return <span aria-hidden="true">* * *</span>;
  }
}

export function $createSceneBreakNode(): SceneBreakNode {
  return $applyNodeReplacement(new SceneBreakNode());
}

export function $isSceneBreakNode(node: LexicalNode | null | undefined): node is SceneBreakNode {
  return node instanceof SceneBreakNode;
}
