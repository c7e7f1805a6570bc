import { Lexer, type Token, type Tokens } from 'marked';
import { StudioError } from '../../../shared/api/result';
import type { Block, Run } from '../export/blocks';

type Style = Omit<Run, 'text'>;

export const refuseScript = () =>
  new StudioError('invalid_content', 'This file holds a script (<script>); Margin does not import scripts. Nothing was imported.');
const SCRIPT = /<\s*script\b/i;

function inlineRuns(tokens: Token[] | undefined, style: Style, runs: Run[] = []): Run[] {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        inlineRuns((token as Tokens.Strong).tokens, { ...style, bold: true }, runs);
        break;
      case 'em':
        inlineRuns((token as Tokens.Em).tokens, { ...style, italic: true }, runs);
        break;
      case 'del':
        inlineRuns((token as Tokens.Del).tokens, { ...style, strike: true }, runs);
        break;
      case 'link':
        // The words of a link are kept, not where it points.
        inlineRuns((token as Tokens.Link).tokens, style, runs);
        break;
      case 'br':
        runs.push({ ...style, text: '\n' });
        break;
      case 'html':
        if (SCRIPT.test((token as Tokens.HTML).text)) throw refuseScript();
        break; // other inline HTML is markup, not words
      case 'image':
        break;
      case 'text':
        if ((token as Tokens.Text).tokens) inlineRuns((token as Tokens.Text).tokens, style, runs);
        else runs.push({ ...style, text: (token as Tokens.Text).text });
        break;
      default:
        if ('text' in token && typeof token.text === 'string') runs.push({ ...style, text: token.text });
    }
  }
  return runs;
}

const SCENE_BREAK_TEXT = /^\s*(#|\*\s*\*\s*\*|\*\*\*)\s*$/;

/** Markdown as blocks: headings, paragraphs, quotes, lists; "***", "* * *" and a lone "#" are scene breaks. */
export function markdownBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const walk = (tokens: Token[], quote: boolean, depth: number) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'heading': {
          const runs = inlineRuns((token as Tokens.Heading).tokens, {});
          if (runs.map((r) => r.text).join('').trim() === '') blocks.push({ kind: 'scene-break' });
          else blocks.push({ kind: 'heading', level: (token as Tokens.Heading).depth, runs });
          break;
        }
        case 'hr':
          blocks.push({ kind: 'scene-break' });
          break;
        case 'paragraph':
        case 'text': {
          const paragraph = token as Tokens.Paragraph;
          if (SCENE_BREAK_TEXT.test(paragraph.text)) blocks.push({ kind: 'scene-break' });
          else blocks.push({ kind: quote ? 'quote' : 'paragraph', runs: paragraph.tokens ? inlineRuns(paragraph.tokens, {}) : [{ text: paragraph.text }] });
          break;
        }
        case 'code':
          blocks.push({ kind: 'paragraph', runs: [{ text: (token as Tokens.Code).text }] });
          break;
        case 'blockquote':
          walk((token as Tokens.Blockquote).tokens, true, depth);
          break;
        case 'list':
          for (const item of (token as Tokens.List).items) {
            const own = item.tokens.filter((t) => t.type !== 'list');
            const runs = own.flatMap((t) => ('tokens' in t && t.tokens ? inlineRuns(t.tokens, {}) : 'text' in t ? [{ text: String(t.text) }] : []));
            blocks.push({ kind: 'item', ordered: (token as Tokens.List).ordered, depth, runs });
            walk(item.tokens.filter((t) => t.type === 'list'), quote, depth + 1);
          }
          break;
        case 'table': {
          const table = token as Tokens.Table;
          for (const row of [table.header, ...table.rows]) blocks.push({ kind: 'paragraph', runs: row.flatMap((cell, i) => [...(i > 0 ? [{ text: ' | ' }] : []), ...inlineRuns(cell.tokens, {})]) });
          break;
        }
        case 'html':
          if (SCRIPT.test((token as Tokens.HTML).text)) throw refuseScript();
          break;
        default:
          break; // space, link definitions
      }
    }
  };
  walk(new Lexer({ gfm: true }).lex(source), false, 0);
  return blocks;
}
