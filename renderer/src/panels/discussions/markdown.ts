import { marked, type Token, type Tokens } from 'marked';

/**
 * Light Markdown for posts, made safe by construction: marked only tokenizes, and each token
 * becomes one of a few known elements or plain text. Raw HTML is shown as the text it is,
 * links go out only to http(s) addresses, images are shown as their alt text. Nothing here is
 * ever handed to the page as HTML.
 */
export type MdNode = string | { tag: MdTag; href?: string; children: MdNode[] };
export type MdTag = 'p' | 'strong' | 'em' | 'del' | 'code' | 'pre' | 'ul' | 'ol' | 'li' | 'blockquote' | 'a' | 'br' | 'h' | 'mention';

const SAFE_LINK = /^https?:\/\//i;
const MENTION = /(^|[^\w@])@([a-z0-9_]{3,32})\b/gi;

/** Plain text, with @names picked out (shown as mentions, never links). */
function text(value: string): MdNode[] {
  const out: MdNode[] = [];
  let last = 0;
  for (const m of value.matchAll(MENTION)) {
    const at = m.index + m[1]!.length;
    if (at > last) out.push(value.slice(last, at));
    out.push({ tag: 'mention', children: [`@${m[2]}`] });
    last = at + 1 + m[2]!.length;
  }
  if (last < value.length) out.push(value.slice(last));
  return out;
}

function inline(tokens: Token[] | undefined): MdNode[] {
  return (tokens ?? []).flatMap((t): MdNode[] => {
    switch (t.type) {
      case 'strong':
      case 'em':
      case 'del':
        return [{ tag: t.type, children: inline((t as Tokens.Strong).tokens) }];
      case 'codespan':
        return [{ tag: 'code', children: [(t as Tokens.Codespan).text] }];
      case 'br':
        return [{ tag: 'br', children: [] }];
      case 'link': {
        const link = t as Tokens.Link;
        const children = inline(link.tokens);
        return SAFE_LINK.test(link.href) ? [{ tag: 'a', href: link.href, children }] : [link.raw]; // mailto:, javascript: and the like: the characters typed
      }
      case 'image':
        return [(t as Tokens.Image).text];
      case 'text':
        return (t as Tokens.Text).tokens ? inline((t as Tokens.Text).tokens) : text((t as Tokens.Text).text);
      case 'escape':
        return [(t as Tokens.Escape).text];
      default:
        // html and anything unknown: the writer's characters, as text.
        return text(t.raw);
    }
  });
}

function block(tokens: Token[]): MdNode[] {
  return tokens.flatMap((t): MdNode[] => {
    switch (t.type) {
      case 'space':
      case 'hr':
        return [];
      case 'paragraph':
        return [{ tag: 'p', children: inline((t as Tokens.Paragraph).tokens) }];
      case 'heading':
        return [{ tag: 'h', children: inline((t as Tokens.Heading).tokens) }];
      case 'code':
        return [{ tag: 'pre', children: [{ tag: 'code', children: [(t as Tokens.Code).text] }] }];
      case 'blockquote':
        return [{ tag: 'blockquote', children: block((t as Tokens.Blockquote).tokens) }];
      case 'list': {
        const list = t as Tokens.List;
        return [{ tag: list.ordered ? 'ol' : 'ul', children: list.items.map((item) => ({ tag: 'li' as const, children: block(item.tokens) })) }];
      }
      case 'text':
        return inline([t]);
      default:
        return [{ tag: 'p', children: text(t.raw.trim()) }];
    }
  });
}

export function markdown(source: string): MdNode[] {
  return block(marked.lexer(source, { gfm: true, breaks: true }));
}
