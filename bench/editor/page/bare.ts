// The reference: a bare Lexical editor, rich text and history only, no plugins.
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { createEditor } from 'lexical';

declare global {
  interface Window {
    loadBare: (json: string) => void;
  }
}

window.loadBare = (json: string) => {
  const editor = createEditor({
    namespace: 'bare',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode],
    onError: (error) => {
      throw error;
    },
  });
  editor.setRootElement(document.getElementById('editor'));
  registerRichText(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);
  editor.setEditorState(editor.parseEditorState(json));
};
