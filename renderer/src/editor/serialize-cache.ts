import { $exportNodeJSON, $getNodeByKey, $getRoot, $isElementNode, HISTORIC_TAG, type LexicalEditor, type LexicalNode, type NodeKey, type SerializedLexicalNode } from 'lexical';

type Serialized = SerializedLexicalNode & { children?: Serialized[] };

/** A node and everything inside it, as `editorState.toJSON()` writes it (Margin uses no slots). */
function $exportTree(node: LexicalNode): Serialized {
  const json = $exportNodeJSON(node) as Serialized;
  if ($isElementNode(node)) for (const child of node.getChildren()) json.children!.push($exportTree(child));
  return json;
}

/**
 * Serializes the editor's document as `JSON.stringify(editorState.toJSON())` would, keeping
 * each top-level block's JSON until an update touches it. An autosave of a 100,000-word
 * chapter then serializes the few blocks that changed and joins the rest, instead of walking
 * and stringifying every node while the writer's next keystrokes wait.
 */
export function createSerializeCache(editor: LexicalEditor) {
  let blocks = new Map<NodeKey, string>();
  const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, editorState, tags }) => {
    // Undo and redo swap in a whole earlier state: start again.
    if (tags.has(HISTORIC_TAG)) return void blocks.clear();
    if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
    editorState.read(() => {
      for (const key of [...dirtyLeaves, ...dirtyElements.keys()]) {
        blocks.delete(key); // a top-level block itself
        const top = $getNodeByKey(key)?.getTopLevelElement();
        if (top) blocks.delete(top.getKey());
      }
    });
  });

  return {
    serialize(): string {
      return editor.getEditorState().read(() => {
        const root = $getRoot();
        const next = new Map<NodeKey, string>();
        const parts: string[] = [];
        for (const child of root.getChildren()) {
          const key = child.getKey();
          const json = blocks.get(key) ?? JSON.stringify($exportTree(child));
          next.set(key, json);
          parts.push(json);
        }
        blocks = next; // drops blocks that are gone
        const shell = JSON.stringify({ root: $exportNodeJSON(root) });
        // The root's own (empty) children array is the first one in its JSON.
        return shell.replace('"children":[]', () => `"children":[${parts.join(',')}]`);
      });
    },
    /**
     * Fills the cache a few blocks at a time while the page is idle, so even the first
     * autosave after opening a long chapter only serializes what was typed.
     */
    warm(deadline: IdleDeadline): boolean {
      return editor.getEditorState().read(() => {
        for (const child of $getRoot().getChildren()) {
          if (deadline.timeRemaining() < 2) return false;
          if (!blocks.has(child.getKey())) blocks.set(child.getKey(), JSON.stringify($exportTree(child)));
        }
        return true;
      });
    },
    dispose: unregister,
  };
}
