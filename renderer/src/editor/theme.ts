import type { EditorThemeClasses } from 'lexical';

/** Class names Lexical puts on what it renders; styled in styles.css. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'ed-paragraph',
  quote: 'ed-quote',
  heading: { h1: 'ed-h1', h2: 'ed-h2', h3: 'ed-h3' },
  list: {
    ul: 'ed-ul',
    ol: 'ed-ol',
    listitem: 'ed-li',
    nested: { listitem: 'ed-li-nested' },
  },
  text: {
    bold: 'ed-bold',
    italic: 'ed-italic',
    underline: 'ed-underline',
    strikethrough: 'ed-strike',
    underlineStrikethrough: 'ed-underline-strike',
  },
  mark: 'ed-mark',
  link: 'ed-link',
};
